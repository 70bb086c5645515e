/** English UI strings of the downlink-quality layers: every key of quality-i18n-vi.ts. */
import type { qualityVi } from './quality-i18n-vi.ts';

export const qualityEn: Record<keyof typeof qualityVi, string> = {
  qualityColourBy: 'Colour households by',
  qualityLayerSignal: 'Signal level (RSRP)',
  qualityLayerSinr: 'SINR',
  qualityLayerThroughput: 'Download throughput (model)',
  qualityLayerServer: 'Best server',
  qualityLayerOverlap: 'Overlap (pilot pollution)',
  qualityOnlyOfdm: 'SINR, throughput and overlap are computed for 4G and 5G only.',
  legendAtLeast: '≥ {low} {unit}',
  legendBetween: '{low} to < {high} {unit}',
  legendBelow: '< {high} {unit}',
  legendNoServer: 'No server above the interference cut-off (N − {cutoff} dB)',
  legendSinrTitle: 'Downlink SINR (dB)',
  legendSinrNote: 'The ranges LTE drive tests commonly read SINR with, not a standard’s levels.',
  legendThroughputTitle: 'Modelled download throughput (Mb/s), target {target} Mb/s',
  legendServerTitle: 'Best server (one colour per cell)',
  legendServerNote: '12 colours repeat; the sectors of one site always differ.',
  legendOverlapTitle: 'Co-channel cells within 6 dB of the server',
  legendOverlapAlone: '1 (the server alone)',
  legendOverlapPollution: '≥ {n}: pilot pollution',
  throughputModelNote:
    'Throughput is a model estimate (3GPP TR 36.942 A.2) for a single user under the given network load ({load} %), not a measurement.',
  analysisMedianMbps: 'Median Mb/s',
  analysisSpeedOkPct: '% at speed',
  analysisSpeedChange: 'Households at the speed target ({target} Mb/s): {delta} since the analysis',
  popupSinr: 'SINR (dB)',
  popupThroughput: 'Modelled download (Mb/s)',
  popupOverlap: 'Co-channel cells within 6 dB',
  popupPilotPollution: 'Pilot pollution: {n} or more cells within 6 dB.',
  popupNoQuality: 'The server is weaker than the interference cut-off (N − {cutoff} dB): no SINR or throughput.',
};
