/**
 * Legend of the downlink-quality layer shown (SINR, throughput, best server or overlap): its classes with their
 * bounds (quality-classes.ts), and for throughput the statement that it is a single-user model, not a measurement.
 */
import { SINR_BREAKS_DB, THROUGHPUT_BREAKS_OF_TARGET, type QualityLayer } from '../../core/coverage/quality-classes.ts';
import { PILOT_POLLUTION_SERVERS } from '../../core/coverage/link-quality.ts';
import { speedTargetMbps } from '../../core/coverage/speed-statistics.ts';
import type { AnalysisSettings } from '../../core/model.ts';
import { formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import type { Translate } from '../i18n.ts';
import { NO_SERVER_RGB, OVERLAP_RGB, QUALITY_RGB, SERVER_RGB, rgbColour } from './analysis-colours.ts';

interface LegendRow {
  colour: string;
  label: string;
}

/** Rows for classes bounded below by descending `bounds`: ≥ b0, b1 to < b0, …, < the last. */
function rangeRows(t: Translate, bounds: readonly string[], unit: string): LegendRow[] {
  return [
    t('legendAtLeast', { low: bounds[0], unit }),
    ...bounds.slice(1).map((low, k) => t('legendBetween', { low, high: bounds[k], unit })),
    t('legendBelow', { high: bounds[bounds.length - 1], unit }),
  ].map((label, k) => ({ colour: rgbColour(QUALITY_RGB[k]), label }));
}

export function QualityLegend({ layer, settings }: { layer: QualityLayer; settings: AnalysisSettings }) {
  const { language, t } = useI18n();
  const number = (value: number) => formatDecimal(value, language, 0);
  const noServer = { colour: rgbColour(NO_SERVER_RGB), label: t('legendNoServer', { cutoff: number(settings.interferenceCutoffDb) }) };
  const targetMbps = speedTargetMbps(settings) ?? 0;
  let title: string;
  let rows: LegendRow[];
  let note: string | null = null;
  switch (layer) {
    case 'sinr':
      title = t('legendSinrTitle');
      rows = [...rangeRows(t, SINR_BREAKS_DB.map(number), 'dB'), noServer];
      note = t('legendSinrNote');
      break;
    case 'throughput':
      title = t('legendThroughputTitle', { target: number(targetMbps) });
      // grey here also where the server is below the no-signal floor: no service, no throughput
      rows = [
        ...rangeRows(t, THROUGHPUT_BREAKS_OF_TARGET.map((factor) => number(factor * targetMbps)), 'Mb/s'),
        { colour: rgbColour(NO_SERVER_RGB), label: t('legendNoService', { weak: number(settings.thresholdsDbm.weak), cutoff: number(settings.interferenceCutoffDb) }) },
      ];
      note = t('throughputModelNote', { load: number(settings.loadFactor * 100) });
      break;
    case 'overlap':
      title = t('legendOverlapTitle');
      rows = [
        t('legendOverlapAlone'),
        ...Array.from({ length: PILOT_POLLUTION_SERVERS - 2 }, (_, k) => String(k + 2)),
        t('legendOverlapPollution', { n: PILOT_POLLUTION_SERVERS }),
      ].map((label, k) => ({ colour: rgbColour(OVERLAP_RGB[k]), label }));
      break;
    case 'server':
      title = t('legendServerTitle');
      rows = [noServer];
      note = t('legendServerNote');
      break;
  }
  return (
    <div className="analysis-legend quality-legend" data-testid="quality-legend" data-quality-layer={layer}>
      <div className="legend-heading">{title}</div>
      {layer === 'server' && (
        <div className="ramp server-ramp">
          {SERVER_RGB.slice(0, -1).map((rgb) => (
            <span key={rgbColour(rgb)} style={{ background: rgbColour(rgb) }} />
          ))}
        </div>
      )}
      <ul>
        {rows.map((row) => (
          <li key={row.label}>
            <span className="swatch" style={{ background: row.colour }} />
            {row.label}
          </li>
        ))}
      </ul>
      {note !== null && <p className="hint threshold-note">{note}</p>}
    </div>
  );
}
