/**
 * What Okumura-Hata and COST-231-Hata share: the mobile-antenna height correction a(h_m), the suburban and
 * open-area corrections, the distance slope, and how the curve is used below its 1 km validity.
 *
 * Sources: M. Hata, "Empirical formula for propagation loss in land mobile radio services", IEEE Trans. Veh.
 * Technol. VT-29(3), 1980, eqs. (4)–(8); COST Action 231 Final Report (1999), ch. 4, eqs. (4.4.1)–(4.4.4).
 */
import type { Environment } from '../model.ts';
import { fastLog10 } from './fast-log10.ts';
import { prepareFspl } from './fspl.ts';
import type { PathLossFunction, PathLossInput } from './path-loss.ts';

/** Heights below this are raised to it (Hata's range is h_m 1–10 m; the logarithms need h > 0). */
const HATA_MIN_HEIGHT_M = 1;
/** Base-station heights above this are lowered to it (keeps the slope B = 44.9 − 6.55·log10 h_b above 25 dB/decade). */
const HATA_MAX_BASE_STATION_HEIGHT_M = 1000;

/** Heights as the Hata formulas use them: clamped to [1 m, 1000 m] for the base station, ≥ 1 m for the handset. */
export function hataHeightsM(input: PathLossInput): { baseStationM: number; handsetM: number } {
  return {
    baseStationM: Math.min(Math.max(input.baseStationHeightM, HATA_MIN_HEIGHT_M), HATA_MAX_BASE_STATION_HEIGHT_M),
    handsetM: Math.max(input.handsetHeightM, HATA_MIN_HEIGHT_M),
  };
}

/**
 * Mobile-antenna height correction a(h_m) in dB (Hata 1980 eqs. (5)–(6); COST 231 eq. (4.4.2)):
 * - metropolitan (large city): 8.29·(log10(1.54·h_m))² − 1.1 for f ≤ 200 MHz, else 3.2·(log10(11.75·h_m))² − 4.97;
 * - every other environment (small/medium city, the base of the suburban and open-area formulas):
 *   (1.1·log10 f − 0.7)·h_m − (1.56·log10 f − 0.8).
 */
export function mobileAntennaCorrectionDb(bandMhz: number, handsetHeightM: number, environment: Environment): number {
  if (environment === 'metropolitan') {
    return bandMhz <= 200
      ? 8.29 * Math.log10(1.54 * handsetHeightM) ** 2 - 1.1
      : 3.2 * Math.log10(11.75 * handsetHeightM) ** 2 - 4.97;
  }
  const logF = Math.log10(bandMhz);
  return (1.1 * logF - 0.7) * handsetHeightM - (1.56 * logF - 0.8);
}

/**
 * Area correction in dB added to the urban (small/medium city) loss (Hata 1980 eqs. (7)–(8)):
 * suburban −2·(log10(f/28))² − 5.4; rural (open area) −4.78·(log10 f)² + 18.33·log10 f − 40.94; else 0.
 */
export function areaCorrectionDb(bandMhz: number, environment: Environment): number {
  const logF = Math.log10(bandMhz);
  if (environment === 'suburban') return -2 * Math.log10(bandMhz / 28) ** 2 - 5.4;
  if (environment === 'rural') return -4.78 * logF * logF + 18.33 * logF - 40.94;
  return 0;
}

/** Distance slope of the Hata family in dB per decade of distance: B = 44.9 − 6.55·log10(h_b). */
function hataSlopeDb(baseStationHeightM: number): number {
  return 44.9 - 6.55 * Math.log10(baseStationHeightM);
}

/**
 * The Hata-family curve L(d) = L(1 km) + B·log10(d_km), extrapolated below the models' 1 km minimum but never
 * below free space: close to the mast the empirical line falls under the free-space loss (in open areas already
 * at a few hundred metres), which no real path can beat. So L(d) = FSPL(d_3D) below the distance where the two
 * meet and the Hata line beyond it; both rise with distance and meet there, so L is continuous and non-decreasing.
 *
 * @param lossAt1KmDb the model's loss at 1 km ground distance (all height, city and area terms included)
 */
export function prepareHataCurve(lossAt1KmDb: number, input: PathLossInput): PathLossFunction {
  const { baseStationM, handsetM } = hataHeightsM(input);
  const slopeDb = hataSlopeDb(baseStationM);
  // referred to 1 m so the hot path needs no division: B·log10(d_km) = B·log10(d_m) − 3B
  const lossAt1MDb = lossAt1KmDb - 3 * slopeDb;
  const freeSpace = prepareFspl({ ...input, baseStationHeightM: baseStationM, handsetHeightM: handsetM });
  const hata = (groundDistanceM: number): number => lossAt1MDb + slopeDb * fastLog10(groundDistanceM);
  const crossoverM = findCrossoverM(hata, freeSpace);
  return (groundDistanceM) => (groundDistanceM < crossoverM ? freeSpace(groundDistanceM) : hata(groundDistanceM));
}

/**
 * Ground distance where the Hata line meets free space. Hata − FSPL rises strictly with distance (slope B ≥ 25
 * dB/decade against at most 20 for free space over the 3D distance), so bisection on log-distance finds the one root.
 */
function findCrossoverM(hata: PathLossFunction, freeSpace: PathLossFunction): number {
  let lowLog = -3; // 1 mm: Hata is far below free space there
  let highLog = 7; // 10,000 km: far above
  for (let i = 0; i < 60; i++) {
    const middleLog = (lowLog + highLog) / 2;
    const distanceM = 10 ** middleLog;
    if (hata(distanceM) < freeSpace(distanceM)) lowLog = middleLog;
    else highLog = middleLog;
  }
  return 10 ** highLog;
}
