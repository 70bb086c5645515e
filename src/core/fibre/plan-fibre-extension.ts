/**
 * Extension planning (issue 4): new distribution cable that passes unpassed households until a fibre target is
 * met, at least cost = cable length (m) × cost per metre + households passed × connection cost (VND).
 *
 * Method (a greedy Prim-like growth over household clusters; quality measured against a lower bound in tests):
 * 1. The households beyond reach of the network (distance > maxDropM) are grid-clustered (`clusterHouseholds`):
 *    one cable passing within reach of a cluster's bounding-box centre region passes all of it.
 * 2. Each cluster attaches to the nearest point of the existing passing network or of any extension planned so
 *    far (cables may branch anywhere along an earlier extension). Its cable runs straight from that point towards
 *    the cluster centre and may stop just after any member comes within reach: the stop with the most households
 *    per metre is the cluster's offer (all members at once: usually maxDropM short of the centre).
 * 3. A max-priority queue orders the offers by households gained per metre of cable (the cost per household is
 *    cable/households × cost per metre + the connection cost, so this is also the cheapest VND per household);
 *    what a cut-short cable leaves of a cluster makes a new offer from the cable's end.
 *    Adding a cable passes every household within reach of it (also in other clusters), brings nearby clusters'
 *    attachment points closer (re-queued at once within 2 km; farther ones are re-measured when they surface),
 *    and the loop continues until the target is met.
 * 4. Finishing: before each step, every cluster that could close the gap alone is priced with a cable trimmed to
 *    pass only as many of its members as still needed. When the best cluster would close the gap, the cheapest
 *    such cable finishes the plan; and if stopping at an earlier step with that step's cheapest finisher would
 *    have cost less, the cables laid since are taken back and that one is laid instead (the standard guard of
 *    greedy algorithms for quota problems against a greedy path that overshoots).
 *
 * Scope `ward`: wards in order, each until it reaches the target on its own households (a later ward may start
 * from an earlier ward's cables and counts households they pass). Scope `city`: one queue over every cluster
 * until the city (all households, outside ones included) reaches the target.
 *
 * Approximations, documented in docs/fibre.md: straight cables (no road network); planning geometry in a plane
 * of scaled degrees at the households' mean latitude (< 0.3 % length error across Hải Phòng) with a 1 % margin on
 * the drop distance, while passing is decided exactly as in `computeFibreCoverage`; new cables come with the
 * splitter ports they need (their price is in the connection cost), so households refused a port at a full
 * access node are passed by a new cable that comes within reach, but the plan does not lay cable for them
 * (they need ports, not cable; they are counted per ward as `capacityBlocked`).
 */
import TinyQueue from 'tinyqueue';
import type { FibreNetwork, HouseholdPoints, Ward } from '../model.ts';
import { CancelledError } from '../cancelled-error.ts';
import { LocalPointIndex } from '../geo/point-index.ts';
import { clusterHouseholds, type HouseholdClusters } from './cluster-households.ts';
import type { FibreCoverage } from './fibre-coverage.ts';
import { householdsNeeded } from './fibre-statistics.ts';
import { HouseholdGrid } from './household-grid.ts';
import { latitudeScaleOf, type LatitudeScale } from './latitude-scale.ts';
import { NearestElementIndex } from './nearest-element.ts';
import { collectPassingElements, type PassingElements } from './passing-elements.ts';
import { SegmentBuckets } from './segment-buckets.ts';

export interface FibreCosts {
  /** Installed distribution cable, VND per metre. */
  costPerMetreVnd: number;
  /** Connecting one passed household (splitter port, drop cable, ONT, labour), VND. */
  connectionCostVnd: number;
}

/**
 * Default unit prices, assumptions to be replaced by the operator's own: 40,000 VND/m sits in the middle of
 * 30,000–60,000 VND/m for aerial distribution cable strung on existing poles, materials and labour; 800,000 VND
 * per household for a splitter port, ~50 m of drop cable, an ONT and the installation visit.
 */
export const DEFAULT_FIBRE_COSTS: FibreCosts = { costPerMetreVnd: 40_000, connectionCostVnd: 800_000 };

export type FibrePlanScope = 'ward' | 'city';

export interface FibrePlanOptions extends FibreCosts {
  /** Target share of households passed, in (0, 100]. */
  targetPct: number;
  scope: FibrePlanScope;
  /** Drop distance in metres (settings.fibre.maxDropM). */
  maxDropM: number;
  /** Whether backbone routes pass households and may feed extensions (settings.fibre.backbonePasses). */
  backbonePasses: boolean;
}

/** One proposed straight cable. */
export interface FibreExtension {
  /** `ext-1`, `ext-2`, … in planning order. */
  id: string;
  /** The extension it branches from; null when it starts on the existing network. */
  parentId: string | null;
  /** Ward whose target it serves (scope city: the ward of most households it passes); null outside every ward. */
  wardId: string | null;
  /** [lon, lat] of its start (on the network or a parent extension) and end. */
  start: [number, number];
  end: [number, number];
  lengthM: number;
  /** Households it passes that nothing planned before it passes. */
  householdsGained: number;
  /** lengthM × costPerMetreVnd + householdsGained × connectionCostVnd, rounded to whole VND. */
  costVnd: number;
}

export interface FibrePlanInput {
  wards: Ward[];
  /** Ward index per household point, −1 outside every ward (from `assignWards`). */
  wardOfHousehold: Int32Array;
  households: HouseholdPoints;
  network: FibreNetwork;
  /** `computeFibreCoverage` of the existing network with the same maxDropM and backbonePasses. */
  coverage: FibreCoverage;
  /** Extensions to keep (re-planning after a deletion): applied first, in order, as part of the network. */
  kept?: FibreExtension[];
}

export interface FibreWardPlan {
  wardIndex: number;
  wardId: string;
  wardName: string;
  households: number;
  passedBefore: number;
  pctBefore: number;
  passedAfter: number;
  pctAfter: number;
  /** Length and cost of the extensions whose `wardId` is this ward. */
  extensionM: number;
  costVnd: number;
  /** Households within reach of the existing network but refused a port (full access nodes), still unpassed. */
  capacityBlocked: number;
  targetMet: boolean;
}

export interface FibrePlanTotals {
  households: number;
  passedBefore: number;
  pctBefore: number;
  passedAfter: number;
  pctAfter: number;
  extensions: number;
  extensionM: number;
  householdsGained: number;
  cableCostVnd: number;
  connectionCostVnd: number;
  costVnd: number;
}

export interface UnreachableWard {
  wardIndex: number;
  wardId: string;
  wardName: string;
  /**
   * no-households: nothing to pass; ports-full: the households still missing are within reach of the network
   * but refused a port at full access nodes (add ports, not cable); not-enough-reachable: otherwise (no
   * network to start from, or every household cable can reach is passed and still short).
   */
  reason: 'no-households' | 'ports-full' | 'not-enough-reachable';
  households: number;
  passedAfter: number;
  /** Households the target needs passed. */
  needed: number;
  /** Households refused a port (see FibreWardPlan.capacityBlocked). */
  capacityBlocked: number;
}

export interface FibrePlan {
  options: FibrePlanOptions;
  /** Kept extensions first (with gains recomputed), then the new ones. */
  extensions: FibreExtension[];
  /** Per household point: 1 = passed by the network or an extension. */
  passedAfter: Uint8Array;
  wards: FibreWardPlan[];
  /** City-wide, households outside every ward included. */
  totals: FibrePlanTotals;
  /** Scope ward: every ward with households met the target; scope city: the city met it. */
  targetMet: boolean;
  /** Scope ward: the wards that cannot reach the target; scope city: empty. */
  unreachableWards: UnreachableWard[];
}

/** Share of the drop distance the planning geometry uses, so plane/local frame differences never leave a gap. */
const PLAN_MARGIN = 0.01;
/** Radius around a new cable within which clusters are re-attached at once (farther ones when they surface). */
const EAGER_RADIUS_M = 2000;
/** Bucket side for the growing set of extension cables. */
const BUCKET_M = 500;
/** Shortest cable length used in ratios (avoids dividing by ~0). */
const MIN_LENGTH_M = 1;
const PROGRESS_EVERY = 256;

interface QueueEntry {
  cluster: number;
  priority: number;
  version: number;
}

const byPriority = (a: QueueEntry, b: QueueEntry): number => b.priority - a.priority || a.cluster - b.cluster;

/** Percentage with 0 for an empty base. */
const percent = (part: number, whole: number): number => (whole > 0 ? (part * 100) / whole : 0);

/** A cable to add: from the attachment point towards the cluster centre, this long (plane metres). */
interface CableChoice {
  cluster: number;
  lengthM: number;
}

/** A cable laid in the current scope, with what is needed to take it back. */
interface LaidCable {
  /** Grid slots it passed. */
  slots: number[];
  costVnd: number;
}

/** The state of one planning run (see the module comment for the method). */
class ExtensionPlanner {
  readonly passed: Uint8Array;
  readonly extensions: FibreExtension[] = [];
  /** Households and passed households per ward row (last row: outside every ward). */
  readonly wardTotal: Float64Array;
  readonly wardPassed: Float64Array;
  cityPassed = 0;

  private readonly r: number;
  private readonly rPlan: number;
  private readonly grid: HouseholdGrid;
  private readonly clusters: HouseholdClusters;
  /** Cluster of each grid slot (−1 while kept extensions are applied, before clustering). */
  private clusterOfSlot: Int32Array;
  private readonly liveWeight: Float64Array;
  private readonly version: Uint32Array;
  private readonly inScope: Uint8Array;
  private readonly attachX: Float64Array;
  private readonly attachY: Float64Array;
  private readonly attachDist: Float64Array;
  /** Extension index the attachment lies on, −1 for the existing network. */
  private readonly attachParent: Int32Array;
  private readonly clusterIndex: LocalPointIndex;
  private readonly cables: SegmentBuckets;
  private readonly network: NearestElementIndex;
  private readonly elements: PassingElements;
  private readonly scale: LatitudeScale;
  private readonly kx0: number;
  private readonly ky0: number;
  private readonly wardGain: Float64Array;
  private queue = new TinyQueue<QueueEntry>([], byPriority);
  /** Closest point found by `nearestOnNetwork`, plane metres. */
  private pointX = 0;
  private pointY = 0;
  private nextId: number;
  private ticks = 0;

  constructor(
    private readonly input: FibrePlanInput,
    private readonly options: FibrePlanOptions,
    private readonly onProgress: ((fraction: number) => void) | undefined,
    private readonly isCancelled: (() => boolean) | undefined,
  ) {
    const { households, wardOfHousehold, coverage, wards } = input;
    const n = households.length;
    this.r = options.maxDropM;
    this.rPlan = options.maxDropM * (1 - PLAN_MARGIN);
    this.passed = Uint8Array.from(coverage.passed);
    this.wardTotal = new Float64Array(wards.length + 1);
    this.wardPassed = new Float64Array(wards.length + 1);
    this.wardGain = new Float64Array(wards.length + 1);
    const unpassed: number[] = [];
    let latSum = 0;
    for (let h = 0; h < n; h++) {
      const row = this.rowOf(h);
      this.wardTotal[row] += households.count[h];
      latSum += households.lat[h];
      if (this.passed[h] === 1) {
        this.wardPassed[row] += households.count[h];
        this.cityPassed += households.count[h];
      } else {
        unpassed.push(h);
      }
    }
    // one plane for everything: the mean latitude of all households
    this.grid = new HouseholdGrid(households, Math.max(25, this.r / 2), unpassed, n > 0 ? latSum / n : 0);
    this.kx0 = this.grid.plane.kx;
    this.ky0 = this.grid.plane.ky;
    this.scale = latitudeScaleOf(households.lat);
    this.elements = collectPassingElements(input.network, options.backbonePasses);
    this.network = new NearestElementIndex(this.elements, this.grid.plane);
    this.cables = new SegmentBuckets(BUCKET_M);
    this.clusterOfSlot = new Int32Array(this.grid.length).fill(-1);

    // kept extensions first: they pass households and feed new cables like the network
    const kept = input.kept ?? [];
    this.nextId = 1 + kept.reduce((highest, extension) => Math.max(highest, Number(/^ext-(\d+)$/.exec(extension.id)?.[1] ?? 0)), 0);
    for (const extension of kept) this.applyKept(extension);

    // clusters: unpassed households beyond reach of the existing network (the others need ports, not cable)
    const split = options.scope === 'ward';
    this.clusters = clusterHouseholds(
      this.grid,
      this.rPlan,
      (slot) => this.passed[this.grid.household[slot]] === 0 && coverage.distanceM[this.grid.household[slot]] > this.r,
      (slot) => (split ? wardOfHousehold[this.grid.household[slot]] : -1),
    );
    this.clusterOfSlot = this.clusters.clusterOfSlot;
    const count = this.clusters.length;
    this.liveWeight = new Float64Array(count);
    for (let c = 0; c < count; c++) {
      for (let m = this.clusters.memberStart[c]; m < this.clusters.memberStart[c + 1]; m++) {
        this.liveWeight[c] += households.count[this.grid.household[this.clusters.member[m]]];
      }
    }
    this.version = new Uint32Array(count);
    this.inScope = new Uint8Array(count);
    this.attachX = new Float64Array(count);
    this.attachY = new Float64Array(count);
    this.attachDist = new Float64Array(count).fill(Infinity);
    this.attachParent = new Int32Array(count).fill(-1);
    this.clusterIndex = new LocalPointIndex(this.grid.plane, this.clusters.anchorX, this.clusters.anchorY);
  }

  private rowOf(h: number): number {
    const ward = this.input.wardOfHousehold[h];
    return ward === -1 ? this.input.wards.length : ward;
  }

  /** Clusters of one scope: a ward's (by ward index), or all of them (null). */
  clustersOfWard(ward: number | null): number[] {
    const ids: number[] = [];
    for (let c = 0; c < this.clusters.length; c++) if (ward === null || this.clusters.ward[c] === ward) ids.push(c);
    return ids;
  }

  /**
   * Marks every unpassed household within reach of the cable a–b (plane metres) as passed; returns the
   * households gained, lists their grid slots in `slots` and leaves the gain per ward row in `wardGain` (rows
   * listed in `touchedRows`).
   */
  private passAlong(ax: number, ay: number, bx: number, by: number, touchedRows: number[], slots: number[]): number {
    const { households } = this.input;
    let gained = 0;
    this.grid.forEachNearSegment(ax / this.kx0, ay / this.ky0, bx / this.kx0, by / this.ky0, this.r, (slot) => {
      const h = this.grid.household[slot];
      if (this.passed[h] === 1) return;
      this.passed[h] = 1;
      slots.push(slot);
      const count = households.count[h];
      const row = this.rowOf(h);
      gained += count;
      this.wardPassed[row] += count;
      this.cityPassed += count;
      if (this.wardGain[row] === 0) touchedRows.push(row);
      this.wardGain[row] += count;
      const cluster = this.clusterOfSlot[slot];
      if (cluster !== -1) {
        this.liveWeight[cluster] -= count;
        this.version[cluster]++;
      }
    });
    return gained;
  }

  /** Local length (metres) of the cable between two [lon, lat], with cheap-ruler factors at its mid-latitude. */
  private lengthOf(start: [number, number], end: [number, number]): number {
    const midLat = (start[1] + end[1]) / 2;
    return Math.hypot((end[0] - start[0]) * this.scale.kxAt(midLat), (end[1] - start[1]) * this.scale.kyAt(midLat));
  }

  private record(
    ax: number, ay: number, bx: number, by: number,
    id: string, parent: number, wardId: string | null, gained: number,
  ): FibreExtension {
    const start: [number, number] = [ax / this.kx0, ay / this.ky0];
    const end: [number, number] = [bx / this.kx0, by / this.ky0];
    const lengthM = this.lengthOf(start, end);
    const extension: FibreExtension = {
      id,
      parentId: parent === -1 ? null : this.extensions[parent].id,
      wardId,
      start,
      end,
      lengthM,
      householdsGained: gained,
      costVnd: Math.round(lengthM * this.options.costPerMetreVnd + gained * this.options.connectionCostVnd),
    };
    this.extensions.push(extension);
    this.cables.add(ax, ay, bx, by);
    return extension;
  }

  private applyKept(kept: FibreExtension): void {
    const ax = kept.start[0] * this.kx0;
    const ay = kept.start[1] * this.ky0;
    const bx = kept.end[0] * this.kx0;
    const by = kept.end[1] * this.ky0;
    const touched: number[] = [];
    const gained = this.passAlong(ax, ay, bx, by, touched, []);
    for (const row of touched) this.wardGain[row] = 0;
    const parent = kept.parentId === null ? -1 : this.extensions.findIndex((extension) => extension.id === kept.parentId);
    this.record(ax, ay, bx, by, kept.id, parent, kept.wardId, gained);
  }

  /** Nearest point of the existing network to a plane point: distance (plane metres), point in pointX/Y. */
  private nearestOnNetwork(x: number, y: number): number {
    const lat = y / this.ky0;
    const distanceM = this.network.nearest(x / this.kx0, lat, this.scale.kxAt(lat), this.scale.kyAt(lat), Infinity);
    const e = this.network.element;
    if (e === -1 || distanceM === Infinity) return Infinity;
    // the closest point of that element, in the plane
    const ax = this.elements.aLon[e] * this.kx0;
    const ay = this.elements.aLat[e] * this.ky0;
    const dx = this.elements.bLon[e] * this.kx0 - ax;
    const dy = this.elements.bLat[e] * this.ky0 - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared)) : 0;
    this.pointX = ax + t * dx;
    this.pointY = ay + t * dy;
    return Math.hypot(x - this.pointX, y - this.pointY);
  }

  /** Sets cluster c's attachment to the nearest point of the network or of any cable (exact). */
  private attach(c: number): void {
    const x = this.clusters.anchorX[c];
    const y = this.clusters.anchorY[c];
    let best = this.nearestOnNetwork(x, y);
    this.attachX[c] = this.pointX;
    this.attachY[c] = this.pointY;
    this.attachParent[c] = -1;
    const onCable = this.cables.nearest(x, y, best);
    if (onCable < best) {
      best = onCable;
      this.attachX[c] = this.cables.pointX;
      this.attachY[c] = this.cables.pointY;
      this.attachParent[c] = this.cables.segment;
    }
    this.attachDist[c] = best;
  }

  /** Re-checks the cables added since c's attachment was set; true when it moved closer. */
  private refreshAttachment(c: number): boolean {
    const onCable = this.cables.nearest(this.clusters.anchorX[c], this.clusters.anchorY[c], this.attachDist[c]);
    if (!(onCable < this.attachDist[c])) return false;
    this.attachDist[c] = onCable;
    this.attachX[c] = this.cables.pointX;
    this.attachY[c] = this.cables.pointY;
    this.attachParent[c] = this.cables.segment;
    return true;
  }

  /**
   * Where the cable from c's attachment towards its centre enters the reach of each live member: for a member
   * at v from the attachment, p along the cable and q across it, at p − √(rPlan² − q²) (0 when already within
   * reach). Returns [entry metres, households] pairs sorted by entry.
   */
  private entries(c: number): Array<[number, number]> {
    const { clusters, grid } = this;
    const sx = this.attachX[c];
    const sy = this.attachY[c];
    const span = Math.hypot(clusters.anchorX[c] - sx, clusters.anchorY[c] - sy);
    const ux = span > 0 ? (clusters.anchorX[c] - sx) / span : 0;
    const uy = span > 0 ? (clusters.anchorY[c] - sy) / span : 0;
    const r2 = this.rPlan * this.rPlan;
    const entries: Array<[number, number]> = [];
    for (let m = clusters.memberStart[c]; m < clusters.memberStart[c + 1]; m++) {
      const h = grid.household[clusters.member[m]];
      if (this.passed[h] === 1) continue;
      const vx = clusters.memberX[m] - sx;
      const vy = clusters.memberY[m] - sy;
      const v2 = vx * vx + vy * vy;
      let entryM = 0;
      if (v2 > r2) {
        const p = vx * ux + vy * uy;
        entryM = Math.min(span, Math.max(0, p - Math.sqrt(Math.max(0, r2 - (v2 - p * p)))));
      }
      entries.push([entryM, this.input.households.count[h]]);
    }
    return entries.sort((a, b) => a[0] - b[0]);
  }

  /**
   * The best cable towards cluster c: the length (stopping just after some member enters reach) with the most
   * households per metre; with `need`, the shortest that gains `need` households (null if c cannot).
   */
  private cut(c: number, need?: number): { lengthM: number; weight: number; perMetre: number } | null {
    let weight = 0;
    let best: { lengthM: number; weight: number; perMetre: number } | null = null;
    const entries = this.entries(c);
    for (let i = 0; i < entries.length; i++) {
      weight += entries[i][1];
      // members entering reach at the same point go together
      if (i + 1 < entries.length && entries[i + 1][0] === entries[i][0]) continue;
      const lengthM = entries[i][0];
      const perMetre = weight / Math.max(lengthM, MIN_LENGTH_M);
      if (need !== undefined) {
        if (weight >= need) return { lengthM, weight, perMetre };
      } else if (best === null || perMetre > best.perMetre) {
        best = { lengthM, weight, perMetre };
      }
    }
    return best;
  }

  private push(c: number): void {
    if (this.liveWeight[c] <= 0 || this.attachDist[c] === Infinity) return;
    const cut = this.cut(c);
    if (cut !== null) this.queue.push({ cluster: c, priority: cut.perMetre, version: this.version[c] });
  }

  /** Lays the cable for `choice`, passes households, re-attaches nearby clusters; null when it gains nothing. */
  private lay(choice: CableChoice, scopeWardId: string | null | undefined): LaidCable | null {
    const c = choice.cluster;
    const sx = this.attachX[c];
    const sy = this.attachY[c];
    const span = Math.hypot(this.clusters.anchorX[c] - sx, this.clusters.anchorY[c] - sy);
    const ex = span > 0 ? sx + ((this.clusters.anchorX[c] - sx) * choice.lengthM) / span : sx;
    const ey = span > 0 ? sy + ((this.clusters.anchorY[c] - sy) * choice.lengthM) / span : sy;
    const touched: number[] = [];
    const slots: number[] = [];
    const gained = this.passAlong(sx, sy, ex, ey, touched, slots);
    // a city-scope cable belongs to the ward of most households it passes (ties: lower ward index)
    let majorityRow = -1;
    for (const row of touched.sort((a, b) => a - b)) {
      if (majorityRow === -1 || this.wardGain[row] > this.wardGain[majorityRow]) majorityRow = row;
    }
    for (const row of touched) this.wardGain[row] = 0;
    if (gained === 0) {
      // nothing new within reach (frame rounding at the margin): drop the cluster rather than loop on it
      this.liveWeight[c] = 0;
      return null;
    }
    const wardId = scopeWardId !== undefined
      ? scopeWardId
      : majorityRow === -1 || majorityRow === this.input.wards.length ? null : this.input.wards[majorityRow].id;
    const extension = this.record(sx, sy, ex, ey, `ext-${this.nextId++}`, this.attachParent[c], wardId, gained);
    const cable = this.cables.length - 1;

    // clusters near the new cable may now attach closer
    const found = this.clusterIndex.range(
      Math.min(sx, ex) - EAGER_RADIUS_M, Math.min(sy, ey) - EAGER_RADIUS_M,
      Math.max(sx, ex) + EAGER_RADIUS_M, Math.max(sy, ey) + EAGER_RADIUS_M,
    );
    for (const other of found) {
      if (this.inScope[other] === 0 || this.liveWeight[other] <= 0) continue;
      const d = this.cables.distanceTo(cable, this.clusters.anchorX[other], this.clusters.anchorY[other]);
      if (d < this.attachDist[other]) {
        this.attachDist[other] = d;
        this.attachX[other] = this.cables.pointX;
        this.attachY[other] = this.cables.pointY;
        this.attachParent[other] = cable;
        this.version[other]++;
        this.push(other);
      }
    }
    return { slots, costVnd: extension.costVnd };
  }

  /** Takes back the last cable laid: its households are unpassed again, its clusters live again. */
  private undo(laid: LaidCable): void {
    const { households } = this.input;
    for (const slot of laid.slots) {
      const h = this.grid.household[slot];
      const count = households.count[h];
      const row = this.rowOf(h);
      this.passed[h] = 0;
      this.wardPassed[row] -= count;
      this.cityPassed -= count;
      const cluster = this.clusterOfSlot[slot];
      if (cluster !== -1) {
        this.liveWeight[cluster] += count;
        this.version[cluster]++;
      }
    }
    this.extensions.pop();
    this.cables.removeLast();
    this.nextId--;
  }

  /**
   * The cheapest single cable that gains `need` households, among the clusters of the scope that can, with its
   * estimated cost (plane length × cost per metre + the households it is trimmed to pass × connection cost).
   */
  private chooseFinisher(scope: number[], need: number): (CableChoice & { costVnd: number }) | null {
    let best: (CableChoice & { costVnd: number }) | null = null;
    for (const c of scope) {
      if (this.liveWeight[c] < need || this.attachDist[c] === Infinity) continue;
      if (this.refreshAttachment(c)) this.version[c]++;
      const cut = this.cut(c, need);
      if (cut === null) continue;
      const costVnd = cut.lengthM * this.options.costPerMetreVnd + cut.weight * this.options.connectionCostVnd;
      if (best === null || costVnd < best.costVnd) best = { cluster: c, lengthM: cut.lengthM, costVnd };
    }
    return best;
  }

  private tick(fraction: () => number): void {
    if (++this.ticks % PROGRESS_EVERY !== 0) return;
    if (this.isCancelled?.()) throw new CancelledError();
    this.onProgress?.(fraction());
  }

  /**
   * Grows cables for the clusters of `scope` until `need()` reaches 0 or no cluster can be reached.
   * `wardId`: the ward id every cable gets (scope ward), or undefined to take the majority ward (scope city).
   *
   * Greedy by households per metre, with the usual guard of quota greedy algorithms: before each step the
   * cheapest single cable that would close the gap alone ("finisher") is priced; at the end, if stopping at an
   * earlier step and laying its finisher was cheaper than the greedy path, the later cables are taken back and
   * that finisher is laid instead.
   */
  grow(scope: number[], need: () => number, wardId: string | null | undefined, fraction: () => number): void {
    if (need() <= 0 || scope.length === 0) return;
    this.queue = new TinyQueue<QueueEntry>([], byPriority);
    let largestCluster = 0;
    for (const c of scope) {
      this.inScope[c] = 1;
      if (this.liveWeight[c] <= 0) continue;
      largestCluster = Math.max(largestCluster, this.liveWeight[c]);
      this.attach(c);
      this.push(c);
    }
    const laid: LaidCable[] = [];
    let spentVnd = 0;
    let cheapest: { step: number; choice: CableChoice; totalVnd: number } | null = null;
    while (need() > 0 && this.queue.length > 0) {
      this.tick(fraction);
      const entry = this.queue.pop() as QueueEntry;
      const c = entry.cluster;
      if (this.liveWeight[c] <= 0) continue;
      if (this.refreshAttachment(c)) this.version[c]++;
      if (entry.version !== this.version[c]) {
        // gained households elsewhere or moved closer since queued: queue it again at its current worth
        this.push(c);
        continue;
      }
      const remaining = need();
      // cluster weights only shrink, so no finisher exists while the gap exceeds the largest initial cluster
      const finisher = remaining <= largestCluster ? this.chooseFinisher(scope, remaining) : null;
      if (finisher !== null && (cheapest === null || spentVnd + finisher.costVnd < cheapest.totalVnd)) {
        cheapest = { step: laid.length, choice: finisher, totalVnd: spentVnd + finisher.costVnd };
      }
      const cut = this.cut(c);
      if (cut === null) continue;
      const choice = finisher !== null && cut.weight >= remaining ? finisher : { cluster: c, lengthM: cut.lengthM };
      const cable = this.lay(choice, wardId);
      if (cable !== null) {
        laid.push(cable);
        spentVnd += cable.costVnd;
      }
      this.push(choice.cluster);
      if (choice.cluster !== c) this.push(c);
    }
    if (cheapest !== null && (need() > 0 || cheapest.totalVnd < spentVnd - 1) && cheapest.step < laid.length) {
      this.finishAt(scope, laid, cheapest.step, cheapest.choice, wardId);
      if (need() > 0) this.grow(scope, need, wardId, fraction);
    }
    for (const c of scope) this.inScope[c] = 0;
  }

  /** Takes back the cables laid after `step`, re-attaches the scope's clusters and lays `choice` instead. */
  private finishAt(scope: number[], laid: LaidCable[], step: number, choice: CableChoice, wardId: string | null | undefined): void {
    while (laid.length > step) this.undo(laid.pop() as LaidCable);
    for (const c of scope) {
      if (this.liveWeight[c] <= 0) continue;
      this.attach(c);
      this.version[c]++;
    }
    this.queue = new TinyQueue<QueueEntry>([], byPriority);
    this.lay(choice, wardId);
  }
}

function checkOptions(options: FibrePlanOptions): void {
  const { targetPct, maxDropM, costPerMetreVnd, connectionCostVnd } = options;
  if (!(targetPct > 0 && targetPct <= 100)) throw new Error(`targetPct must be in (0, 100], got ${targetPct}`);
  if (!(maxDropM > 0)) throw new Error(`maxDropM must be > 0 metres, got ${maxDropM}`);
  if (!(costPerMetreVnd >= 0) || !(connectionCostVnd >= 0)) {
    throw new Error(`costs must be ≥ 0 VND, got ${costPerMetreVnd}/m and ${connectionCostVnd}/household`);
  }
}

/**
 * Plans extensions to reach `options.targetPct` (see the module comment for the method and its approximations).
 * Pure: the inputs are not modified. Re-planning after a deletion: pass the extensions to keep as `input.kept`
 * (`removeExtension` drops an extension with every extension branching from it).
 *
 * @example
 * const before = computeFibreCoverage(households, network, settings.fibre);
 * const plan = planFibreExtensions({ wards, wardOfHousehold, households, network, coverage: before },
 *   { targetPct: 90, scope: 'ward', maxDropM: 200, backbonePasses: false, ...DEFAULT_FIBRE_COSTS });
 * plan.totals; // { extensionM: 182_400, costVnd: 9_650_000_000, pctAfter: 90.4, … }
 */
export function planFibreExtensions(
  input: FibrePlanInput,
  options: FibrePlanOptions,
  onProgress?: (fraction: number) => void,
  isCancelled?: () => boolean,
): FibrePlan {
  checkOptions(options);
  const { wards, households, coverage } = input;
  const planner = new ExtensionPlanner(input, options, onProgress, isCancelled);
  const outsideRow = wards.length;

  if (options.scope === 'ward') {
    wards.forEach((ward, w) => {
      if (isCancelled?.()) throw new CancelledError();
      onProgress?.(w / wards.length);
      const needed = householdsNeeded(options.targetPct, planner.wardTotal[w]);
      planner.grow(planner.clustersOfWard(w), () => needed - planner.wardPassed[w], ward.id, () => w / wards.length);
    });
  } else {
    let cityTotal = 0;
    for (let row = 0; row <= outsideRow; row++) cityTotal += planner.wardTotal[row];
    const needed = householdsNeeded(options.targetPct, cityTotal);
    const start = planner.cityPassed;
    planner.grow(
      planner.clustersOfWard(null),
      () => needed - planner.cityPassed,
      undefined,
      () => (needed > start ? (planner.cityPassed - start) / (needed - start) : 1),
    );
  }
  onProgress?.(1);

  // per ward before/after, extension length and cost by the extensions' ward
  const passedBefore = new Float64Array(outsideRow + 1);
  const blocked = new Float64Array(outsideRow + 1);
  for (let h = 0; h < households.length; h++) {
    const row = input.wardOfHousehold[h] === -1 ? outsideRow : input.wardOfHousehold[h];
    if (coverage.passed[h] === 1) passedBefore[row] += households.count[h];
    if (planner.passed[h] === 0 && coverage.distanceM[h] <= options.maxDropM) blocked[row] += households.count[h];
  }
  const wardRow = new Map(wards.map((ward, w) => [ward.id, w]));
  const extensionM = new Float64Array(outsideRow + 1);
  const costVnd = new Float64Array(outsideRow + 1);
  for (const extension of planner.extensions) {
    const row = extension.wardId === null ? outsideRow : wardRow.get(extension.wardId) ?? outsideRow;
    extensionM[row] += extension.lengthM;
    costVnd[row] += extension.costVnd;
  }
  const wardPlans: FibreWardPlan[] = wards.map((ward, w) => {
    const total = planner.wardTotal[w];
    return {
      wardIndex: w,
      wardId: ward.id,
      wardName: ward.name,
      households: total,
      passedBefore: passedBefore[w],
      pctBefore: percent(passedBefore[w], total),
      passedAfter: planner.wardPassed[w],
      pctAfter: percent(planner.wardPassed[w], total),
      extensionM: extensionM[w],
      costVnd: costVnd[w],
      capacityBlocked: blocked[w],
      targetMet: total > 0 && planner.wardPassed[w] >= householdsNeeded(options.targetPct, total),
    };
  });

  let cityHouseholds = 0;
  let before = 0;
  for (let row = 0; row <= outsideRow; row++) {
    cityHouseholds += planner.wardTotal[row];
    before += passedBefore[row];
  }
  const totalLengthM = planner.extensions.reduce((sum, extension) => sum + extension.lengthM, 0);
  const gained = planner.extensions.reduce((sum, extension) => sum + extension.householdsGained, 0);
  const totals: FibrePlanTotals = {
    households: cityHouseholds,
    passedBefore: before,
    pctBefore: percent(before, cityHouseholds),
    passedAfter: planner.cityPassed,
    pctAfter: percent(planner.cityPassed, cityHouseholds),
    extensions: planner.extensions.length,
    extensionM: totalLengthM,
    householdsGained: gained,
    cableCostVnd: Math.round(totalLengthM * options.costPerMetreVnd),
    connectionCostVnd: Math.round(gained * options.connectionCostVnd),
    costVnd: planner.extensions.reduce((sum, extension) => sum + extension.costVnd, 0),
  };

  const unreachableWards: UnreachableWard[] = options.scope === 'ward'
    ? wardPlans
      .filter((ward) => !ward.targetMet)
      .map((ward): UnreachableWard => {
        const needed = householdsNeeded(options.targetPct, ward.households);
        const reason = ward.households === 0 ? 'no-households'
          : ward.capacityBlocked >= needed - ward.passedAfter ? 'ports-full'
          : 'not-enough-reachable';
        return {
          wardIndex: ward.wardIndex,
          wardId: ward.wardId,
          wardName: ward.wardName,
          reason,
          households: ward.households,
          passedAfter: ward.passedAfter,
          needed,
          capacityBlocked: ward.capacityBlocked,
        };
      })
    : [];
  const targetMet = options.scope === 'ward'
    ? wardPlans.every((ward) => ward.targetMet || ward.households === 0)
    : planner.cityPassed >= householdsNeeded(options.targetPct, cityHouseholds);
  return { options, extensions: planner.extensions, passedAfter: planner.passed, wards: wardPlans, totals, targetMet, unreachableWards };
}

/**
 * The extensions left after deleting `id`: every extension branching from it (directly or through others) goes
 * too, since it would hang in the air. Pass the result as `kept` to re-plan.
 */
export function removeExtension(extensions: FibreExtension[], id: string): FibreExtension[] {
  const removed = new Set([id]);
  // extensions are in planning order: a parent always precedes its branches
  return extensions.filter((extension) => {
    if (removed.has(extension.id) || (extension.parentId !== null && removed.has(extension.parentId))) {
      removed.add(extension.id);
      return false;
    }
    return true;
  });
}
