/**
 * Legend of the RSRP heat map: the colour ramp (heatmap-colours.ts) as a bar with the signal-class thresholds as
 * its ticks, in dBm, and the statement that the map is a model prediction on a grid, not a measurement.
 */
import type { SignalThresholdsDbm } from '../../core/model.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { rgbColour } from './analysis-colours.ts';
import { heatmapStops } from './heatmap-colours.ts';

/** The heat map request's state, for the line under the legend. */
export type HeatmapStatus =
  | { kind: 'computing' }
  | { kind: 'shown'; gridM: number; evaluatedCells: number; elapsedMs: number }
  | { kind: 'failed'; reason: string };

export function HeatmapLegend({ thresholds, status }: { thresholds: SignalThresholdsDbm; status: HeatmapStatus }) {
  const { language, t } = useI18n();
  const stops = heatmapStops(thresholds);
  const high = stops[0].rsrpDbm;
  const low = stops[stops.length - 1].rsrpDbm;
  const at = (rsrpDbm: number): number => ((high - rsrpDbm) / (high - low)) * 100;
  const gradient = `linear-gradient(to right, ${stops.map((stop) => `${rgbColour(stop.rgb)} ${at(stop.rsrpDbm).toFixed(1)}%`).join(', ')})`;
  const dbm = (value: number) => formatDecimal(value, language, 0);
  const ticks = [
    { rsrpDbm: high, label: `≥ ${dbm(high)}` },
    { rsrpDbm: thresholds.good, label: dbm(thresholds.good) },
    { rsrpDbm: thresholds.fair, label: dbm(thresholds.fair) },
    { rsrpDbm: thresholds.weak, label: dbm(thresholds.weak) },
    { rsrpDbm: low, label: `≤ ${dbm(low)}` },
  ];
  return (
    <div className="analysis-legend heatmap-legend" data-testid="heatmap-legend">
      <div className="legend-heading">{t('heatmapLegendTitle')}</div>
      <div className="heatmap-bar" style={{ background: gradient }} />
      <div className="heatmap-ticks">
        {ticks.map((tick) => (
          <span key={tick.rsrpDbm} data-heatmap-tick={tick.rsrpDbm} style={{ left: `${at(tick.rsrpDbm)}%` }}>
            {tick.label}
          </span>
        ))}
      </div>
      <p className="hint">{t('heatmapModelNote')}</p>
      <p className="hint" data-heatmap-status={status.kind}>
        {status.kind === 'computing' && t('heatmapComputing')}
        {status.kind === 'shown' &&
          t('heatmapShown', { grid: formatCount(status.gridM, language), cells: formatCount(status.evaluatedCells, language), ms: formatCount(Math.round(status.elapsedMs), language) })}
        {status.kind === 'failed' && t('heatmapFailed', { reason: status.reason })}
      </p>
    </div>
  );
}
