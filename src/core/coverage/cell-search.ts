/**
 * The radius-class cell search of the coverage engine: which cells may reach a settling pass's threshold near a
 * point, without trying every cell.
 *
 * Cells are grouped by path-loss model and environment; each group has an envelope U(d) = max over its cells of
 * (EIRP − path loss at d), the best any of them can do at ground distance d, and from it, per settling pass, the
 * radius beyond which no cell of the group reaches the pass threshold. Groups of similar radii (within
 * RADIUS_CLASS_RATIO in every pass) share one point index, queried once at the class's widest radius; each cell
 * found is then held to its own group's radius.
 */
import type { LocalPlane } from '../geo/local-plane.ts';
import { LocalPointIndex } from '../geo/point-index.ts';
import type { PreparedCell } from '../link-budget.ts';
import type { InterferingCell } from './interference-sums.ts';

/**
 * A prepared analysed cell with its reach at the engine's search floor, its local metres-per-degree factors and
 * what the interference sums and the throughput need of it (tabulated budget, co-channel group, bandwidth).
 */
export interface ActiveCell extends InterferingCell {
  prepared: PreparedCell;
  reachM: number;
  kx: number;
  ky: number;
  /** Channel bandwidth, MHz (`cellBandwidthMhz`). */
  bandwidthMhz: number;
}

/** Groups share a point index while their radii differ by at most this factor in every pass. */
const RADIUS_CLASS_RATIO = 1.6;
/** Distances at which the envelopes are tabulated: 1 m × 1.05^k out to 100 km. */
const ENVELOPE_DISTANCES_M = Float64Array.from({ length: 237 }, (_, k) => 1.05 ** k);

/** Cells of one radius class, with the radius of each cell's group per settling pass (-1: never reaches it). */
interface RadiusClass {
  index: LocalPointIndex;
  /** Per item: cell index and plane position. */
  cells: Uint32Array;
  x: Float64Array;
  y: Float64Array;
  /** radiusM[item · passes + pass] */
  radiusM: Float64Array;
  /** Largest radius of each pass over the class's groups. */
  maxRadiusM: Float64Array;
}

export class CellSearch {
  private readonly classes: RadiusClass[];
  private readonly passes: number;
  private readonly found: Uint32Array;

  /**
   * Indexes the active cells (`cells[c]`, null for cells outside the analysed layer) for the settling passes of
   * `passThresholdsDbm`, in `plane`.
   */
  constructor(cells: ReadonlyArray<ActiveCell | null>, passThresholdsDbm: readonly number[], plane: LocalPlane) {
    this.passes = passThresholdsDbm.length;
    const members = new Map<string, number[]>();
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === null) continue;
      const key = `${cell.prepared.model}|${cell.prepared.environment}`;
      const group = members.get(key);
      if (group === undefined) members.set(key, [c]);
      else group.push(c);
    }
    const groups = [...members.values()].map((group) => ({ cells: group, radiusM: groupRadiiM(group.map((c) => cells[c] as ActiveCell), passThresholdsDbm) }));
    // groups in order of their first-pass radius, cut into classes of similar radii
    groups.sort((a, b) => a.radiusM[0] - b.radiusM[0]);
    const classes: Array<typeof groups> = [];
    for (const group of groups) {
      const last = classes.at(-1);
      const similar =
        last !== undefined &&
        group.radiusM.every((radiusM, pass) => Math.max(radiusM, last[0].radiusM[pass]) <= RADIUS_CLASS_RATIO * Math.max(1, Math.min(radiusM, last[0].radiusM[pass])));
      if (similar) last.push(group);
      else classes.push([group]);
    }
    this.classes = classes.map((classGroups) => {
      const itemCount = classGroups.reduce((sum, group) => sum + group.cells.length, 0);
      const radiusClass = {
        cells: new Uint32Array(itemCount),
        x: new Float64Array(itemCount),
        y: new Float64Array(itemCount),
        radiusM: new Float64Array(itemCount * this.passes),
        maxRadiusM: new Float64Array(this.passes).fill(-1),
      };
      let item = 0;
      for (const { cells: groupCells, radiusM } of classGroups) {
        radiusM.forEach((radius, pass) => (radiusClass.maxRadiusM[pass] = Math.max(radiusClass.maxRadiusM[pass], radius)));
        for (const c of groupCells) {
          const { prepared } = cells[c] as ActiveCell;
          radiusClass.cells[item] = c;
          radiusClass.x[item] = prepared.lon * plane.kx;
          radiusClass.y[item] = prepared.lat * plane.ky;
          radiusClass.radiusM.set(radiusM, item * this.passes);
          item++;
        }
      }
      return { ...radiusClass, index: new LocalPointIndex(plane, radiusClass.x, radiusClass.y, 16) };
    });
    this.found = new Uint32Array(Math.max(1, cells.length));
  }

  /**
   * Calls `visit(c)` for every indexed cell that may give at least the threshold of settling pass `pass`
   * (boresight) somewhere within `radius` (plane units) of the plane point (x, y) and was not visited for the same
   * point and radius in the previous pass: never fewer, maybe more. Ground radii are widened by `stretch`, the
   * plane's bound over the data (`LocalPlane.stretchOver`).
   */
  forEachNear(x: number, y: number, radius: number, pass: number, stretch: number, visit: (c: number) => void): void {
    const passes = this.passes;
    for (const search of this.classes) {
      if (search.maxRadiusM[pass] < 0) continue;
      // one query at the class's widest radius, then each cell against its own group's radius
      const count = search.index.withinPlane(x, y, search.maxRadiusM[pass] * stretch + radius, this.found);
      for (let k = 0; k < count; k++) {
        const item = this.found[k];
        const radiusM = search.radiusM[item * passes + pass];
        if (radiusM < 0) continue;
        const dx = search.x[item] - x;
        const dy = search.y[item] - y;
        const squared = dx * dx + dy * dy;
        const limit = radiusM * stretch + radius;
        if (squared > limit * limit) continue;
        // cells within the previous pass's limit were offered to these same points then: offering again is a no-op
        if (pass > 0) {
          const previous = search.radiusM[item * passes + pass - 1];
          const previousLimit = previous * stretch + radius;
          if (previous >= 0 && squared <= previousLimit * previousLimit) continue;
        }
        visit(search.cells[item]);
      }
    }
  }
}

/** Per settling pass, the distance beyond which the group's envelope stays below the pass threshold (-1: never reaches it). */
function groupRadiiM(cells: readonly ActiveCell[], passThresholdsDbm: readonly number[]): number[] {
  const envelopeDbm = new Float64Array(ENVELOPE_DISTANCES_M.length).fill(-Infinity);
  // cells sharing a path-loss function (same model and inputs) and EIRP have the same curve: trace it once
  const traced = new Map<PreparedCell['pathLossDb'], Set<number>>();
  for (const { prepared, reachM: reach } of cells) {
    const eirps = traced.get(prepared.pathLossDb) ?? new Set<number>();
    if (eirps.has(prepared.eirpDbm)) continue;
    eirps.add(prepared.eirpDbm);
    traced.set(prepared.pathLossDb, eirps);
    for (let k = 0; k < ENVELOPE_DISTANCES_M.length; k++) {
      const distanceM = ENVELOPE_DISTANCES_M[k];
      // beyond its reach a cell never serves: it does not lift the envelope there
      if (distanceM > reach * 1.05) break;
      envelopeDbm[k] = Math.max(envelopeDbm[k], prepared.eirpDbm - prepared.pathLossDb(distanceM));
    }
  }
  return passThresholdsDbm.map((threshold) => envelopeRadiusM(envelopeDbm, threshold));
}

/**
 * Ground distance (m) beyond which the envelope stays below `thresholdDbm`, or -1 when it never reaches it.
 * Path loss never decreases with distance, so the envelope never increases: past the last tabulated distance
 * where it reaches the threshold, up to the next one, it cannot reach it again.
 */
function envelopeRadiusM(envelopeDbm: Float64Array, thresholdDbm: number): number {
  let last = -1;
  for (let k = 0; k < envelopeDbm.length; k++) if (envelopeDbm[k] >= thresholdDbm) last = k;
  if (last === -1) return -1;
  return ENVELOPE_DISTANCES_M[Math.min(last + 1, ENVELOPE_DISTANCES_M.length - 1)];
}
