/**
 * The layer switcher: each layer with its size and a "synthetic" label where it holds generated data (an
 * "approximate" one for the embedded zones), the cell filter (technology, operators) and the legend.
 */
import { useMemo } from 'react';
import { TECHNOLOGIES, type Technology } from '../../core/model.ts';
import { formatCount } from '../format-number.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { OpacitySlider } from '../OpacitySlider.tsx';
import type { LayerOpacity, LayerVisibility } from '../map/map-controller.ts';
import { OPERATOR_COLOURS, OPERATOR_GROUPS, type OperatorGroup } from '../operator-colour.ts';
import type { AppData } from '../use-dataset.ts';
import { OPERATOR_LABELS } from '../Legend.tsx';
import { StartGuide, type StartEntry } from './StartGuide.tsx';

export interface CellFilterState {
  technology: Technology | 'all';
  operators: ReadonlySet<OperatorGroup>;
}

interface LayersPanelProps {
  data: AppData;
  /** An entry point of the start guide was chosen. */
  onStartEntry: (entry: StartEntry) => void;
  visibility: LayerVisibility;
  onVisibility: (visibility: LayerVisibility) => void;
  opacity: LayerOpacity;
  onOpacity: (opacity: LayerOpacity) => void;
  cellFilter: CellFilterState;
  onCellFilter: (filter: CellFilterState) => void;
}

export function LayersPanel({ data, visibility, onVisibility, opacity, onOpacity, cellFilter, onCellFilter, onStartEntry }: LayersPanelProps) {
  const { language, t } = useI18n();
  const count = (value: number) => formatCount(value, language);
  const siteCount = useMemo(() => new Set(data.cells.map((cell) => cell.siteId)).size, [data.cells]);
  const householdTotal = useMemo(
    () => (data.households === null ? 0 : data.households.count.reduce((sum, value) => sum + value, 0)),
    [data.households],
  );

  const rows: Array<{ key: keyof LayerVisibility & keyof LayerOpacity; label: DictionaryKey; detail: string | null; synthetic: boolean; approximate?: boolean }> = [
    { key: 'wards', label: 'layerWards', detail: data.wards.length > 0 ? t('countWards', { n: count(data.wards.length) }) : null, synthetic: false },
    {
      key: 'sites',
      label: 'layerSites',
      detail: data.cells.length > 0 ? t('countCells', { n: count(data.cells.length), sites: count(siteCount) }) : null,
      synthetic: data.synthetic.has('sites'),
    },
    {
      key: 'households',
      label: 'layerHouseholds',
      detail:
        data.households !== null
          ? t('countHouseholds', { points: count(data.households.length), households: count(householdTotal) })
          : null,
      synthetic: data.synthetic.has('households'),
    },
    {
      key: 'fibre',
      label: 'layerFibre',
      detail:
        data.fibre !== null
          ? t('countFibre', { routes: count(data.fibre.routes.length), nodes: count(data.fibre.nodes.length) })
          : null,
      synthetic: data.synthetic.has('fibre'),
    },
    {
      key: 'zones',
      label: 'layerZones',
      detail: data.zones !== null ? t('countZones', { n: count(data.zones.length) }) : null,
      synthetic: false,
      approximate: data.approximate.has('zones'),
    },
  ];

  const toggleOperator = (group: OperatorGroup) => {
    const operators = new Set(cellFilter.operators);
    if (operators.has(group)) operators.delete(group);
    else operators.add(group);
    onCellFilter({ ...cellFilter, operators });
  };

  return (
    <div className="layers-panel">
      <StartGuide data={data} onEntry={onStartEntry} />
      <section className="panel-section">
        <ul className="layer-list">
          {rows.map((row) => (
            <li key={row.key}>
              <label className="layer-toggle">
                <input
                  type="checkbox"
                  checked={visibility[row.key] !== false}
                  data-layer-toggle={row.key}
                  onChange={(event) => onVisibility({ ...visibility, [row.key]: event.target.checked })}
                />
                <span>
                  <span className="layer-name">{t(row.label)}</span>
                  {row.synthetic && <span className="synthetic-tag">{t('synthetic')}</span>}
                  {row.approximate === true && <span className="synthetic-tag">{t('approximateTag')}</span>}
                  <span className="layer-detail">{row.detail ?? t('notLoaded')}</span>
                </span>
              </label>
              <OpacitySlider
                opacity={opacity[row.key]}
                onOpacity={(value) => onOpacity({ ...opacity, [row.key]: value })}
                data={{ 'data-layer-opacity': row.key }}
              />
            </li>
          ))}
        </ul>
      </section>
      <section className="panel-section">
        <h2>{t('layerSites')}</h2>
        <div className="field-row">
          <label htmlFor="technology-filter">{t('technologyShown')}</label>
          <select
            id="technology-filter"
            value={cellFilter.technology}
            onChange={(event) => onCellFilter({ ...cellFilter, technology: event.target.value as Technology | 'all' })}
          >
            <option value="all">{t('technologyAll')}</option>
            {TECHNOLOGIES.map((technology) => (
              <option key={technology} value={technology}>
                {technology}
              </option>
            ))}
          </select>
        </div>
        <div className="operator-toggles" role="group" aria-label={t('operatorsShown')}>
          {OPERATOR_GROUPS.map((group) => (
            <label key={group} className="operator-toggle">
              <input type="checkbox" checked={cellFilter.operators.has(group)} onChange={() => toggleOperator(group)} />
              <span className="swatch" style={{ background: OPERATOR_COLOURS[group] }} />
              {t(OPERATOR_LABELS[group])}
            </label>
          ))}
        </div>
      </section>
      {/* the legend floats over the map (one legend, seen from every tab) */}
      <section className="panel-section">
        <p className="hint">{t('sourcesNote')}</p>
      </section>
    </div>
  );
}
