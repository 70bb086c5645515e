import type { Environment, PathLossModelName } from '../model.ts';

/** Upper end of Okumura-Hata's frequency range and lower end of COST-231-Hata's, MHz. */
const HATA_UPPER_BAND_MHZ = 1500;
/** Upper end of COST-231-Hata's frequency range, MHz. */
const COST231_UPPER_BAND_MHZ = 2000;

/**
 * The path-loss model for a cell that names none: the model whose stated frequency range holds the band.
 * - below 1500 MHz (GSM/LTE 700, 800, 900): Okumura-Hata, every environment (its range is 150–1500 MHz);
 * - 1500–2000 MHz (LTE 1800): COST-231-Hata, every environment;
 * - above 2000 MHz (UMTS/LTE 2100, LTE 2600, NR 3500): 3GPP TR 38.901, whose range is 0.5–100 GHz —
 *   UMa for metropolitan and urban wards (macro sites above the rooftops of a dense street grid);
 *   RMa for suburban and rural ones (Hải Phòng's towns and communes are low-rise, close to RMa's default
 *   5 m average building height and 20 m street width).
 * UMi-Street Canyon (below-rooftop small cells) and FSPL are never guessed from the band: a sites file that
 * has small cells or line-of-sight links names the model explicitly.
 *
 * @example choosePathLossModel(900, 'rural') // 'okumura-hata'
 * @example choosePathLossModel(3500, 'metropolitan') // '3gpp-uma'
 */
export function choosePathLossModel(bandMhz: number, environment: Environment): PathLossModelName {
  if (bandMhz < HATA_UPPER_BAND_MHZ) return 'okumura-hata';
  if (bandMhz <= COST231_UPPER_BAND_MHZ) return 'cost231-hata';
  return environment === 'metropolitan' || environment === 'urban' ? '3gpp-uma' : '3gpp-rma';
}
