import { fastLog10 } from './fast-log10.ts';
import type { PathLossFunction, PathLossInput } from './path-loss.ts';

/** Speed of light in vacuum, m/s (exact by the SI definition of the metre). */
const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/**
 * 20·log10(4π·10⁶/c): the free-space loss in dB at 1 m and 1 MHz, so that
 * L = 20·log10(d_m) + 20·log10(f_MHz) − 27.5522 (ITU-R P.525 eq. (4), written there for km as 32.45).
 */
export const FSPL_AT_1_M_1_MHZ_DB = 20 * Math.log10((4 * Math.PI * 1e6) / SPEED_OF_LIGHT_M_PER_S);

/** Below this 3D distance the loss is held at its 1 m value (the far-field formula diverges at 0). */
const FSPL_MIN_DISTANCE_M = 1;

/**
 * Free-space path loss (ITU-R P.525-4 eq. (4)): L = 20·log10(4π·d·f/c) dB over the 3D distance d between the
 * antennas, d = √(ground² + (h_BS − h_UT)²), held at its value for d = 1 m below 1 m.
 *
 * @example prepareFspl({ bandMhz: 1800, baseStationHeightM: 1.5, handsetHeightM: 1.5, ... })(1000) // 97.55 dB
 */
export function prepareFspl(input: PathLossInput): PathLossFunction {
  const interceptDb = FSPL_AT_1_M_1_MHZ_DB + 20 * Math.log10(input.bandMhz);
  const heightDifferenceM = input.baseStationHeightM - input.handsetHeightM;
  const heightDifferenceSquared = heightDifferenceM * heightDifferenceM;
  const minimumSquared = FSPL_MIN_DISTANCE_M * FSPL_MIN_DISTANCE_M;
  // 10·log10(d²) = 20·log10(d): one logarithm, no square root
  return (groundDistanceM) => {
    const squared = groundDistanceM * groundDistanceM + heightDifferenceSquared;
    return interceptDb + 10 * fastLog10(squared > minimumSquared ? squared : minimumSquared);
  };
}
