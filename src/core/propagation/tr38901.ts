/**
 * 3GPP TR 38.901 V16.1.0 / V17.0.0, section 7.4.1, Table 7.4.1-1: path loss of the UMa, UMi-Street Canyon and
 * RMa scenarios, without shadow fading. NLOS is max(PL_LOS, PL'_NLOS) as the table defines it; LOS on request.
 *
 * Choices where the table leaves room (documented in docs/models.md):
 * - c = 3.0·10⁸ m/s in the breakpoint distances, as the table's notes say (the ns-3 vectors use it too);
 * - UMa: the effective environment height h_E is 1 m. The table draws h_E at random when h_UT ≥ 13 m; below
 *   13 m (every handset) C(d_2D, h_UT) = 0 and h_E = 1 m with probability 1, so only high-rise terminals differ;
 * - RMa: average building height h = 5 m and street width W = 20 m (the table's defaults);
 * - distances below the table's 10 m minimum are clamped to 10 m; beyond the maximum (5 km, RMa LOS 10 km)
 *   and outside 0.5–100 GHz (RMa 0.5–30 GHz) the formulas are still evaluated;
 * - heights outside the table's ranges are used as given, except h_UT ≥ 1 m and h_BS ≥ h_UT + 1 m so the
 *   breakpoint distance and its logarithms stay defined.
 */
import { fastLog10 } from './fast-log10.ts';
import type { PathLossFunction, PathLossInput } from './path-loss.ts';

/** Propagation velocity the table's notes prescribe, m/s. */
const TR38901_SPEED_OF_LIGHT_M_PER_S = 3.0e8;
/** Smallest ground distance of the table's validity ranges; shorter distances are clamped to it. */
const TR38901_MIN_DISTANCE_M = 10;
/** Effective environment height h_E for UMa and UMi breakpoints, m. */
const EFFECTIVE_ENVIRONMENT_HEIGHT_M = 1;
/** RMa average building height h, m (table default; range 5–50 m). */
const RMA_BUILDING_HEIGHT_M = 5;
/** RMa average street width W, m (table default; range 5–50 m). */
const RMA_STREET_WIDTH_M = 20;

/** Heights as the formulas use them: h_UT ≥ 1 m, h_BS ≥ h_UT + 1 m. */
function scenarioHeightsM(input: PathLossInput): { baseStationM: number; handsetM: number } {
  const handsetM = Math.max(input.handsetHeightM, 1);
  return { baseStationM: Math.max(input.baseStationHeightM, handsetM + 1), handsetM };
}

/** The coefficients in which UMa and UMi-Street Canyon differ (Table 7.4.1-1, log10 of d_3D in m and f_c in GHz). */
interface UrbanScenario {
  /** PL1 = losInterceptDb + losSlopeDb·log10 d_3D + 20·log10 f_c */
  losInterceptDb: number;
  losSlopeDb: number;
  /** PL2 = losInterceptDb + 40·log10 d_3D + 20·log10 f_c − breakpointFactorDb·log10(d'_BP² + (h_BS − h_UT)²) */
  breakpointFactorDb: number;
  /** PL'_NLOS = nlosInterceptDb + nlosSlopeDb·log10 d_3D + nlosFrequencyDb·log10 f_c − nlosHandsetDbPerM·(h_UT − 1.5) */
  nlosInterceptDb: number;
  nlosSlopeDb: number;
  nlosFrequencyDb: number;
  nlosHandsetDbPerM: number;
}

const UMA: UrbanScenario = {
  losInterceptDb: 28,
  losSlopeDb: 22,
  breakpointFactorDb: 9,
  nlosInterceptDb: 13.54,
  nlosSlopeDb: 39.08,
  nlosFrequencyDb: 20,
  nlosHandsetDbPerM: 0.6,
};

const UMI_STREET_CANYON: UrbanScenario = {
  losInterceptDb: 32.4,
  losSlopeDb: 21,
  breakpointFactorDb: 9.5,
  nlosInterceptDb: 22.4,
  nlosSlopeDb: 35.3,
  nlosFrequencyDb: 21.3,
  nlosHandsetDbPerM: 0.3,
};

/**
 * UMa or UMi-Street Canyon. Breakpoint d'_BP = 4·h'_BS·h'_UT·f_c/c with h' = h − h_E (Table 7.4.1-1 note 1);
 * PL1 below it, PL2 beyond, both over d_3D = √(d_2D² + (h_BS − h_UT)²). The two meet at the breakpoint
 * (d_3D² = d'_BP² + (h_BS − h_UT)² there), so the loss is continuous and rises with distance.
 */
function prepareUrbanScenario(scenario: UrbanScenario, input: PathLossInput): PathLossFunction {
  const { baseStationM, handsetM } = scenarioHeightsM(input);
  const frequencyGhz = input.bandMhz / 1000;
  const heightDifferenceSquared = (baseStationM - handsetM) ** 2;
  const effectiveBaseStationM = baseStationM - EFFECTIVE_ENVIRONMENT_HEIGHT_M;
  const effectiveHandsetM = handsetM - EFFECTIVE_ENVIRONMENT_HEIGHT_M;
  const breakpointM = (4 * effectiveBaseStationM * effectiveHandsetM * frequencyGhz * 1e9) / TR38901_SPEED_OF_LIGHT_M_PER_S;
  const frequencyDb = 20 * Math.log10(frequencyGhz);
  const beforeBreakpointDb = scenario.losInterceptDb + frequencyDb;
  // fastLog10 here as in the hot path, so PL1 and PL2 meet exactly at the breakpoint
  const breakpointTermDb = scenario.breakpointFactorDb * fastLog10(breakpointM ** 2 + heightDifferenceSquared);
  const afterBreakpointDb = scenario.losInterceptDb + frequencyDb - breakpointTermDb;
  const { losSlopeDb, nlosSlopeDb } = scenario;
  const nlosDb =
    scenario.nlosInterceptDb +
    scenario.nlosFrequencyDb * Math.log10(frequencyGhz) -
    scenario.nlosHandsetDbPerM * (handsetM - 1.5);

  const losDb = (distanceM: number, logDistance3d: number): number =>
    distanceM <= breakpointM ? beforeBreakpointDb + losSlopeDb * logDistance3d : afterBreakpointDb + 40 * logDistance3d;
  if (input.los) {
    return (groundDistanceM) => {
      const distanceM = groundDistanceM > TR38901_MIN_DISTANCE_M ? groundDistanceM : TR38901_MIN_DISTANCE_M;
      return losDb(distanceM, 0.5 * fastLog10(distanceM * distanceM + heightDifferenceSquared));
    };
  }
  return (groundDistanceM) => {
    const distanceM = groundDistanceM > TR38901_MIN_DISTANCE_M ? groundDistanceM : TR38901_MIN_DISTANCE_M;
    const logDistance3d = 0.5 * fastLog10(distanceM * distanceM + heightDifferenceSquared);
    const los = losDb(distanceM, logDistance3d);
    const nlos = nlosDb + nlosSlopeDb * logDistance3d;
    return nlos > los ? nlos : los;
  };
}

/**
 * 3GPP TR 38.901 UMa (urban macro), Table 7.4.1-1:
 *   PL1 = 28 + 22·log10 d_3D + 20·log10 f_c
 *   PL2 = 28 + 40·log10 d_3D + 20·log10 f_c − 9·log10(d'_BP² + (h_BS − h_UT)²)
 *   PL'_NLOS = 13.54 + 39.08·log10 d_3D + 20·log10 f_c − 0.6·(h_UT − 1.5);  PL_NLOS = max(PL_LOS, PL'_NLOS)
 * with d in m and f_c in GHz.
 *
 * @example
 * const input = { bandMhz: 5000, baseStationHeightM: 25, handsetHeightM: 1.5, environment: 'urban', los: false };
 * prepareUma(input)(100) // 106.1356 dB (ns-3 three-gpp-propagation-loss-model test suite)
 */
export function prepareUma(input: PathLossInput): PathLossFunction {
  return prepareUrbanScenario(UMA, input);
}

/**
 * 3GPP TR 38.901 UMi-Street Canyon (urban micro), Table 7.4.1-1:
 *   PL1 = 32.4 + 21·log10 d_3D + 20·log10 f_c
 *   PL2 = 32.4 + 40·log10 d_3D + 20·log10 f_c − 9.5·log10(d'_BP² + (h_BS − h_UT)²)
 *   PL'_NLOS = 35.3·log10 d_3D + 22.4 + 21.3·log10 f_c − 0.3·(h_UT − 1.5);  PL_NLOS = max(PL_LOS, PL'_NLOS)
 *
 * @example
 * const input = { bandMhz: 5000, baseStationHeightM: 10, handsetHeightM: 1.5, environment: 'urban', los: true };
 * prepareUmi(input)(100) // 88.4122 dB (ns-3 three-gpp-propagation-loss-model test suite)
 */
export function prepareUmi(input: PathLossInput): PathLossFunction {
  return prepareUrbanScenario(UMI_STREET_CANYON, input);
}

/**
 * 3GPP TR 38.901 RMa (rural macro), Table 7.4.1-1, with h = 5 m, W = 20 m, d in m, f_c in GHz:
 *   PL1(d) = 20·log10(40π·d·f_c/3) + min(0.03·h^1.72, 10)·log10 d − min(0.044·h^1.72, 14.77) + 0.002·log10(h)·d
 *   PL2 = PL1(d_BP) + 40·log10(d_3D/d_BP), d_BP = 2π·h_BS·h_UT·f_c/c (PL1 over d_3D for d_2D ≤ d_BP)
 *   PL'_NLOS = 161.04 − 7.1·log10 W + 7.5·log10 h − (24.37 − 3.7·(h/h_BS)²)·log10 h_BS
 *              + (43.42 − 3.1·log10 h_BS)·(log10 d_3D − 3) + 20·log10 f_c − (3.2·(log10(11.75·h_UT))² − 4.97)
 *   PL_NLOS = max(PL_LOS, PL'_NLOS)
 * At the breakpoint PL2 starts above PL1 (slope 40 against at most 30 dB/decade), so the loss still rises.
 *
 * @example
 * const input = { bandMhz: 5000, baseStationHeightM: 35, handsetHeightM: 1.5, environment: 'rural', los: false };
 * prepareRma(input)(1000) // 133.5223 dB (ns-3 three-gpp-propagation-loss-model test suite)
 */
export function prepareRma(input: PathLossInput): PathLossFunction {
  const { baseStationM, handsetM } = scenarioHeightsM(input);
  const h = RMA_BUILDING_HEIGHT_M;
  const w = RMA_STREET_WIDTH_M;
  const frequencyGhz = input.bandMhz / 1000;
  const heightDifferenceSquared = (baseStationM - handsetM) ** 2;
  const breakpointM = (2 * Math.PI * baseStationM * handsetM * frequencyGhz * 1e9) / TR38901_SPEED_OF_LIGHT_M_PER_S;

  // PL1(d) = pl1InterceptDb + pl1SlopeDb·log10 d + pl1LinearDbPerM·d
  const pl1InterceptDb = 20 * Math.log10((40 * Math.PI * frequencyGhz) / 3) - Math.min(0.044 * h ** 1.72, 14.77);
  const pl1SlopeDb = 20 + Math.min(0.03 * h ** 1.72, 10);
  const pl1LinearDbPerM = 0.002 * Math.log10(h);
  const pl1Db = (distance3dM: number, logDistance3d: number): number =>
    pl1InterceptDb + pl1SlopeDb * logDistance3d + pl1LinearDbPerM * distance3dM;
  // PL2 = PL1(d_BP) − 40·log10 d_BP + 40·log10 d_3D
  const pl2InterceptDb = pl1Db(breakpointM, Math.log10(breakpointM)) - 40 * Math.log10(breakpointM);
  const nlosSlopeDb = 43.42 - 3.1 * Math.log10(baseStationM);
  const nlosInterceptDb =
    161.04 -
    7.1 * Math.log10(w) +
    7.5 * Math.log10(h) -
    (24.37 - 3.7 * (h / baseStationM) ** 2) * Math.log10(baseStationM) -
    3 * nlosSlopeDb +
    20 * Math.log10(frequencyGhz) -
    (3.2 * Math.log10(11.75 * handsetM) ** 2 - 4.97);

  const losDb = (distanceM: number, distance3dM: number, logDistance3d: number): number =>
    distanceM <= breakpointM ? pl1Db(distance3dM, logDistance3d) : pl2InterceptDb + 40 * logDistance3d;
  const los = input.los;
  return (groundDistanceM) => {
    const distanceM = groundDistanceM > TR38901_MIN_DISTANCE_M ? groundDistanceM : TR38901_MIN_DISTANCE_M;
    const distance3dM = Math.sqrt(distanceM * distanceM + heightDifferenceSquared);
    const logDistance3d = fastLog10(distance3dM);
    const lossLos = losDb(distanceM, distance3dM, logDistance3d);
    if (los) return lossLos;
    const lossNlos = nlosInterceptDb + nlosSlopeDb * logDistance3d;
    return lossNlos > lossLos ? lossNlos : lossLos;
  };
}
