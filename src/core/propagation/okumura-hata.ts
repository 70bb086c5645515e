import { areaCorrectionDb, hataHeightsM, mobileAntennaCorrectionDb, prepareHataCurve } from './hata-family.ts';
import type { PathLossFunction, PathLossInput } from './path-loss.ts';

/**
 * Okumura-Hata path loss (Hata 1980; COST 231 Final Report eq. (4.4.1)), valid 150–1500 MHz, h_b 30–200 m,
 * h_m 1–10 m, d 1–20 km, with d the ground distance in km:
 *   L_urban = 69.55 + 26.16·log10 f − 13.82·log10 h_b − a(h_m) + (44.9 − 6.55·log10 h_b)·log10 d
 * plus the suburban or open-area correction (see `hata-family.ts`). Metropolitan uses the large-city a(h_m).
 * Outside the ranges the formula is still evaluated (frequency, heights clamped to ≥ 1 m) and, below 1 km,
 * never gives less than free space (`prepareHataCurve`).
 *
 * @example
 * const input = { bandMhz: 869, baseStationHeightM: 30, handsetHeightM: 1, environment: 'metropolitan', los: false };
 * prepareOkumuraHata(input)(2000) // 137.93 dB (ns-3 okumura-hata test suite, "original OH Urban Large city")
 */
export function prepareOkumuraHata(input: PathLossInput): PathLossFunction {
  const { bandMhz, environment } = input;
  const { baseStationM, handsetM } = hataHeightsM(input);
  const lossAt1KmDb =
    69.55 +
    26.16 * Math.log10(bandMhz) -
    13.82 * Math.log10(baseStationM) -
    mobileAntennaCorrectionDb(bandMhz, handsetM, environment) +
    areaCorrectionDb(bandMhz, environment);
  return prepareHataCurve(lossAt1KmDb, input);
}
