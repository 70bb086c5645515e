/** Legend of the analysis layers: signal classes with their thresholds, weak zones, the weak % choropleth. */
import type { SignalThresholdsDbm } from '../../core/model.ts';
import { formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { WEAK_PCT_BREAKS, WEAK_PCT_COLOURS, signalColour } from './analysis-colours.ts';
import { ZONE_STYLE } from './analysis-map.ts';

export function AnalysisLegend({ thresholds }: { thresholds: SignalThresholdsDbm }) {
  const { language, t } = useI18n();
  const dbm = (value: number) => formatDecimal(value, language, 0);
  const params = { good: dbm(thresholds.good), fair: dbm(thresholds.fair), weak: dbm(thresholds.weak) };
  const rows = [
    { colour: signalColour(0), label: t('legendSignalGood', params) },
    { colour: signalColour(1), label: t('legendSignalFair', params) },
    { colour: signalColour(2), label: t('legendSignalWeak', params) },
    { colour: signalColour(3), label: t('legendSignalNone', params) },
  ];
  const bounds = [0, ...WEAK_PCT_BREAKS];
  return (
    <div className="analysis-legend" data-testid="analysis-legend">
      <div className="legend-heading">{t('legendSignalTitle')}</div>
      <ul>
        {rows.map((row) => (
          <li key={row.label}>
            <span className="swatch" style={{ background: row.colour }} />
            {row.label}
          </li>
        ))}
        <li>
          <span className="swatch swatch-zone" style={{ background: ZONE_STYLE.fillColor, borderColor: ZONE_STYLE.color }} />
          {t('legendZones')}
        </li>
      </ul>
      <div className="legend-heading">{t('legendWeakPct')}</div>
      <div className="ramp">
        {WEAK_PCT_COLOURS.map((colour, index) => (
          <span key={colour} style={{ background: colour }}>
            {index < WEAK_PCT_BREAKS.length ? `${bounds[index]}–${WEAK_PCT_BREAKS[index]}` : `≥ ${bounds[index]}`}
          </span>
        ))}
      </div>
      <p className="hint threshold-note">{t('legendThresholdNote')}</p>
    </div>
  );
}
