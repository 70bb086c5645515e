/**
 * Downlink quality of a household from what the coverage engine sums: noise per resource element, the
 * interference cut-off, SINR, the 3GPP TR 36.942 Annex A.2 spectral efficiency and the modelled throughput.
 * Formulas and sources in docs/models.md "SINR and throughput".
 *
 * RSRP (3GPP TS 36.214 §5.1.1, TS 38.215 §5.1.1) is a power per resource element, so the noise it is compared
 * with is the thermal noise in one subcarrier: −174 dBm/Hz + 10·log10(subcarrier spacing in Hz) + noise figure.
 */
import type { AnalysisSettings, OfdmTechnology, Technology } from '../model.ts';
import { defaultBandwidthMhz } from '../radio-fields.ts';

/** Thermal noise density at 290 K, dBm/Hz (k·T = 1.380649·10⁻²³ J/K × 290 K = −173.98 dBm/Hz, rounded as usual). */
export const THERMAL_NOISE_DBM_PER_HZ = -174;
/** LTE subcarrier spacing, kHz (TS 36.211 §6.2.3; the 7.5 kHz MBSFN numerology carries no unicast data). */
export const LTE_SUBCARRIER_SPACING_KHZ = 15;
/** Window of the overlap count: co-channel cells within this many dB of the best server, the server included. */
export const OVERLAP_WINDOW_DB = 6;
/** Overlap count from which a household is in pilot pollution: the best server and three others. */
export const PILOT_POLLUTION_SERVERS = 4;

/** TR 36.942 V17.0.0 Table A.2-1, downlink: attenuation α, SINR_MIN, maximum efficiency (bit/s/Hz). */
export const TR36942_DOWNLINK = { alpha: 0.6, minSinrDb: -10, maxEfficiencyBpsHz: 4.4 } as const;

/** Whether the analysis of `technology` computes SINR and throughput (4G and 5G: OFDM resource elements). */
export function isOfdmTechnology(technology: Technology): technology is OfdmTechnology {
  return technology === '4G' || technology === '5G';
}

/**
 * Subcarrier spacing of an OFDM technology, kHz: 15 for LTE, the setting's NR numerology for 5G.
 * @example subcarrierSpacingKhz('5G', { nrSubcarrierSpacingKhz: 30 }) // 30
 */
export function subcarrierSpacingKhz(technology: OfdmTechnology, settings: Pick<AnalysisSettings, 'nrSubcarrierSpacingKhz'>): number {
  return technology === '4G' ? LTE_SUBCARRIER_SPACING_KHZ : settings.nrSubcarrierSpacingKhz;
}

/**
 * Thermal noise plus the handset's noise figure in one resource element, dBm:
 * −174 + 10·log10(SCS_Hz) + NF.
 * @example noisePerResourceElementDbm('4G', DEFAULT_SETTINGS) // −174 + 41.76 + 7 = −125.24 dBm
 */
export function noisePerResourceElementDbm(
  technology: OfdmTechnology,
  settings: Pick<AnalysisSettings, 'nrSubcarrierSpacingKhz' | 'noiseFigureDb'>,
): number {
  return THERMAL_NOISE_DBM_PER_HZ + 10 * Math.log10(subcarrierSpacingKhz(technology, settings) * 1000) + settings.noiseFigureDb;
}

/**
 * The weakest RSRP that still counts, dBm: interferers below it are left out of the sum, and a best server
 * below it gives no SINR (the household has no server). N − `interferenceCutoffDb`, −135.24 dBm for 4G by default.
 */
export function interferenceCutoffDbm(
  technology: OfdmTechnology,
  settings: Pick<AnalysisSettings, 'nrSubcarrierSpacingKhz' | 'noiseFigureDb' | 'interferenceCutoffDb'>,
): number {
  return noisePerResourceElementDbm(technology, settings) - settings.interferenceCutoffDb;
}

/** dBm (or dB) to mW (or a linear ratio). */
export function dbToLinear(db: number): number {
  return Math.exp(db * (Math.LN10 / 10));
}

/**
 * SINR in dB of a household: S / (loadFactor × I + N) with every term in mW.
 *
 * @param serverMw RSRP of the best server, mW
 * @param interferenceMw sum of the RSRP of the other co-channel cells above the cut-off, mW (before the load factor)
 * @param noiseMw noise per resource element, mW
 * @example sinrDb(1e-9, 1e-9, 0, 0.5) // 10·log10(1 / 0.5) = 3.01 dB: two equal cells, no noise
 */
export function sinrDb(serverMw: number, interferenceMw: number, noiseMw: number, loadFactor: number): number {
  return 10 * Math.log10(serverMw / (loadFactor * interferenceMw + noiseMw));
}

/**
 * Achievable downlink spectral efficiency, bit/s/Hz, by 3GPP TR 36.942 Annex A.2 (attenuated Shannon bound):
 * 0 below SINR_MIN = −10 dB, α·log2(1 + SINR) with α = 0.6 above it, capped at 4.4 bit/s/Hz (reached at
 * 10·log10(2^(4.4/0.6) − 1) = 22.05 dB, the table's SINR_MAX of 22 dB).
 *
 * @example spectralEfficiencyBpsHz(0) // 0.6·log2(2) = 0.6
 */
export function spectralEfficiencyBpsHz(sinr: number): number {
  const { alpha, minSinrDb, maxEfficiencyBpsHz } = TR36942_DOWNLINK;
  if (!(sinr >= minSinrDb)) return 0;
  return Math.min(alpha * Math.log2(1 + dbToLinear(sinr)), maxEfficiencyBpsHz);
}

/**
 * Modelled single-user downlink throughput, Mb/s: efficiency (TR 36.942 A.2) × channel bandwidth × MIMO layers.
 * A model of one user alone under the given load, not a measurement.
 *
 * @example throughputMbps(22, 20, 2) // 4.4 × 20 × 2 = 176 Mb/s
 */
export function throughputMbps(sinr: number, bandwidthMhz: number, layers: number): number {
  return spectralEfficiencyBpsHz(sinr) * bandwidthMhz * layers;
}

/** A cell's channel bandwidth, MHz: its `bandwidth_mhz`, else the default of its technology and band. */
export function cellBandwidthMhz(cell: { technology: Technology; bandMhz: number; bandwidthMhz: number | null }): number {
  return cell.bandwidthMhz ?? defaultBandwidthMhz(cell.technology, cell.bandMhz);
}
