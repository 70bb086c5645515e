import type { Environment } from '../model.ts';
import { areaCorrectionDb, hataHeightsM, mobileAntennaCorrectionDb, prepareHataCurve } from './hata-family.ts';
import type { PathLossFunction, PathLossInput } from './path-loss.ts';

/** COST 231 "C_m": 3 dB for metropolitan centres, 0 dB for medium-sized cities and suburban centres. */
function metropolitanCorrectionDb(environment: Environment): number {
  return environment === 'metropolitan' ? 3 : 0;
}

/**
 * COST-231-Hata path loss (COST Action 231 Final Report, 1999, ch. 4, eq. (4.4.3)), valid 1500–2000 MHz,
 * h_b 30–200 m, h_m 1–10 m, d 1–20 km, with d the ground distance in km:
 *   L = 46.3 + 33.9·log10 f − 13.82·log10 h_b − a(h_m) + (44.9 − 6.55·log10 h_b)·log10 d + C_m
 * with C_m = 3 dB and the large-city a(h_m) for metropolitan, C_m = 0 and the small/medium-city a(h_m) otherwise.
 * COST 231 defines only these urban cases; for suburban and rural (open area) we add Hata's area corrections to
 * the C_m = 0 value, as for Okumura-Hata. Outside the ranges: as Okumura-Hata (evaluated, never below free space).
 *
 * @example
 * const input = { bandMhz: 2114, baseStationHeightM: 30, handsetHeightM: 1, environment: 'urban', los: false };
 * prepareCost231Hata(input)(2000) // 150.64 dB (ns-3 okumura-hata test suite, "COST231 OH Urban small city")
 */
export function prepareCost231Hata(input: PathLossInput): PathLossFunction {
  const { bandMhz, environment } = input;
  const { baseStationM, handsetM } = hataHeightsM(input);
  const lossAt1KmDb =
    46.3 +
    33.9 * Math.log10(bandMhz) -
    13.82 * Math.log10(baseStationM) -
    mobileAntennaCorrectionDb(bandMhz, handsetM, environment) +
    metropolitanCorrectionDb(environment) +
    areaCorrectionDb(bandMhz, environment);
  return prepareHataCurve(lossAt1KmDb, input);
}
