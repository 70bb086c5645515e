/**
 * The Google Earth / QGIS downloads of a result layer (issue 13): KML and KMZ (styled by class, names, a
 * description table), a zipped Shapefile in WGS84 or in the province's VN-2000 TM-3 zone (105°45′, EPSG:9210), and,
 * for point layers with lon/lat columns, CSV and Excel with the VN-2000 easting/northing added. Built on click from
 * the io writers, so nothing is computed while the panel only renders.
 */
import { featuresToKml, featuresToShapefile, kmzOf, type ExportCollection, type FeatureKmlOptions } from '../../io/export-features.ts';
import { withProjectedColumns, type Table } from '../../io/export-table.ts';
import { useI18n } from '../i18n-context.ts';
import { PROVINCE_CRS } from '../province-crs.ts';
import { downloadCsv, downloadXlsx } from './analysis-exports.ts';
import { downloadFile } from './download.ts';

const MIME_KML = 'application/vnd.google-earth.kml+xml';
const MIME_KMZ = 'application/vnd.google-earth.kmz';
const MIME_ZIP = 'application/zip';

interface GeoExportButtonsProps {
  /** Prefix of the buttons' data-export attributes (`zones` → `zones-kml`, `zones-shp-vn2000`…). */
  id: string;
  baseName: string;
  collection: () => ExportCollection;
  /**
   * How the features are written as KML (one placemark each), or the KML document itself where the layer has a
   * writer of its own (new sites: one placemark per site, not one per cell at the same point).
   */
  kml: FeatureKmlOptions | (() => string);
  /** A table with lon/lat columns: offered as CSV/Excel with VN-2000 TM-3 columns too. */
  table?: () => Table;
}

export function GeoExportButtons({ id, baseName, collection, kml, table }: GeoExportButtonsProps) {
  const { t } = useI18n();
  const button = (suffix: string, label: string, action: () => void | Promise<void>) => (
    <button type="button" className="button button-small" data-export={`${id}-${suffix}`} onClick={() => void action()}>
      {label}
    </button>
  );
  const kmlText = (): string => (typeof kml === 'function' ? kml() : featuresToKml(collection(), kml).kml);
  return (
    <div className="export-buttons geo-export-buttons">
      {button('kml', 'KML', () => downloadFile(`${baseName}.kml`, kmlText(), MIME_KML))}
      {button('kmz', 'KMZ', () => downloadFile(`${baseName}.kmz`, kmzOf(kmlText()), MIME_KMZ))}
      {button('shp', t('exportShapefileWgs84'), () => downloadFile(`${baseName}_shp.zip`, featuresToShapefile(baseName, collection()).zip, MIME_ZIP))}
      {button('shp-vn2000', t('exportShapefileVn2000'), () =>
        downloadFile(`${baseName}_vn2000_shp.zip`, featuresToShapefile(baseName, collection(), PROVINCE_CRS).zip, MIME_ZIP),
      )}
      {table !== undefined && (
        <>
          {button('csv-vn2000', t('exportCsvVn2000'), () => downloadCsv(withProjectedColumns(table(), PROVINCE_CRS), `${baseName}_vn2000`))}
          {button('xlsx-vn2000', t('exportXlsxVn2000'), () => downloadXlsx(withProjectedColumns(table(), PROVINCE_CRS), `${baseName}_vn2000`))}
        </>
      )}
    </div>
  );
}
