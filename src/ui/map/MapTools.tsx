/**
 * The map's tool bar, top right: the search box (units, sites, cells, coordinates; map-search.ts) and the
 * measuring buttons with the live figure (measure-tool.ts). Renders and dispatches; the map controller draws.
 */
import { useContext, useMemo, useState, type KeyboardEvent } from 'react';
import type { Cell, Ward } from '../../core/model.ts';
import { ExportUnitsContext } from '../export/export-units.ts';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { PROVINCE_CRS } from '../province-crs.ts';
import { cursorCoordinates } from './cursor-coordinates.ts';
import type { MapController } from './map-controller.ts';
import { mapSearchIndex, searchMap, type MapSearchHit, type MapSearchIndex } from './map-search.ts';
import { formatArea, formatLength } from './measurement.ts';
import type { MeasureMode, MeasureState } from './measure-tool.ts';

interface MapToolsProps {
  controller: MapController | null;
  wards: readonly Ward[];
  cells: readonly Cell[];
  /** The measure being drawn or shown, null when the tool is closed. */
  measure: MeasureState | null;
  /** A unit was chosen in the search: select it and zoom to it. */
  onSelectUnit: (wardIndex: number) => void;
}

export function MapTools({ controller, wards, cells, measure, onSelectUnit }: MapToolsProps) {
  const { language, t } = useI18n();
  const units = useContext(ExportUnitsContext);
  // the index (every unit, site and cell, their text folded: ~0.1 s for the embedded 16,927 cells) is built when
  // the search box is first focused, not while the layers load at start
  const index = useMemo(() => {
    let built: MapSearchIndex | null = null;
    return () => (built ??= mapSearchIndex(wards, (ward) => units.get(ward.id)?.formerDistricts || ward.district || '', cells));
  }, [wards, cells, units]);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const hits = useMemo(() => (query.trim() === '' ? [] : searchMap(index(), query, PROVINCE_CRS)), [index, query]);

  const choose = (hit: MapSearchHit) => {
    setOpen(false);
    setQuery(hitTitle(hit));
    if (hit.kind === 'unit') {
      controller?.showSearchHit(null);
      onSelectUnit(hit.wardIndex);
    } else controller?.showSearchHit({ lon: hit.lon, lat: hit.lat });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (hits.length === 0 ? 0 : (current + step + hits.length) % hits.length));
    } else if (event.key === 'Enter' && hits[active] !== undefined) {
      event.preventDefault();
      choose(hits[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setQuery('');
      controller?.showSearchHit(null);
    }
  };

  const hitDetail = (hit: MapSearchHit): string => {
    if (hit.kind === 'unit') return hit.context;
    if (hit.kind === 'site') return t('mapSearchSiteDetail', { operator: hit.operator, n: formatCount(hit.cells, language) });
    if (hit.kind === 'cell') return `${hit.siteId} · ${hit.operator} · ${hit.technology}`;
    // the typed form, then the position in the other system(s)
    const coordinates = cursorCoordinates(hit.lon, hit.lat, language);
    const elsewhere = hit.form === 'projected' ? `WGS84 ${coordinates.wgs84}` : `VN-2000 ${coordinates.vn2000}`;
    return `${t(`mapSearchForm_${hit.form}`)} → ${elsewhere}`;
  };
  const hitTitle = (hit: MapSearchHit): string =>
    hit.kind === 'unit' ? hit.name : hit.kind === 'site' ? hit.siteId : hit.kind === 'cell' ? hit.cellId : query.trim();
  const kindLabel = { unit: t('mapSearchUnit'), site: t('mapSearchSite'), cell: t('mapSearchCell'), position: t('mapSearchPosition') };

  const startMeasure = (mode: MeasureMode) => {
    if (measure !== null && measure.mode === mode && !measure.finished) controller?.measure.stop();
    else controller?.measure.start(mode);
  };

  return (
    <div className="map-tools">
      <div className="map-search" role="search">
        <input
          type="search"
          data-testid="map-search"
          aria-label={t('mapSearchLabel')}
          placeholder={t('mapSearchPlaceholder')}
          value={query}
          role="combobox"
          aria-expanded={open && query.trim() !== ''}
          aria-controls="map-search-results"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => {
            index();
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {open && query.trim() !== '' && (
          <ul className="map-search-results" id="map-search-results" role="listbox">
            {hits.length === 0 && <li className="map-search-none">{t('mapSearchNone')}</li>}
            {hits.map((hit, k) => (
              <li
                key={`${hit.kind}-${k}`}
                role="option"
                aria-selected={k === active}
                className={k === active ? 'active' : ''}
                data-search-hit={hit.kind}
                // chosen on mouse down, before the input's blur closes the list
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(hit);
                }}
                onMouseEnter={() => setActive(k)}
              >
                <span className="map-search-kind">{kindLabel[hit.kind]}</span>
                <span className="map-search-title">{hitTitle(hit)}</span>
                <span className="map-search-detail">{hitDetail(hit)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="map-measure" role="group" aria-label={t('measureDistance')}>
        {(['distance', 'area'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            className={`button button-small ${measure?.mode === mode ? 'active' : ''}`}
            aria-pressed={measure?.mode === mode}
            data-measure={mode}
            onClick={() => startMeasure(mode)}
          >
            {t(mode === 'distance' ? 'measureDistance' : 'measureArea')}
          </button>
        ))}
      </div>
      {measure !== null && (
        <div className="map-measure-result" data-testid="measure-result" aria-live="polite">
          {measure.mode === 'area' && (
            <div>
              <span className="map-measure-label">{t('measureAreaValue')}</span> <strong data-testid="measure-area">{formatArea(measure.areaM2, language)}</strong>
            </div>
          )}
          <div>
            <span className="map-measure-label">{t(measure.mode === 'area' ? 'measurePerimeter' : 'measureLength')}</span>{' '}
            <strong data-testid="measure-length">{formatLength(measure.lengthM, language)}</strong>
          </div>
          {!measure.finished && <p className="hint">{t('measureHint')}</p>}
          <div className="map-measure-actions">
            {!measure.finished && (
              <button type="button" className="link-button" onClick={() => controller?.measure.finish()}>
                {t('measureFinish')}
              </button>
            )}
            <button type="button" className="link-button" data-measure-clear onClick={() => controller?.measure.stop()}>
              {t('measureClear')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
