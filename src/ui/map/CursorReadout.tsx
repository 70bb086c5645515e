/** The cursor's WGS84 and VN-2000 TM-3 coordinates, bottom right above the scale bar (cursor-coordinates.ts). */
import { useI18n } from '../i18n-context.ts';
import { cursorCoordinates } from './cursor-coordinates.ts';

export function CursorReadout({ lon, lat }: { lon: number; lat: number }) {
  const { language, t } = useI18n();
  const coordinates = cursorCoordinates(lon, lat, language);
  return (
    <div className="map-cursor" data-testid="cursor-coordinates" aria-live="off">
      <div>
        <span className="map-cursor-label">WGS84</span> {coordinates.wgs84}
      </div>
      <div title={t('cursorVn2000Title')}>
        <span className="map-cursor-label">VN-2000</span> {coordinates.vn2000}
      </div>
    </div>
  );
}
