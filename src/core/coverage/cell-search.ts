/**
 * The radius-class cell search of the coverage engine: which cells may reach a settling pass's threshold near a
 * point, without trying every cell.
 *
 * Cells are grouped by path-loss model and environment; each group has an envelope U(d) = max over its cells of
 * (EIRP − path loss at d), the best any of them can do at ground distance d, and from it, per settling pass, the
 * radius beyond which no cell of the group reaches the pass threshold. Groups of similar radii (within
 * RADIUS_CLASS_RATIO in every pass) share one point index; each cell is held to its own group's radius.
 *
 * Queries read lists, not the indexes: per pass the plane is cut into squares (about a quarter of the pass's widest
 * radius on a side), and a square lists once, from the classes' indexes, the cells that may reach some point of it
 * (`NearLists`). The weak zones query ~650,000 points of a full-scale synthetic province through up to 9 passes of
 * 4 classes: of those 16 M index queries most found nothing (where the signal is weak the first passes' radii are
 * a few hundred metres), and each cost a tree descent, 2.1 of the province's 8.9 s of CPU; a list is one lookup
 * per pass. The cells visited are those of the index queries (the same tests decide), in another order, which
 * no caller depends on: a best server is the strongest cell visited, ties to the lowest index.
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
/**
 * A square of the near lists is a quarter of its pass's widest limit on a side (a list then holds the cells within
 * their limit + 0.18 of it of the square's centre: ~1.4× the area of a point's own query), and at least this wide
 * (plane units, metres): the first passes' squares would otherwise be listed for one query each.
 */
const SQUARE_SHARE_OF_LIMIT = 0.25;
const MIN_SQUARE_M = 500;
/** Most squares of one pass (4 bytes each): the side doubles until the grid holds no more. */
const MAX_SQUARES = 1 << 16;
/**
 * List entries a search keeps (36 bytes each with their data, 2.25 MiB; the pool starts at a sixteenth of it and
 * doubles): when full, every list is forgotten and made again as queries ask. Queries come square by square (a full
 * run's tiles in order, the zones' blocks row by row), so a list is rarely asked for again after it was forgotten.
 * A pool grown to every list of the seeded city's best-server pass (~590,000 entries with 250 m squares, in the main
 * thread and again in the sums partner's) raised the CLI's peak memory by 10–16 MiB at 4 bytes an entry; 2^18
 * entries with their data, by 25 MiB (bench/HISTORY.md step 109).
 */
const LISTED_CAPACITY = 1 << 16;
/** Numbers `CellSearch.listedData` holds per list entry. */
const LISTED_FIELDS = 4;

/** A radius class: its cells' point index over items `first … first + size` of the search, and its widest radius per pass. */
interface RadiusClass {
  index: LocalPointIndex;
  first: number;
  /** Largest radius of each pass over the class's groups (−1: none reaches the pass's threshold). */
  maxRadiusM: Float64Array;
}

/**
 * The near lists of one pass, for one query radius and stretch: a grid of squares over every point that some cell
 * may reach in that pass, each square listing (once asked) the items whose limit (own radius × stretch + query
 * radius) may reach a point of it: in `CellSearch.listed` at `start[s]` (−1: not listed), its length, then its
 * items' cells, and in `CellSearch.listedData` what a query tests of each (`LISTED_FIELDS`).
 */
interface NearLists {
  radius: number;
  stretch: number;
  x0: number;
  y0: number;
  side: number;
  columns: number;
  rows: number;
  start: Int32Array;
}

export class CellSearch {
  private readonly passes: number;
  private readonly classes: RadiusClass[];
  /** Per item (the cells of every class, class by class): cell index and plane position. */
  private readonly cells: Uint32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** radiusM[item · passes + pass]: the radius of the item's group (−1: never reaches the pass's threshold). */
  private readonly radiusM: Float64Array;
  private readonly found: Uint32Array;
  /** Near lists per pass, made at a pass's first query. */
  private readonly nearLists: Array<NearLists | null>;
  /** The lists: each its length, then its items' cells. Allocated at the first query. */
  private listed = new Uint32Array(0);
  /**
   * Per entry k of `listed`, at LISTED_FIELDS × k: the item's plane x and y, and the squares of its limit in the
   * list's pass and in the pass before (−1 when it reached nothing then). A query reads them in order: read through
   * the item (its position, its radii), each entry cost three scattered reads, ~4 of the 6 s of CPU the full
   * synthetic country spent in the search (bench/HISTORY.md step 109).
   */
  private listedData = new Float64Array(0);
  private listedLength = 0;

  /**
   * Indexes the active cells (`cells[c]`, null for cells outside the analysed layer) for the settling passes of
   * `passThresholdsDbm`, in `plane`. `listedCapacity`: list entries kept (tests make it small).
   */
  constructor(
    cells: ReadonlyArray<ActiveCell | null>,
    passThresholdsDbm: readonly number[],
    plane: LocalPlane,
    private readonly listedCapacity = LISTED_CAPACITY,
  ) {
    const passes = passThresholdsDbm.length;
    this.passes = passes;
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
    const itemCount = groups.reduce((sum, group) => sum + group.cells.length, 0);
    this.cells = new Uint32Array(itemCount);
    this.x = new Float64Array(itemCount);
    this.y = new Float64Array(itemCount);
    this.radiusM = new Float64Array(itemCount * passes);
    let item = 0;
    this.classes = classes.map((classGroups) => {
      const first = item;
      const maxRadiusM = new Float64Array(passes).fill(-1);
      for (const { cells: groupCells, radiusM } of classGroups) {
        radiusM.forEach((radius, pass) => (maxRadiusM[pass] = Math.max(maxRadiusM[pass], radius)));
        for (const c of groupCells) {
          const { prepared } = cells[c] as ActiveCell;
          this.cells[item] = c;
          this.x[item] = prepared.lon * plane.kx;
          this.y[item] = prepared.lat * plane.ky;
          this.radiusM.set(radiusM, item * passes);
          item++;
        }
      }
      return { first, maxRadiusM, index: new LocalPointIndex(plane, this.x.subarray(first, item), this.y.subarray(first, item), 16) };
    });
    this.found = new Uint32Array(Math.max(1, cells.length));
    this.nearLists = new Array<NearLists | null>(passes).fill(null);
  }

  /**
   * Writes to `out`, from position `at` on, every indexed cell that may give at least the threshold of settling pass
   * `pass` (boresight) somewhere within `radius` (plane units) of the plane point (x, y) and was not listed for the
   * same point and radius in the previous pass: never fewer, maybe more; returns the position after the last. Ground
   * radii are widened by `stretch`, the plane's bound over the data (`LocalPlane.stretchOver`). A list rather than a
   * callback: a full run asks this for every tile and pass, and each callback was a closure made and called there.
   */
  listNear(x: number, y: number, radius: number, pass: number, stretch: number, out: Int32Array, at: number, useLists = true): number {
    if (!useLists) return this.listNearUnlisted(x, y, radius, pass, stretch, out, at);
    let lists = this.nearLists[pass];
    if (lists === null || lists.radius !== radius || lists.stretch !== stretch) lists = this.makeLists(pass, radius, stretch);
    const column = Math.floor((x - lists.x0) / lists.side);
    const row = Math.floor((y - lists.y0) / lists.side);
    // outside the grid no cell reaches
    if (!(column >= 0 && row >= 0 && column < lists.columns && row < lists.rows)) return at;
    const square = row * lists.columns + column;
    if (lists.start[square] === -1) this.listSquare(lists, square, pass);
    const { listed, listedData } = this;
    const start = lists.start[square];
    // `isNewlyNear`'s tests, on the list's copies of the limits (the same products, so the same decisions)
    for (let k = start + 1, end = k + listed[start]; k < end; k++) {
      const d = LISTED_FIELDS * k;
      const dx = listedData[d] - x;
      const dy = listedData[d + 1] - y;
      const squared = dx * dx + dy * dy;
      if (squared <= listedData[d + 2] && !(squared <= listedData[d + 3])) out[at++] = listed[k];
    }
    return at;
  }

  /**
   * Writes to `out`, from position `at` on, every cell whose limit in pass `pass` reaches the disc of `radius` around
   * (x, y): the cells `listNear` lists in passes 0 … `pass` together (a pass's limits contain the previous pass's),
   * each once, from the classes' indexes (no list made); returns the position after the last.
   */
  listWithin(x: number, y: number, radius: number, pass: number, stretch: number, out: Int32Array, at: number): number {
    const { radiusM, passes } = this;
    this.forEachCandidate(x, y, radius, pass, stretch, (item) => {
      const own = radiusM[item * passes + pass];
      if (own < 0) return;
      const dx = this.x[item] - x;
      const dy = this.y[item] - y;
      const limit = own * stretch + radius;
      if (dx * dx + dy * dy <= limit * limit) out[at++] = this.cells[item];
    });
    return at;
  }

  /**
   * Calls `candidate(item)` for each item of the classes' indexes within its class's widest limit in pass `pass`
   * (× `stretch`, + `radius`) of the plane point (x, y): every item whose own limit may reach that disc, and others
   * of its class, which the caller tests.
   */
  private forEachCandidate(x: number, y: number, radius: number, pass: number, stretch: number, candidate: (item: number) => void): void {
    for (const { index, first, maxRadiusM } of this.classes) {
      if (maxRadiusM[pass] < 0) continue;
      const count = index.withinPlane(x, y, maxRadiusM[pass] * stretch + radius, this.found);
      for (let k = 0; k < count; k++) candidate(first + this.found[k]);
    }
  }

  /** Whether item `item`'s own limit in pass `pass` reaches the query, and its previous pass's did not. */
  private isNewlyNear(item: number, x: number, y: number, radius: number, pass: number, stretch: number): boolean {
    const { radiusM, passes } = this;
    const own = radiusM[item * passes + pass];
    if (own < 0) return false;
    const dx = this.x[item] - x;
    const dy = this.y[item] - y;
    const squared = dx * dx + dy * dy;
    const limit = own * stretch + radius;
    if (squared > limit * limit) return false;
    // cells within the previous pass's limit were offered to these same points then: offering again is a no-op
    if (pass > 0) {
      const previous = radiusM[item * passes + pass - 1];
      const previousLimit = previous * stretch + radius;
      if (previous >= 0 && squared <= previousLimit * previousLimit) return false;
    }
    return true;
  }

  /**
   * `listNear` for a query whose square few others will ask (`useLists` false: an edit's tiles): the classes' indexes
   * queried at the point itself, no list made. The same cells are listed.
   */
  private listNearUnlisted(x: number, y: number, radius: number, pass: number, stretch: number, out: Int32Array, at: number): number {
    this.forEachCandidate(x, y, radius, pass, stretch, (item) => {
      if (this.isNewlyNear(item, x, y, radius, pass, stretch)) out[at++] = this.cells[item];
    });
    return at;
  }

  /** The near lists of a pass for this query radius and stretch, their squares not listed yet. */
  private makeLists(pass: number, radius: number, stretch: number): NearLists {
    // the grid covers every point within some item's limit
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    let widestLimit = 0;
    for (let item = 0; item < this.cells.length; item++) {
      const radiusM = this.radiusM[item * this.passes + pass];
      if (radiusM < 0) continue;
      const limit = radiusM * stretch + radius;
      widestLimit = Math.max(widestLimit, limit);
      x0 = Math.min(x0, this.x[item] - limit);
      y0 = Math.min(y0, this.y[item] - limit);
      x1 = Math.max(x1, this.x[item] + limit);
      y1 = Math.max(y1, this.y[item] + limit);
    }
    if (x0 === Infinity) x0 = y0 = x1 = y1 = 0;
    let side = Math.max(MIN_SQUARE_M, widestLimit * SQUARE_SHARE_OF_LIMIT);
    while ((Math.floor((x1 - x0) / side) + 1) * (Math.floor((y1 - y0) / side) + 1) > MAX_SQUARES) side *= 2;
    const columns = Math.floor((x1 - x0) / side) + 1;
    const rows = Math.floor((y1 - y0) / side) + 1;
    const lists = { radius, stretch, x0, y0, side, columns, rows, start: new Int32Array(columns * rows).fill(-1) };
    this.nearLists[pass] = lists;
    return lists;
  }

  /**
   * Lists the items whose limit in pass `pass` may reach a point of square `square`: such an item is within its
   * limit plus the square's half diagonal of its centre (a margin for rounding added). Items within their
   * previous pass's limit of the whole square are left out: every query in the square skips them.
   */
  private listSquare(lists: NearLists, square: number, pass: number): void {
    const { side, stretch, radius } = lists;
    const { passes, radiusM } = this;
    const centreX = lists.x0 + ((square % lists.columns) + 0.5) * side;
    const centreY = lists.y0 + (Math.floor(square / lists.columns) + 0.5) * side;
    const halfDiagonal = side * Math.SQRT1_2 * (1 + 1e-9) + 1e-3;
    // a list holds at most every item
    if (this.listedLength + this.cells.length + 1 > this.listed.length) this.makeRoom();
    const start = this.listedLength++;
    this.forEachCandidate(centreX, centreY, radius + halfDiagonal, pass, stretch, (item) => {
      const own = radiusM[item * passes + pass];
      if (own < 0) return;
      const dx = this.x[item] - centreX;
      const dy = this.y[item] - centreY;
      const distance = Math.sqrt(dx * dx + dy * dy);
      if (distance > own * stretch + radius + halfDiagonal) return;
      const previous = pass > 0 ? radiusM[item * passes + pass - 1] : -1;
      if (previous >= 0 && distance + halfDiagonal < previous * stretch + radius) return;
      const k = this.listedLength++;
      this.listed[k] = this.cells[item];
      const limit = own * stretch + radius;
      const previousLimit = previous * stretch + radius;
      const d = LISTED_FIELDS * k;
      this.listedData[d] = this.x[item];
      this.listedData[d + 1] = this.y[item];
      this.listedData[d + 2] = limit * limit;
      this.listedData[d + 3] = previous >= 0 ? previousLimit * previousLimit : -1;
    });
    this.listed[start] = this.listedLength - start - 1;
    lists.start[square] = start;
  }

  /** Room for a list of every item: the pool grown up to its capacity, past which every list is forgotten. */
  private makeRoom(): void {
    const capacity = Math.max(this.listedCapacity, this.cells.length + 1);
    if (this.listedLength + this.cells.length + 1 > capacity) this.forgetLists();
    const needed = this.listedLength + this.cells.length + 1;
    if (needed <= this.listed.length) return;
    const grown = new Uint32Array(Math.min(capacity, Math.max(needed, capacity / 16, 2 * this.listed.length)));
    grown.set(this.listed.subarray(0, this.listedLength));
    this.listed = grown;
    const grownData = new Float64Array(LISTED_FIELDS * grown.length);
    grownData.set(this.listedData.subarray(0, LISTED_FIELDS * this.listedLength));
    this.listedData = grownData;
  }

  /** Forgets every list (made again as queries ask): bounds the memory of a search queried everywhere. */
  private forgetLists(): void {
    for (const lists of this.nearLists) lists?.start.fill(-1);
    this.listedLength = 0;
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
