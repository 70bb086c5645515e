import type { Technology } from './model.ts';

/** RF fields that a sites file may leave empty; see `RF_DEFAULTS`. */
export interface RfDefaults {
  bandMhz: number;
  heightM: number;
  beamwidthDeg: number;
  rsPowerDbm: number;
  antennaGainDbi: number;
  feederLossDb: number;
}

/**
 * Defaults for missing RF fields, per technology (documented in docs/models.md).
 * Powers are per reference signal / pilot, the quantity the "rsrp" link budget is written in:
 * - 2G: one GSM carrier of 20 W (43 dBm) on 900 MHz; received level compares with RxLev.
 * - 3G: CPICH at 10 % of 20 W (33 dBm) on 2100 MHz.
 * - 4G: 40 W over 20 MHz = 1200 subcarriers → 46 − 10·log10(1200) ≈ 15.2 dBm per RE, on 1800 MHz.
 * - 5G: 80 W over 100 MHz at 30 kHz SCS = 3276 subcarriers → 49 − 10·log10(3276) ≈ 13.8 dBm per RE,
 *   on 3500 MHz (n78), with a higher-gain array antenna.
 */
export const RF_DEFAULTS: Readonly<Record<Technology, RfDefaults>> = {
  '2G': { bandMhz: 900, heightM: 30, beamwidthDeg: 65, rsPowerDbm: 43, antennaGainDbi: 15, feederLossDb: 3 },
  '3G': { bandMhz: 2100, heightM: 30, beamwidthDeg: 65, rsPowerDbm: 33, antennaGainDbi: 17, feederLossDb: 2 },
  '4G': { bandMhz: 1800, heightM: 30, beamwidthDeg: 65, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2 },
  '5G': { bandMhz: 3500, heightM: 25, beamwidthDeg: 65, rsPowerDbm: 13.8, antennaGainDbi: 24, feederLossDb: 1 },
};
