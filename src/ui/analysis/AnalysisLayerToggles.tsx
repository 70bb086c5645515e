/** Which analysis layers the map shows (signal classes, weak zones, ward choropleth), with the legend. */
import type { ReactNode } from 'react';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { AnalysisLegend } from './AnalysisLegend.tsx';
import type { Analysis } from './use-analysis.ts';

export interface AnalysisLayers {
  signal: boolean;
  zones: boolean;
  choropleth: boolean;
}

interface AnalysisLayerTogglesProps {
  analysis: Analysis;
  layers: AnalysisLayers;
  onLayers: (layers: AnalysisLayers) => void;
}

export function AnalysisLayerToggles({ analysis, layers, onLayers }: AnalysisLayerTogglesProps) {
  const { language, t } = useI18n();
  return (
    <section className="panel-section">
      <LayerCheckbox layer="signal" label={t('analysisShowSignal')} layers={layers} onLayers={onLayers} />
      <LayerCheckbox layer="zones" label={t('analysisShowZones')} layers={layers} onLayers={onLayers}>
        {analysis.zones !== null && <span className="hint"> · {t('analysisZonesCount', { n: formatCount(analysis.zones.features.length, language) })}</span>}
      </LayerCheckbox>
      <LayerCheckbox layer="choropleth" label={t('analysisShowChoropleth')} layers={layers} onLayers={onLayers} />
      {analysis.lastUpdate !== null && layers.zones && <p className="hint">{t('analysisZonesStale')}</p>}
      <AnalysisLegend thresholds={analysis.settings.thresholdsDbm} />
    </section>
  );
}

interface LayerCheckboxProps {
  layer: keyof AnalysisLayers;
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
