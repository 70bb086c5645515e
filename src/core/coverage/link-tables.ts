/**
 * The link budget tabulated for the interference sums: an analysis adds up ~10⁸ household–interferer pairs
 * (600,000 households × ~170 co-channel cells above the cut-off in the bench city), too many for the exact
 * budget's logarithm, arctangent and exponential per pair. Per cell, in mW:
 *
 *   rsrp_mW(d, φ) = P(d) · max(g_V(d) · g_H(φ), g_m)       (docs/models.md "Antenna pattern": min(A_H + A_V, A_m))
 *
 * with P(d) = 10^((eirp − path_loss(d))/10) and P·g_V tabulated against d² (256 steps per octave, read straight
 * from the float's bits: no logarithm), g_H = 10^(−A_H/10) tabulated against cos φ (16,384 steps), and
 * g_m = 10^(−A_m/10). cos φ comes from a dot product with the azimuth (no arctangent). Linear interpolation
 * keeps the tabulated RSRP within 0.003 dB of `rsrpAtDbm` (the largest errors sit on the models' kinks: the Hata
 * family's switch to free space near the mast, the pattern's caps; `tests/core/coverage/downlink-quality.test.ts`);
 * where a comparison depends on it (the cut-off, the 6 dB overlap window) a value within `DECISION_BAND` of the
 * threshold is recomputed exactly, so the cells counted are those of the exact budget.
 *
 * Cells sharing a path-loss curve, EIRP and tilt share their tables, so a city needs a few hundred of them.
 */
import { rsrpAtDbm, type PreparedCell } from '../link-budget.ts';
import { horizontalPatternLossDb, verticalPatternLossDb, elevationDeg } from '../propagation/antenna-pattern.ts';
import { dbToLinear } from './link-quality.ts';

/**
 * The tables' layout. An enum, which the compilers (esbuild: tsx, Vite) write into the code as literals: read from
 * the module's scope, as `const`s are, V8 loaded and checked each of them again for every household of the sums.
 */
const enum Layout {
  /** Table steps per octave of d²: 2^(1/256) in d², 0.14 % in d (≤ 0.012 dB of path loss at 40 dB/decade). */
  STEP_BITS = 8,
  /** Shift of the float's high word that leaves exponent and the first STEP_BITS mantissa bits. */
  SHIFT = 20 - STEP_BITS,
  /** Index of d² = 1 m² (IEEE-754 exponent bias 1023). */
  INDEX_OF_ONE = 1023 << STEP_BITS,
  FRACTION_MASK = (1 << SHIFT) - 1,
  FRACTION_SCALE = 1 / (1 << SHIFT),
  /** Steps of the horizontal gain table over cos φ ∈ [−1, 1]. */
  COS_STEPS = 16384,
}
/** g_m: the pattern's total attenuation is capped at A_m = 25 dB (TR 36.814 Table A.2.1.1-2). */
export const PATTERN_FLOOR_GAIN = dbToLinear(-25);
/** Relative band around a threshold within which a tabulated value is recomputed exactly (±0.0087 dB, 3× the table's error). */
export const DECISION_BAND = 0.002;

// one float viewed as its two 32-bit words; the high word holds sign, exponent and the top 20 mantissa bits
const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * A cell's tabulated link budget, with what the interference sums need of it. A class, so that the sums' loops
 * see one shape and inline its methods.
 */
export class TabulatedCell {
  constructor(
    readonly prepared: PreparedCell,
    /** Metres per degree of longitude and latitude at the cell (cheap-ruler), as the engine measures distances. */
    readonly kx: number,
    readonly ky: number,
    /** sin and cos of the azimuth (0 for an omni cell). */
    readonly sinAzimuth: number,
    readonly cosAzimuth: number,
    /** g_H against cos φ (COS_STEPS + 2 entries), or null for an omni cell. */
    readonly horizontalGain: Float64Array | null,
    /** P(d) and P(d)·g_V(d) against d² (`tableIndex`), mW; the same array when the cell has no tilt. */
    readonly boresightMw: Float64Array,
    readonly verticalMw: Float64Array,
    /** Square of the largest distance at which the boresight RSRP reaches the search floor, m². */
    readonly reachSquaredM2: number,
  ) {}

  /**
   * Tabulated RSRP in mW at the offset (dx, dy) metres east and north of the cell, d² = dx² + dy² within its
   * reach; 0 where even its boresight is below `cutoffMw` (less the decision band). Within 0.01 dB of
   * `rsrpAtDbm` (see the module comment).
   */
  rsrpMw(dx: number, dy: number, distanceSquaredM2: number, cutoffMw: number): number {
    const { boresightMw, verticalMw, horizontalGain, sinAzimuth, cosAzimuth } = this;
    return tabulatedRsrpMw(boresightMw, verticalMw, horizontalGain, sinAzimuth, cosAzimuth, PATTERN_FLOOR_GAIN, dx, dy, distanceSquaredM2, cutoffMw * (1 - DECISION_BAND));
  }

  /** Exact RSRP in mW at the offset (dx, dy) metres: the engine's link budget (`rsrpAtDbm`). */
  exactRsrpMw(dx: number, dy: number): number {
    return dbToLinear(rsrpAtDbm(this.prepared, Math.sqrt(dx * dx + dy * dy), (Math.atan2(dx, dy) * 180) / Math.PI));
  }

  /**
   * An upper bound of the cell's RSRP (mW) over a disc: centre at the offset (dx, dy) metres from the cell, radius
   * `radiusM`. Boresight power at the disc's nearest point times the best horizontal gain over the disc's angular
   * extent (the vertical pattern only lowers it). Used to skip whole blocks of households; a full computation's
   * scan computes the same in WebAssembly (src/core/wasm/sums-loop.ts `boundOverDiscMw`, held to this one bit for
   * bit by household-batch.test.ts). A caller that only compares the bound with some `belowMw` may give it: where
   * the boresight power alone is below it, that is returned (below `belowMw` too), the pattern's part not computed.
   */
  boundOverDiscMw(dx: number, dy: number, radiusM: number, belowMw = 0): number {
    const distanceM = Math.sqrt(dx * dx + dy * dy);
    const nearestM = distanceM - radiusM;
    if (nearestM <= 1) return this.boresightMw[0];
    if (nearestM * nearestM > this.reachSquaredM2) return 0;
    FLOAT[0] = nearestM * nearestM;
    // the table falls with distance: its value at the step below bounds every point of the step
    const boresightMw = this.boresightMw[(WORDS[HIGH] >>> Layout.SHIFT) - Layout.INDEX_OF_ONE];
    const gains = this.horizontalGain;
    if (gains === null || boresightMw < belowMw) return boresightMw;
    const sinHalf = radiusM / distanceM;
    if (sinHalf >= 1) return boresightMw;
    // cos of the angle off boresight of the centre, and of the disc's edge nearest the boresight
    const cosCentre = (dx * this.sinAzimuth + dy * this.cosAzimuth) / distanceM;
    const sinCentre = Math.abs(dx * this.cosAzimuth - dy * this.sinAzimuth) / distanceM;
    const cosHalf = Math.sqrt(1 - sinHalf * sinHalf);
    const cosBest = sinCentre <= sinHalf && cosCentre >= 0 ? 1 : Math.min(1, cosCentre * cosHalf + sinCentre * sinHalf);
    // g_H rises with cos φ: the table's value one step above bounds the interpolated one
    const step = Math.min(Layout.COS_STEPS, Math.floor((cosBest + 1) * (Layout.COS_STEPS / 2)) + 1);
    const gain = gains[step] > PATTERN_FLOOR_GAIN ? gains[step] : PATTERN_FLOOR_GAIN;
    return boresightMw * gain;
  }
}

/**
 * `TabulatedCell.rsrpMw` from the cell's tables and azimuth and `PATTERN_FLOOR_GAIN` (0 where the boresight is
 * below `lowMw`), as a function of plain values. The sums' loop computes the same in WebAssembly
 * (src/core/wasm/sums-loop.ts `tabulatedRsrpMw`), operation for operation: a change here must be made there too, or the
 * decisions of the loop and of its exact fallback part.
 */
function tabulatedRsrpMw(
  boresightMw: Float64Array,
  verticalMw: Float64Array,
  horizontalGain: Float64Array | null,
  sinAzimuth: number,
  cosAzimuth: number,
  floorGain: number,
  dx: number,
  dy: number,
  distanceSquaredM2: number,
  lowMw: number,
): number {
  const d2 = distanceSquaredM2 < 1 ? 1 : distanceSquaredM2;
  FLOAT[0] = d2;
  const high = WORDS[HIGH];
  const fraction = (high & Layout.FRACTION_MASK) * Layout.FRACTION_SCALE;
  const index = (high >>> Layout.SHIFT) - Layout.INDEX_OF_ONE;
  const below = boresightMw[index];
  const boresight = below + (boresightMw[index + 1] - below) * fraction;
  if (boresight < lowMw) return 0;
  const verticalBelow = verticalMw[index];
  const vertical = verticalBelow + (verticalMw[index + 1] - verticalBelow) * fraction;
  if (horizontalGain === null) return vertical;
  const position = ((dx * sinAzimuth + dy * cosAzimuth) / Math.sqrt(d2) + 1) * (Layout.COS_STEPS / 2);
  const step = Math.floor(position);
  const gainBelow = horizontalGain[step];
  const rsrpMw = vertical * (gainBelow + (horizontalGain[step + 1] - gainBelow) * (position - step));
  const floorMw = boresight * floorGain;
  return rsrpMw > floorMw ? rsrpMw : floorMw;
}

/** d² of table step `index` (the inverse of `tableIndex` at a step boundary). */
function stepDistanceSquaredM2(index: number): number {
  const octave = Math.floor(index / (1 << Layout.STEP_BITS));
  return 2 ** octave * (1 + (index - octave * (1 << Layout.STEP_BITS)) / (1 << Layout.STEP_BITS));
}

/**
 * Ground distance (m) of every table step, √ of `stepDistanceSquaredM2`, at least `steps` of them: the same for
 * every table, computed once.
 */
let stepDistancesM = new Float64Array(0);
function stepDistancesUpTo(steps: number): Float64Array {
  if (stepDistancesM.length < steps) stepDistancesM = Float64Array.from({ length: steps }, (_, index) => Math.sqrt(stepDistanceSquaredM2(index)));
  return stepDistancesM;
}

/**
 * Tables by what they are a function of (path-loss curve, EIRP, tilt and height; beamwidth), shared by every
 * analysis of the process: a re-run, or the 5G run after the 4G one, rebuilds none of the tables it shares
 * (building them is ~0.3 s of an analysis of the merged city). Cleared when they hold too many values.
 */
const BORESIGHT_TABLES = new Map<string, Float64Array>();
const HORIZONTAL_TABLES = new Map<number, Float64Array>();
/**
 * What tables have in common, per step: a curve's path loss (dB, by curve id), and the elevation (degrees) for a
 * mast height above the handset. The merged city's 4G analysis builds 616 tables (4.1 M values) on 119 curves and
 * 26 heights: computing each curve's path loss and each height's arctangent once per step, rather than once per
 * table value, halves the time its tables take (0.64 → 0.31–0.35 s, bench/HISTORY.md step 51).
 */
const PATH_LOSS_AT_STEPS = new Map<number, Float64Array>();
const ELEVATION_AT_STEPS = new Map<number, Float64Array>();

/**
 * Forgets the per-step path losses and elevations: they serve the building of tables, mostly a preparation's
 * (`CoverageEngine.prepareSteps`, `prepareLinkTablesSteps`), and kept after it they were ~9 MB of each thread's
 * memory on the merged city (1.1 M values). A table built later (an edited cell) computes those it needs again.
 */
export function forgetStepValues(): void {
  for (const cache of [PATH_LOSS_AT_STEPS, ELEVATION_AT_STEPS]) {
    for (const values of cache.values()) cachedValues -= values.length;
    cache.clear();
  }
}

/** Most table values kept (8 bytes each: 256 MB). */
const MAX_CACHED_VALUES = 32 * 1024 * 1024;
let cachedValues = 0;

/** Table values built since the process started (what a preparation ahead of an analysis saves it: engine-session.ts). */
let builtValues = 0;
export const linkTableValuesBuilt = (): number => builtValues;

function remember<K>(tables: Map<K, Float64Array>, key: K, table: Float64Array): void {
  builtValues += table.length;
  if (cachedValues + table.length > MAX_CACHED_VALUES) {
    for (const cache of [BORESIGHT_TABLES, HORIZONTAL_TABLES, PATH_LOSS_AT_STEPS, ELEVATION_AT_STEPS]) cache.clear();
    cachedValues = 0;
  }
  cachedValues += table.length - (tables.get(key)?.length ?? 0);
  tables.set(key, table);
}

/**
 * The tabulated cell of `prepared`, valid up to `reachM` (its boresight reach at the cut-off).
 * @param kx, ky cheap-ruler metres per degree at the cell
 */
export function tabulateCell(prepared: PreparedCell, reachM: number, kx: number, ky: number): TabulatedCell {
  const reachSquaredM2 = reachM * reachM;
  FLOAT[0] = Math.max(1, reachSquaredM2);
  const steps = (WORDS[HIGH] >>> Layout.SHIFT) - Layout.INDEX_OF_ONE + 2;
  const boresightMw = tableOf(prepared, steps, false);
  const verticalMw = prepared.tiltDeg === null ? boresightMw : tableOf(prepared, steps, true);
  const omni = prepared.azimuthDeg === null;
  const azimuthRad = ((prepared.azimuthDeg ?? 0) * Math.PI) / 180;
  return new TabulatedCell(
    prepared,
    kx,
    ky,
    omni ? 0 : Math.sin(azimuthRad),
    omni ? 0 : Math.cos(azimuthRad),
    omni ? null : horizontalGainOf(prepared.beamwidthDeg),
    boresightMw,
    verticalMw,
    reachSquaredM2,
  );
}

/** P(d) (or P·g_V) in mW at the d² steps 0…steps−1; a longer table already built for the curve is reused. */
function tableOf(prepared: PreparedCell, steps: number, vertical: boolean): Float64Array {
  const tilt = vertical ? `${prepared.tiltDeg}|${prepared.heightM - prepared.handsetHeightM}` : '';
  const key = `${curveId(prepared.pathLossDb)}|${prepared.eirpDbm}|${tilt}`;
  const cached = BORESIGHT_TABLES.get(key);
  if (cached !== undefined && cached.length >= steps) return cached;
  const table = new Float64Array(steps);
  const pathLossDb = atSteps(PATH_LOSS_AT_STEPS, curveId(prepared.pathLossDb), steps, prepared.pathLossDb);
  const { eirpDbm } = prepared;
  if (vertical) {
    const heightM = prepared.heightM - prepared.handsetHeightM;
    const elevation = atSteps(ELEVATION_AT_STEPS, heightM, steps, (distanceM) => elevationDeg(heightM, distanceM));
    const tiltDeg = prepared.tiltDeg as number;
    for (let index = 0; index < steps; index++) table[index] = dbToLinear(eirpDbm - pathLossDb[index] - verticalPatternLossDb(elevation[index], tiltDeg));
  } else {
    for (let index = 0; index < steps; index++) table[index] = dbToLinear(eirpDbm - pathLossDb[index]);
  }
  remember(BORESIGHT_TABLES, key, table);
  return table;
}

/** `valueAt(distance)` at the table steps 0…steps−1, kept in `cache` under `key` (a longer one is reused). */
function atSteps(cache: Map<number, Float64Array>, key: number, steps: number, valueAt: (distanceM: number) => number): Float64Array {
  const cached = cache.get(key);
  if (cached !== undefined && cached.length >= steps) return cached;
  const distancesM = stepDistancesUpTo(steps);
  const values = new Float64Array(steps);
  for (let index = 0; index < steps; index++) values[index] = valueAt(distancesM[index]);
  remember(cache, key, values);
  return values;
}

function horizontalGainOf(beamwidthDeg: number): Float64Array {
  let table = HORIZONTAL_TABLES.get(beamwidthDeg);
  if (table === undefined) {
    table = new Float64Array(Layout.COS_STEPS + 2);
    for (let k = 0; k <= Layout.COS_STEPS; k++) {
      const cosine = Math.min(1, -1 + (2 * k) / Layout.COS_STEPS);
      table[k] = dbToLinear(-horizontalPatternLossDb((Math.acos(cosine) * 180) / Math.PI, beamwidthDeg));
    }
    table[Layout.COS_STEPS + 1] = table[Layout.COS_STEPS];
    remember(HORIZONTAL_TABLES, beamwidthDeg, table);
  }
  return table;
}

/** Identity of a path-loss function (shared by cells of the same model and inputs, `preparePathLoss`). */
const CURVE_IDS = new WeakMap<PreparedCell['pathLossDb'], number>();
let nextCurveId = 0;
function curveId(pathLossDb: PreparedCell['pathLossDb']): number {
  let id = CURVE_IDS.get(pathLossDb);
  if (id === undefined) {
    id = nextCurveId++;
    CURVE_IDS.set(pathLossDb, id);
  }
  return id;
}
