/**
 * The extension planner's state and its greedy growth of cables (method in plan-fibre-extension.ts): household
 * clusters, their attachment to the network or to cables laid so far, the queue of offers by households per
 * metre, laying and taking back cables.
 */
import TinyQueue from 'tinyqueue';
import { LocalPointIndex } from '../geo/point-index.ts';
import type { Steps } from '../steps.ts';
import { clusterHouseholds, type HouseholdClusters } from './cluster-households.ts';
import type { FibreExtension, FibrePlanInput, FibrePlanOptions } from './fibre-plan-types.ts';
import { HouseholdGrid } from './household-grid.ts';
import { latitudeScaleOf, type LatitudeScale } from './latitude-scale.ts';
import { NearestElementIndex } from './nearest-element.ts';
import { collectPassingElements, type PassingElements } from './passing-elements.ts';
import { SegmentBuckets } from './segment-buckets.ts';

/** Share of the drop distance the planning geometry uses, so plane/local frame differences never leave a gap. */
const PLAN_MARGIN = 0.01;
/** Radius around a new cable within which clusters are re-attached at once (farther ones when they surface). */
const EAGER_RADIUS_M = 2000;
/** Bucket side for the growing set of extension cables. */
const BUCKET_M = 500;
/** Shortest cable length used in ratios (avoids dividing by ~0). */
const MIN_LENGTH_M = 1;
/** Planning steps between two checkpoints. */
const STEPS_PER_CHECKPOINT = 256;

interface QueueEntry {
  cluster: number;
  priority: number;
  version: number;
}

/** Whether two option sets give planners the same set-up and costs (they may differ in their target). */
function sameSetUp(a: FibrePlanOptions, b: FibrePlanOptions): boolean {
  return (
    a.scope === b.scope &&
    a.maxDropM === b.maxDropM &&
    a.backbonePasses === b.backbonePasses &&
    a.costPerMetreVnd === b.costPerMetreVnd &&
    a.connectionCostVnd === b.connectionCostVnd
  );
}

const byPriority = (a: QueueEntry, b: QueueEntry): number => b.priority - a.priority || a.cluster - b.cluster;

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

/** The state of one growth (`startGrowth`, `growFrom`) besides the planner's own. */
export interface Growth {
  scope: number[];
  /** Households still needed (≤ 0: target met). */
  need: () => number;
  wardId: string | null | undefined;
  fraction: () => number;
  largestCluster: number;
  laid: LaidCable[];
  spentVnd: number;
  /** The cheapest way found so far to finish: stop after `step` cables and lay `choice`. */
  cheapest: { step: number; choice: CableChoice; totalVnd: number } | null;
}

/** The state of one planning run (see plan-fibre-extension.ts for the method). */
export class ExtensionPlanner {
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
  /** A cable was taken back: the cable buckets' extents then differ from a copy's (`SegmentBuckets.copy`). */
  private tookBack = false;
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
  private steps = 0;

  /**
   * A planner for `input` and `options` in its starting state. With `from`, a planner built for the same input
   * and options but another `targetPct`, in the state `from` is in (a fork: see `growFrom`); its set-up is shared
   * instead of built again (the household grid, clusters and network index do not depend on the target).
   */
  constructor(
    private readonly input: FibrePlanInput,
    private readonly options: FibrePlanOptions,
    from?: ExtensionPlanner,
  ) {
    if (from !== undefined) {
      if (from.tookBack || from.input !== input || !sameSetUp(from.options, options)) throw new Error('ExtensionPlanner: copy from a planner of the same input and options that took no cable back');
      this.r = from.r;
      this.rPlan = from.rPlan;
      this.passed = from.passed.slice();
      this.wardTotal = from.wardTotal;
      this.wardPassed = from.wardPassed.slice();
      this.wardGain = from.wardGain.slice();
      this.cityPassed = from.cityPassed;
      this.grid = from.grid;
      this.kx0 = from.kx0;
      this.ky0 = from.ky0;
      this.scale = from.scale;
      this.elements = from.elements;
      this.network = from.network;
      this.cables = from.cables.copy();
      this.extensions.push(...from.extensions);
      this.nextId = from.nextId;
      this.clusters = from.clusters;
      this.clusterOfSlot = from.clusterOfSlot;
      this.liveWeight = from.liveWeight.slice();
      this.version = from.version.slice();
      this.inScope = from.inScope.slice();
      this.attachX = from.attachX.slice();
      this.attachY = from.attachY.slice();
      this.attachDist = from.attachDist.slice();
      this.attachParent = from.attachParent.slice();
      this.clusterIndex = from.clusterIndex;
      // a valid heap stays as it is when built again from its array: the copy pops in the same order
      this.queue = new TinyQueue<QueueEntry>(from.queue.data.slice(), byPriority);
      this.steps = from.steps;
      return;
    }
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
    this.tookBack = true;
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

  /**
   * Grows cables for the clusters of `scope` until `need()` reaches 0 or no cluster can be reached; yields
   * `fraction()` at checkpoints (steps.ts).
   * `wardId`: the ward id every cable gets (scope ward), or undefined to take the majority ward (scope city).
   *
   * Greedy by households per metre, with the usual guard of quota greedy algorithms: before each step the
   * cheapest single cable that would close the gap alone ("finisher") is priced; at the end, if stopping at an
   * earlier step and laying its finisher was cheaper than the greedy path, the later cables are taken back and
   * that finisher is laid instead.
   */
  *grow(scope: number[], need: () => number, wardId: string | null | undefined, fraction: () => number): Steps<void> {
    const run = this.startGrowth(scope, need, wardId, fraction);
    if (run !== null) yield* this.growFrom(run);
  }

  /** Queues the clusters of `scope` for `grow`; null when there is nothing to grow. */
  startGrowth(scope: number[], need: () => number, wardId: string | null | undefined, fraction: () => number): Growth | null {
    if (need() <= 0 || scope.length === 0) return null;
    this.queue = new TinyQueue<QueueEntry>([], byPriority);
    let largestCluster = 0;
    for (const c of scope) {
      this.inScope[c] = 1;
      if (this.liveWeight[c] <= 0) continue;
      largestCluster = Math.max(largestCluster, this.liveWeight[c]);
      this.attach(c);
      this.push(c);
    }
    return { scope, need, wardId, fraction, largestCluster, laid: [], spentVnd: 0, cheapest: null };
  }

  /**
   * The growth loop of `grow` from `run`'s state (see `grow`). With `pauseBefore`, returns false before the first
   * step at which it is true (the loop can be taken up again with the same `run`), true when the growth is done.
   *
   * Forks: the growth towards a target depends on the target only through `need`, and only once the gap is down
   * to the largest cluster (from then on finishers are priced, and laying one or taking cables back differs per
   * target). Up to that step the growth towards a lower target is the same as towards a higher one: a planner
   * grown towards the higher target, paused there and copied (`new ExtensionPlanner(input, options, from)`, with
   * a copy of `run` and its `need`) goes on as the lower target's planner would have.
   */
  *growFrom(run: Growth, pauseBefore?: () => boolean): Steps<boolean> {
    const { scope, need, wardId, fraction } = run;
    for (;;) {
      if (pauseBefore?.()) return false;
      if (!(need() > 0 && this.queue.length > 0)) break;
      if (++this.steps % STEPS_PER_CHECKPOINT === 0) yield fraction();
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
      const finisher = remaining <= run.largestCluster ? this.chooseFinisher(scope, remaining) : null;
      if (finisher !== null && (run.cheapest === null || run.spentVnd + finisher.costVnd < run.cheapest.totalVnd)) {
        run.cheapest = { step: run.laid.length, choice: finisher, totalVnd: run.spentVnd + finisher.costVnd };
      }
      const cut = this.cut(c);
      if (cut === null) continue;
      const choice = finisher !== null && cut.weight >= remaining ? finisher : { cluster: c, lengthM: cut.lengthM };
      const cable = this.lay(choice, wardId);
      if (cable !== null) {
        run.laid.push(cable);
        run.spentVnd += cable.costVnd;
      }
      this.push(choice.cluster);
      if (choice.cluster !== c) this.push(c);
    }
    const { cheapest } = run;
    if (cheapest !== null && (need() > 0 || cheapest.totalVnd < run.spentVnd - 1) && cheapest.step < run.laid.length) {
      this.finishAt(scope, run.laid, cheapest.step, cheapest.choice, wardId);
      if (need() > 0) yield* this.grow(scope, need, wardId, fraction);
    }
    for (const c of scope) this.inScope[c] = 0;
    return true;
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

