/**
 * Which analysis layers the map shows (household points coloured by signal class or by a downlink-quality layer,
 * weak zones, ward choropleth), with the legends.
 */
import type { ReactNode } from 'react';
import { isOfdmTechnology } from '../../core/coverage/link-quality.ts';
import type { QualityLayer } from '../../core/coverage/quality-classes.ts';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { OpacitySlider } from '../OpacitySlider.tsx';
import type { DictionaryKey } from '../i18n.ts';
import { AnalysisLegend } from './AnalysisLegend.tsx';
import { HeatmapLegend, type HeatmapStatus } from './HeatmapLegend.tsx';
import { QualityLegend } from './QualityLegend.tsx';
import type { Analysis } from './use-analysis.ts';

/** What the household points are coloured by: the signal class, or a downlink-quality layer (4G/5G). */
export type PointColouring = 'signal' | QualityLayer;

export interface AnalysisLayers {
  signal: boolean;
  zones: boolean;
  choropleth: boolean;
  colourBy: PointColouring;
  /** The RSRP heat map (a model prediction on a grid over land) and its opacity, 0…1. */
  heatmap: boolean;
  heatmapOpacity: number;
}

const COLOURINGS: ReadonlyArray<{ value: PointColouring; label: DictionaryKey; ofdmOnly: boolean }> = [
  { value: 'signal', label: 'qualityLayerSignal', ofdmOnly: false },
  { value: 'sinr', label: 'qualityLayerSinr', ofdmOnly: true },
  { value: 'throughput', label: 'qualityLayerThroughput', ofdmOnly: true },
  { value: 'server', label: 'qualityLayerServer', ofdmOnly: false },
  { value: 'overlap', label: 'qualityLayerOverlap', ofdmOnly: true },
];

/** The colouring the analysis can show: SINR, throughput and overlap exist for 4G/5G only (else the signal). */
export function shownColouring(layers: AnalysisLayers, analysis: Pick<Analysis, 'settings'>): PointColouring {
  const option = COLOURINGS.find((entry) => entry.value === layers.colourBy);
  return option === undefined || (option.ofdmOnly && !isOfdmTechnology(analysis.settings.technology)) ? 'signal' : layers.colourBy;
}

interface AnalysisLayerTogglesProps {
  analysis: Analysis;
  layers: AnalysisLayers;
  onLayers: (layers: AnalysisLayers) => void;
  /** What the heat map shows (computing, its last refresh, a failure). */
  heatmapStatus: HeatmapStatus;
}

export function AnalysisLayerToggles({ analysis, layers, onLayers, heatmapStatus }: AnalysisLayerTogglesProps) {
  const { language, t } = useI18n();
  const ofdm = isOfdmTechnology(analysis.settings.technology);
  const colouring = shownColouring(layers, analysis);
  return (
    <section className="panel-section">
      <LayerCheckbox layer="signal" label={t('analysisShowSignal')} layers={layers} onLayers={onLayers} />
      <label className="colour-by">
        {t('qualityColourBy')}
        <select
          data-analysis-colour-by
          value={colouring}
          disabled={!layers.signal}
          onChange={(event) => onLayers({ ...layers, colourBy: event.target.value as PointColouring })}
        >
          {COLOURINGS.filter((entry) => ofdm || !entry.ofdmOnly).map((entry) => (
            <option key={entry.value} value={entry.value}>
              {t(entry.label)}
            </option>
          ))}
        </select>
      </label>
      {!ofdm && <p className="hint">{t('qualityOnlyOfdm')}</p>}
      <LayerCheckbox layer="zones" label={t('analysisShowZones')} layers={layers} onLayers={onLayers}>
        {analysis.zones !== null && <span className="hint"> · {t('analysisZonesCount', { n: formatCount(analysis.zones.features.length, language) })}</span>}
        {analysis.zonesStatus === 'outlining' && <span className="hint" data-zones-outlining> · {t('analysisZonesOutlining')}</span>}
      </LayerCheckbox>
      <LayerCheckbox layer="choropleth" label={t('analysisShowChoropleth')} layers={layers} onLayers={onLayers} />
      <LayerCheckbox layer="heatmap" label={t('heatmapShow')} layers={layers} onLayers={onLayers}>
        <OpacitySlider
          opacity={layers.heatmapOpacity}
          onOpacity={(heatmapOpacity) => onLayers({ ...layers, heatmapOpacity })}
          disabled={!layers.heatmap}
          data={{ 'data-heatmap-opacity': true }}
        />
      </LayerCheckbox>
      {analysis.lastUpdate !== null && layers.zones && <p className="hint">{t('analysisZonesStale')}</p>}
      {layers.heatmap && <HeatmapLegend thresholds={analysis.settings.thresholdsDbm} status={heatmapStatus} />}
      {layers.signal && colouring !== 'signal' && <QualityLegend layer={colouring} settings={analysis.settings} />}
      <AnalysisLegend thresholds={analysis.settings.thresholdsDbm} />
    </section>
  );
}

interface LayerCheckboxProps {
  layer: 'signal' | 'zones' | 'choropleth' | 'heatmap';
  label: string;
  layers: AnalysisLayers;
  onLayers: (layers: AnalysisLayers) => void;
  children?: ReactNode;
}

/** Shows or hides one analysis layer; `children` follow the label. */
function LayerCheckbox({ layer, label, layers, onLayers, children }: LayerCheckboxProps) {
  return (
    <label className="check-row">
      <input type="checkbox" data-analysis-layer={layer} checked={layers[layer]} onChange={(event) => onLayers({ ...layers, [layer]: event.target.checked })} />
      {label}
      {children}
    </label>
  );
}
