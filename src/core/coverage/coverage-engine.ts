/**
 * The coverage engine: best server, RSRP and signal class for every household point, and for any point on
 * demand, with incremental updates when a cell moves, changes, appears or disappears.
 *
 * How it stays fast on a city (600,000 points × 12,000 cells), exactly:
 * - each analysed cell is prepared once (`prepareCell`: EIRP, path-loss constants) with its reach, the largest
 *   ground distance at which its boresight RSRP still clears the weak floor (`reachM`);
 * - cells are grouped by path-loss model and environment; each group has an envelope U(d) = max over its cells
 *   of (EIRP − path loss at d), the best any of them can do at ground distance d; groups of similar
 *   search radii share a point index (`CellSearch`, cell-search.ts);
 * - households are processed tile by tile (`HouseholdTiles`, household-tiles.ts) in passes of falling thresholds
 *   T (−72, −80, −90, −100 dBm, then the weak floor): a pass visits, per group, only the cells within the distance where U falls below T. A household whose
 *   best reaches T is settled, because every cell not yet visited gives it less than T. Most households are
 *   settled by the few cells of the first passes; only weak spots search out to the full reach;
 * - the best value per household lives in a Float64Array; ties go to the lower cell index, so a full run, point
 *   queries and any sequence of incremental updates give the same answer.
 *
 * For 4G and 5G the engine also gives the downlink quality (docs/models.md "SINR and throughput"): the best server
 * is searched down to the interference cut-off (N − 10 dB, −135.2 dBm for 4G by default) rather than the weak
 * floor, so households of class `none` keep an RSRP wherever a server clears the cut-off; then every household's
 * co-channel interference is summed over every cell above the cut-off (`InterferenceSums`), giving SINR, the
 * TR 36.942 throughput and the number of servers within 6 dB. Cell edits update these incrementally too.
 *
 * Distances are ground distances on the WGS84 ellipsoid by cheap-ruler's local approximation around each cell
 * (error < 0.1 % within 100 km); bearings are clockwise from true north.
 */
import type { LocalPlane } from '../geo/local-plane.ts';
import { patternLossDb, rsrpAtDbm } from '../link-budget.ts';
import type { AnalysisSettings, Cell, HouseholdLocations, OfdmTechnology } from '../model.ts';
import type { PlaceEnvironment } from '../resolve-environment.ts';
import { runSteps, type Steps } from '../steps.ts';
import { isAnalysedCell } from './analysed-cell.ts';
import { CellSearch, type ActiveCell } from './cell-search.ts';
import { channelKey, CoChannelGroups } from './co-channel.ts';
import type { CoverageResult, DownlinkQuality, ServedSignal } from './coverage-result.ts';
import { HouseholdTiles, householdsPlane, serverBit, TILE_BLOCK_M, TILE_M } from './household-tiles.ts';
import { counter, InterferenceSums, type NextStripe, type Servers, type SumsArrays } from './interference-sums.ts';
import {
  cellBandwidthMhz,
  dbToLinear,
  interferenceCutoffDbm,
  isOfdmTechnology,
  noisePerResourceElementDbm,
  OVERLAP_WINDOW_DB,
  sinrDb,
  throughputMbps,
} from './link-quality.ts';
import { DECISION_BAND, forgetStepValues } from './link-tables.ts';
import { analysisFloorDbm, CELLS_PER_CHECKPOINT, CellLinks } from './cell-links.ts';
import { classifyRsrp } from './signal-class.ts';
import type { SumsPartner } from './sums-partner.ts';

/**
 * Work a caller runs inside a full run (`CoverageEngine.runSteps`) between the best servers and the interference
 * sums, from the run's signal; yields its own progress `P`.
 */
export type Interlude<P> = (signal: ServedSignal) => Steps<void, P>;

export interface CoverageEngineInput {
  /**
   * Environment of cells that do not give theirs (`resolveEnvironment`): built on these same households, so a
   * cell's environment is the household density around its site (or an explicit ward environment).
   */
  place: Pick<PlaceEnvironment, 'at'>;
  cells: Cell[];
  households: HouseholdLocations;
  settings: AnalysisSettings;
  /**
   * 4G/5G: starts another thread summing half of the interference of the next full run (sums-partner.ts), or
   * gives null. Called when that run starts, so that the run, which stops the partner however it ends, owns it;
   * not called by an engine without interference sums.
   */
  sumsPartner?: (() => SumsPartner | null) | null;
  /**
   * 4G/5G: the signal classes only, for a host that reads nothing else (the targets' networks in the app): as
   * for 2G/3G, servers are searched down to the weak threshold, not the interference cut-off below it, and there
   * are no interference sums, so no SINR, throughput or overlap (NaN, NaN, 0), in a full run or after an edit.
   * The classes are those of the full analysis, and so are the servers and RSRP down to the weak threshold.
   */
  signalOnly?: boolean;
  /** 4G/5G: the arrays to keep the interference sums in, zero (`SumsArrays`); new ones by default. */
  sumsInto?: SumsArrays;
  /**
   * 4G/5G: false when no cell edit is expected after a full run (the CLI's `analyze`): the index of households by
   * tile and co-channel group that edits read is then not built after it (~50 ms and ~5 MiB on the seeded city),
   * only by an edit if one comes. Results are the same either way.
   */
  editable?: boolean;
  /**
   * An engine of a warm-up (edit-warm-up.ts): its tile layout and its full computations' WebAssembly memory are
   * its own, so the layout and memory this thread keeps for its analyses' next runs stay theirs.
   */
  transient?: boolean;
}

/** The quality model of an OFDM analysis: its noise, cut-off and settings. */
interface QualityModel {
  technology: OfdmTechnology;
  noiseMw: number;
  cutoffDbm: number;
  /**
   * The no-signal floor (the weak threshold, dBm): a household whose server is below it is of class none, with no
   * service, so it has no throughput (NaN: none, as without a server; 0 Mb/s in the speed statistics); its SINR is
   * kept down to the cut-off (docs/models.md).
   */
  serviceFloorDbm: number;
  loadFactor: number;
  layers: number;
}

/** The best server found so far at a point, as a point query offers it cells (`CoverageEngine.offerAtPoint`). */
interface PointBest {
  cellIndex: number;
  rsrpDbm: number;
  /** Below this (mW) a tabulated RSRP cannot beat or tie the best. */
  beatenBelowMw: number;
}

// Imported functions called per household, read once: tsx (the benches, the CLI from the sources) turns imports
// into getters, a call each time they are read (as in interference-sums.ts).
const toLinear = dbToLinear;
const sinrOf = sinrDb;
const throughputOf = throughputMbps;
const patternLoss = patternLossDb;
const classify = classifyRsrp;

/** Cells changed since the groups were built are evaluated directly; past this many, the groups are rebuilt. */
const MAX_PENDING_CELLS = 256;
/**
 * Cells repaired together by one pass of an edit (`updateCells`; a site's sectors): their old and new states are
 * told apart by the bits of a byte per tile (and `replaceActive` names each of the four). Larger edits are repaired
 * in parts of this size.
 */
const MAX_CELLS_PER_EDIT = 4;
/** Thresholds of the settling passes above the weak floor, dBm (the last pass is the floor itself). */
const PASS_THRESHOLDS_DBM = [-72, -80, -90, -100];
/**
 * Point queries pass every 5 dB below −100 dBm. A query stops after the first pass at or below its answer, having
 * visited every cell within that pass's radius, so passes closer together visit fewer cells beyond what the
 * answer needs: the weak zones' queries, near the fair floor, took ~25 % less CPU on a full-scale synthetic province
 * than with the settling passes (which stay for the households: a tile's settle at many levels at once).
 */
const POINT_LADDER_TOP_DBM = -100;
const POINT_PASS_STEP_DB = 5;
/** Tiles settled between two checkpoints of a run. */
const TILES_PER_CHECKPOINT = 256;
/** How long a run waits for its partner's last tiles between two checkpoints, ms (progress and cancel stay alive). */
const PARTNER_TILE_WAIT_MS = 20;
/** Share of a run's progress taken by preparing the cells (the rest: best servers, then the 4G/5G sums). */
const PREPARE_SHARE = 0.1;
const DEG = 180 / Math.PI;

/**
 * Below this (mW) a tabulated RSRP cannot reach `levelDbm`, the tables' error (`DECISION_BAND`) allowed for: a cell
 * bounded below the best of a household (or the weakest best of a tile, or a search floor) cannot beat or tie it.
 */
const belowReachMw = (levelDbm: number): number => toLinear(levelDbm) * (1 - DECISION_BAND);

export class CoverageEngine {
  result: CoverageResult | null = null;

  private readonly households: HouseholdLocations;
  private readonly settings: AnalysisSettings;
  /** Starts the partner of the next full run; used once (later runs are one thread's). */
  private startSumsPartner: (() => SumsPartner | null) | null;
  private readonly cellList: Cell[];
  /** Per cell index: the prepared analysed cell, or null (other layer, removed). */
  private readonly active: Array<ActiveCell | null> = [];
  /**
   * The lowest RSRP at which a cell serves: the weak threshold, or for 4G/5G the interference cut-off when it is
   * lower (a household of class `none` keeps its RSRP and SINR down to the cut-off).
   */
  private readonly floorDbm: number;
  /** Thresholds of the settling passes: the fixed ones above the weak floor, the weak floor, then the search floor. */
  private readonly passThresholdsDbm: number[];
  /** 4G/5G: noise, cut-off and the co-channel sums per household; null for 2G/3G (no SINR). */
  private readonly quality: QualityModel | null;
  private readonly sums: InterferenceSums | null;
  private readonly coChannelGroups = new CoChannelGroups();

  /** The plane of every index, at the households' mean latitude. */
  private readonly plane: LocalPlane;
  /** Households bucketed by plane tile. */
  private readonly tiles: HouseholdTiles;
  /**
   * Scratch buffers of households being settled (made on first use: a sums partner settles none) and of the blocks
   * of tiles found by the last query (`foundQuery`).
   */
  private pendingList: Uint32Array | null = null;
  /** Scratch of a tile's pass (`settleTile`): the cells visited and their bounds over the tile, mW (`passLists`). */
  private passScratch = { cells: new Int32Array(0), boundsMw: new Float64Array(0) };
  private readonly foundBlocks: Uint32Array;
  /** The last block query (plane centre and radius) and how many blocks it found: a site's sectors ask the same. */
  private readonly foundQuery = { x: NaN, y: NaN, radius: NaN, count: 0 };
  /**
   * Scratch of an edit (`replaceActive`): the tiles any changed state reaches, listed once, and per tile which
   * states reach it (bit k: the previous state of the edit's k-th cell, bit k + MAX_CELLS_PER_EDIT: its next).
   */
  private readonly editTiles: Uint32Array;
  private editTileCount = 0;
  private readonly editTileBits: Uint8Array;
  /**
   * Per household, scratch of an edit (made on the first edit, which an analysis alone never makes): `marks` 1 when
   * its sums changed and it is listed, 2 when already rewritten; `touched` the households whose sums changed, in
   * the order first marked.
   */
  private qualityScratch: { marks: Uint8Array; touched: Uint32Array } | null = null;

  /** Upper bound of (true distance / plane distance) over the data: plane radii are widened by it. */
  private stretch = 1;
  private bestRsrpDbm: Float64Array;
  private cellSearch: CellSearch | null = null;
  /**
   * Cell searches of point queries (`bestServerAt`) per floor, made on first use and dropped at each regrouping; a
   * cell edited since the last regrouping is skipped in every search and visited as a pending cell, so they stay
   * exact whenever they were made.
   */
  private readonly pointSearches = new Map<number, { search: CellSearch; thresholdsDbm: number[] }>();
  /** Cells added or changed since the groups were built (evaluated directly). */
  private pendingCells: number[] = [];
  /** Each cell's link budget, reach and tables (its environment and reach shared with its site and curve). */
  private readonly links: CellLinks;
  /** Cell indices whose group entry is stale (moved, edited, removed). */
  private staleInGroups = new Set<number>();
  /** Whether every cell of the input is prepared (`prepareSteps`): done in the first run's steps, or on first use. */
  private isPrepared = false;

  constructor(input: CoverageEngineInput) {
    this.households = input.households;
    this.settings = input.settings;
    const { settings } = input;
    const weakDbm = settings.thresholdsDbm.weak;
    const { technology } = settings;
    this.quality =
      isOfdmTechnology(technology) && input.signalOnly !== true
        ? {
            technology,
            noiseMw: dbToLinear(noisePerResourceElementDbm(technology, settings)),
            cutoffDbm: interferenceCutoffDbm(technology, settings),
            serviceFloorDbm: weakDbm,
            loadFactor: settings.loadFactor,
            layers: settings.mimoLayers[technology],
          }
        : null;
    this.floorDbm = analysisFloorDbm(settings, input.signalOnly === true);
    const above = [...PASS_THRESHOLDS_DBM, weakDbm].filter((threshold) => threshold > this.floorDbm);
    this.passThresholdsDbm = [...new Set(above), this.floorDbm];
    this.links = new CellLinks(settings, input.place, this.floorDbm);
    this.startSumsPartner = input.sumsPartner ?? null;
    this.cellList = input.cells.slice();

    const { length } = input.households;
    this.plane = householdsPlane(input.households);
    this.bestRsrpDbm = new Float64Array(length);
    this.tiles = new HouseholdTiles(input.households, this.plane, input.transient !== true);
    this.foundBlocks = new Uint32Array(Math.max(this.tiles.blockX.length, 1));
    this.editTiles = new Uint32Array(Math.max(this.tiles.count, 1));
    this.editTileBits = new Uint8Array(Math.max(this.tiles.count, 1));
    this.sums = this.quality === null ? null : new InterferenceSums(input.households, this.plane, this.tiles, this.quality.cutoffDbm, input.sumsInto, input.editable !== false, input.transient === true);
    // the cells are prepared in the first run's steps (seconds on a city: the worker must read a cancel meanwhile)
  }

  /**
   * Prepares every cell of the input (`activate`: link budget, reach, the tables of the interference sums) and
   * groups them, yielding the fraction of cells done. Starts over if an earlier preparation was abandoned.
   */
  *prepareSteps(): Steps<void> {
    this.active.length = 0;
    const count = this.cellList.length;
    for (let c = 0; c < count; c++) {
      if (c % CELLS_PER_CHECKPOINT === 0) yield c / count;
      const cell = this.activate(this.cellList[c], c);
      this.active.push(cell);
      this.sums?.setCell(c, cell);
    }
    // the tables are built: what they shared per step is not kept
    forgetStepValues();
    this.rebuildGroups();
    this.isPrepared = true;
  }

  /** 4G/5G: the tables the edits' interference sums read, copied in ahead (`InterferenceSums.placeEditTablesSteps`). */
  *placeEditTablesSteps(): Steps<void> {
    if (this.sums !== null) yield* this.sums.placeEditTablesSteps();
  }

  /** Prepares the cells straight through, unless a run has (for point queries and edits before any run). */
  private prepare(): void {
    if (!this.isPrepared) runSteps(this.prepareSteps());
  }

  private get pending(): Uint32Array {
    return (this.pendingList ??= new Uint32Array(Math.max(this.households.length, 1)));
  }

  /** The scratch of a tile's or a point's pass, with room for every active and pending cell (`cellsNear`). */
  private get passLists(): { cells: Int32Array; boundsMw: Float64Array } {
    const count = this.active.length + this.pendingCells.length;
    if (this.passScratch.cells.length < count) this.passScratch = { cells: new Int32Array(count), boundsMw: new Float64Array(count) };
    return this.passScratch;
  }

  get cells(): readonly Cell[] {
    return this.cellList;
  }

  /** Best server for every household point; the result is also kept as `this.result` for later updates. */
  run(): CoverageResult {
    return runSteps(this.runSteps());
  }

  /**
   * `run` as steps (steps.ts), for progress and cancellation: yields the fraction done at checkpoints (the cells'
   * preparation on the first run, then the best servers; for 4G/5G the interference sums take the second half).
   * `interlude`: the caller's work that needs the signal but not the SINR (the weak zones, the fibre reach), run
   * between the best servers and the interference sums, its own progress passed through as it comes. With a sums
   * partner it runs while the partner sums: the partner takes the stripes the host would have taken meanwhile, and
   * the second core is not left idle while the host works alone.
   */
  *runSteps<P = never>(interlude?: Interlude<P>): Steps<CoverageResult, number | P> {
    // the partner serves this run only, and is stopped however the run ends: done, failed, or cancelled at a
    // checkpoint before or during the sums (the steps returned early); a run without sums (2G/3G, signal only)
    // starts none
    const partner = this.sums === null ? null : (this.startSumsPartner?.() ?? null);
    this.startSumsPartner = null;
    try {
      return yield* this.fullRunSteps(partner, interlude);
    } finally {
      partner?.stop();
    }
  }

  /** `runSteps` with the partner of its interference sums, if any. */
  private *fullRunSteps<P>(partner: SumsPartner | null, interlude: Interlude<P> | undefined): Steps<CoverageResult, number | P> {
    const prepareShare = this.isPrepared ? 0 : PREPARE_SHARE;
    if (!this.isPrepared) for (const fraction of this.prepareSteps()) yield prepareShare * fraction;
    const n = this.households.length;
    const bestCell = new Int32Array(n).fill(-1);
    this.bestRsrpDbm = new Float64Array(n).fill(-Infinity);
    const tileCount = this.tiles.count;
    const settledAt = this.sums === null ? 1 : prepareShare + (1 - prepareShare) / 2;
    // with a partner, both take tiles from a shared counter; the partner's are copied from it once it has settled them
    const settledHere = partner === null ? null : new Uint8Array(tileCount);
    const nextTile = partner?.nextTile ?? counter();
    for (let t = nextTile(), taken = 0; t < tileCount; t = nextTile(), taken++) {
      if (taken % TILES_PER_CHECKPOINT === 0) yield prepareShare + ((settledAt - prepareShare) * t) / tileCount;
      this.settleWholeTile(t, bestCell);
      if (settledHere !== null) settledHere[t] = 1;
    }
    if (partner !== null && settledHere !== null) yield* this.partnerTilesSteps(partner, settledHere, bestCell, settledAt);
    yield settledAt;
    const rsrpDbm = new Float32Array(n);
    const signalClass = new Uint8Array(n);
    for (let h = 0; h < n; h++) {
      // below the search floor a server is not usable: reported as no server
      if (!(this.bestRsrpDbm[h] >= this.floorDbm)) {
        this.bestRsrpDbm[h] = -Infinity;
        bestCell[h] = -1;
      }
      rsrpDbm[h] = this.bestRsrpDbm[h];
      signalClass[h] = classify(this.bestRsrpDbm[h], this.settings.thresholdsDbm);
    }
    for (let t = 0; t < tileCount; t++) this.tiles.updateSummary(t, this.bestRsrpDbm, bestCell);
    const quality: DownlinkQuality = {
      sinrDb: new Float32Array(n).fill(NaN),
      throughputMbps: new Float32Array(n).fill(NaN),
      serversWithin6Db: new Uint8Array(n),
    };
    const servers = { bestCell, bestRsrpDbm: this.bestRsrpDbm };
    partner?.start(servers);
    if (interlude !== undefined) yield* interlude({ bestCell, rsrpDbm, signalClass });
    if (this.sums !== null) {
      yield settledAt;
      for (const fraction of this.sums.computeSteps(servers, this.stretch, partner)) yield settledAt + (1 - settledAt) * fraction;
      for (let h = 0; h < n; h++) this.writeQuality(h, bestCell, quality);
    }
    this.result = {
      technology: this.settings.technology,
      operator: this.settings.operator,
      bestCell,
      rsrpDbm,
      signalClass,
      ...quality,
    };
    return this.result;
  }

  /**
   * The tiles of a full run's best-server pass that the partner took: their best servers copied from it once it has
   * settled them (yielding while it works on its last ones); those it has not, when it is given up, settled here.
   */
  private *partnerTilesSteps(partner: SumsPartner, settledHere: Uint8Array, bestCell: Int32Array, settledAt: number): Steps<void> {
    const { tileStart, tileHouseholds } = this.tiles;
    const theirs = partner.tileServers;
    const best = this.bestRsrpDbm;
    let givenUp = false;
    for (let t = 0; t < settledHere.length; t++) {
      if (settledHere[t] === 1) continue;
      while (!givenUp && !partner.tileSettled(t)) {
        if (partner.waitForTile(PARTNER_TILE_WAIT_MS) === 'failed') givenUp = true;
        else yield settledAt;
      }
      if (partner.tileSettled(t)) {
        for (let k = tileStart[t]; k < tileStart[t + 1]; k++) {
          const h = tileHouseholds[k];
          bestCell[h] = theirs.bestCell[h];
          best[h] = theirs.bestRsrpDbm[h];
        }
      } else {
        this.settleWholeTile(t, bestCell);
      }
    }
  }

  /**
   * A partner's part of a full run's best servers (sums-partner.ts): settles the tiles `nextTile` gives it into
   * `into`, the same numbers as the host's engine, calling `settled(t)` after each.
   */
  settlePartnerTiles(into: Servers, nextTile: NextStripe, settled: (t: number) => void): void {
    this.prepare();
    const { tileStart, tileHouseholds } = this.tiles;
    const own = this.bestRsrpDbm;
    this.bestRsrpDbm = into.bestRsrpDbm;
    try {
      for (let t = nextTile(); t < this.tiles.count; t = nextTile()) {
        for (let k = tileStart[t]; k < tileStart[t + 1]; k++) {
          into.bestCell[tileHouseholds[k]] = -1;
          into.bestRsrpDbm[tileHouseholds[k]] = -Infinity;
        }
        this.settleWholeTile(t, into.bestCell);
        settled(t);
      }
    } finally {
      this.bestRsrpDbm = own;
    }
  }

  /**
   * A partner's part of a full run (sums-partner.ts): the sums of the households of the stripes `nextStripe` gives
   * it, for the host's `servers`, from the prepared cells; the other households' sums are zero. Null for 2G/3G.
   */
  *interferenceStripeSteps(servers: Servers, nextStripe: NextStripe): Steps<Pick<InterferenceSums, 'coChannelMw' | 'overlap'> | null> {
    if (this.sums === null) return null;
    if (!this.isPrepared) yield* this.prepareSteps();
    yield* this.sums.stripeSteps(servers, this.stretch, nextStripe);
    return this.sums;
  }

  /**
   * Writes household h's SINR, throughput and overlap count from the sums (NaN, NaN, 0 without a server above the
   * cut-off; the throughput NaN below the no-signal floor).
   */
  private writeQuality(h: number, bestCell: Int32Array, quality: DownlinkQuality): void {
    const sums = this.sums;
    const model = this.quality;
    const server = bestCell[h];
    const cell = server >= 0 ? this.active[server] : null;
    if (sums === null || model === null || cell === null || !(this.bestRsrpDbm[h] >= model.cutoffDbm)) {
      quality.sinrDb[h] = NaN;
      quality.throughputMbps[h] = NaN;
      quality.serversWithin6Db[h] = 0;
      return;
    }
    const serverMw = toLinear(this.bestRsrpDbm[h]);
    const sinr = sinrOf(serverMw, Math.max(0, sums.coChannelMw[h] - serverMw), model.noiseMw, model.loadFactor);
    quality.sinrDb[h] = sinr;
    quality.throughputMbps[h] = this.bestRsrpDbm[h] >= model.serviceFloorDbm ? throughputOf(sinr, cell.bandwidthMhz, model.layers) : NaN;
    quality.serversWithin6Db[h] = Math.min(255, sums.overlap[h]);
  }

  /** `settleTile` for every household of tile `t` (a full run's pass, the host's or its partner's: every tile in turn). */
  private settleWholeTile(t: number, bestCell: Int32Array): void {
    const { tileStart, tileHouseholds } = this.tiles;
    this.pending.set(tileHouseholds.subarray(tileStart[t], tileStart[t + 1]));
    this.settleTile(t, tileStart[t + 1] - tileStart[t], bestCell, true);
  }

  /**
   * Finds the best cell of the first `count` households in `this.pending`, all in tile `t`, from their current
   * best: pass by pass, the cells that may reach the pass threshold somewhere in the tile are offered to the
   * households not settled yet. `inTurn`: the tiles around are settled too (a full run), so the cell search's
   * lists pay (`CellSearch.listNear`); an edit's few tiles query its indexes.
   *
   * Within a pass the cell with the strongest bound over the tile (`TabulatedCell.boundOverDiscMw`) is offered first,
   * then the others in turn, each only while its bound can reach the weakest best among the households (less the
   * tables' error): below it the cell cannot improve any of them. Where the signal is weak, many cells reach a tile at
   * the last passes and most of them are far weaker than its best server.
   */
  private settleTile(t: number, count: number, bestCell: Int32Array, inTurn: boolean): void {
    const pending = this.pending;
    const { tileX, tileY } = this.tiles;
    const tileLon = tileX[t] / this.plane.kx;
    const tileLat = tileY[t] / this.plane.ky;
    const { cells: passCells, boundsMw: passBoundsMw } = this.passLists;
    let unsettled = count;
    // a cell bounded below this over the tile cannot beat or tie any of its unsettled households' bests: the weakest
    // of them when the pass starts (bests only rise within it), less the tables' error; 0 before the first pass
    let cannotImproveAtStartMw = 0;
    for (let pass = 0; pass < this.passThresholdsDbm.length && unsettled > 0; pass++) {
      const found = this.cellsNear(tileX[t], tileY[t], TILE_M * Math.SQRT1_2, pass, passCells, this.cellSearch, inTurn);
      let strongest = -1;
      for (let k = 0; k < found; k++) {
        const cell = this.active[passCells[k]]!;
        const dx = (tileLon - cell.prepared.lon) * cell.kx;
        const dy = (tileLat - cell.prepared.lat) * cell.ky;
        // at the last passes most cells found are far weaker than the tile's bests: their pattern's part is skipped
        passBoundsMw[k] = cell.link.boundOverDiscMw(dx, dy, this.tileRadiusAt(cell), cannotImproveAtStartMw);
        if (strongest === -1 || passBoundsMw[k] > passBoundsMw[strongest]) strongest = k;
      }
      if (found > 0 && passBoundsMw[strongest] >= cannotImproveAtStartMw) {
        // a cell bounded below this over the tile cannot beat or tie any of its households' bests
        let cannotImproveMw = belowReachMw(this.offer(passCells[strongest], this.active[passCells[strongest]]!, pending, 0, unsettled, bestCell));
        for (let k = 0; k < found; k++) {
          if (k === strongest || passBoundsMw[k] < cannotImproveMw) continue;
          cannotImproveMw = belowReachMw(this.offer(passCells[k], this.active[passCells[k]]!, pending, 0, unsettled, bestCell));
        }
      }
      // households whose best reached the threshold are settled: no unvisited cell can beat them
      const thresholdDbm = this.passThresholdsDbm[pass];
      let kept = 0;
      let weakestDbm = Infinity;
      for (let k = 0; k < unsettled; k++) {
        const bestDbm = this.bestRsrpDbm[pending[k]];
        if (bestDbm >= thresholdDbm) continue;
        pending[kept++] = pending[k];
        if (bestDbm < weakestDbm) weakestDbm = bestDbm;
      }
      unsettled = kept;
      cannotImproveAtStartMw = belowReachMw(weakestDbm);
    }
  }

  /**
   * Strongest usable analysed cell at a point; `{ cellIndex: -1, rsrpDbm: -Infinity }` when none clears the search
   * floor, or `floorDbm` when that is higher. A caller that needs the signal only at or above some level (the weak
   * zones' sampling) gives it as `floorDbm`: where the signal is weak the search then stops there instead of going
   * on to the search floor (for 4G the interference cut-off, −135.2 dBm). At or above `floorDbm` the answer, ties
   * included, is that of the full query: the last pass, at `floorDbm`, visits every cell that can reach it.
   * A cell whose tabulated RSRP (`TabulatedCell.rsrpMw`) falls short of the best so far by more than the tables'
   * error (`DECISION_BAND`) cannot beat or tie it: its exact link budget is not evaluated.
   */
  bestServerAt(lon: number, lat: number, floorDbm = -Infinity): { cellIndex: number; rsrpDbm: number } {
    this.prepare();
    const { search, thresholdsDbm } = this.pointSearch(Math.max(floorDbm, this.floorDbm));
    const best: PointBest = { cellIndex: -1, rsrpDbm: -Infinity, beatenBelowMw: 0 };
    const { cells: near } = this.passLists;
    for (let pass = 0; pass < thresholdsDbm.length; pass++) {
      const count = this.cellsNear(lon * this.plane.kx, lat * this.plane.ky, 0, pass, near, search);
      for (let k = 0; k < count; k++) this.offerAtPoint(best, near[k], this.active[near[k]]!, lon, lat);
      if (best.rsrpDbm >= thresholdsDbm[pass]) break;
    }
    const { cellIndex, rsrpDbm } = best;
    return rsrpDbm >= thresholdsDbm[thresholdsDbm.length - 1] ? { cellIndex, rsrpDbm } : { cellIndex: -1, rsrpDbm: -Infinity };
  }

  /**
   * Offers cell `c` to the point (lon, lat) of a point query: it becomes `best` when its exact RSRP beats it, or ties
   * it with a lower index. A cell whose tabulated RSRP falls short of the best by more than the tables' error cannot:
   * its exact link budget is not evaluated.
   */
  private offerAtPoint(best: PointBest, c: number, cell: ActiveCell, lon: number, lat: number): void {
    const dx = (lon - cell.prepared.lon) * cell.kx;
    const dy = (lat - cell.prepared.lat) * cell.ky;
    const squaredM2 = dx * dx + dy * dy;
    // the tables hold from 1 m to the cell's reach
    if (squaredM2 >= 1 && squaredM2 <= cell.link.reachSquaredM2 && cell.link.rsrpMw(dx, dy, squaredM2, 0) < best.beatenBelowMw) return;
    const rsrp = this.rsrpAtOffset(cell, dx, dy, squaredM2);
    if (rsrp > best.rsrpDbm || (rsrp === best.rsrpDbm && c < best.cellIndex)) {
      best.rsrpDbm = rsrp;
      best.cellIndex = c;
      best.beatenBelowMw = belowReachMw(rsrp);
    }
  }

  /**
   * `bestServerAt(lon, lat, floorDbm).rsrpDbm` for many points of one lon/lat rectangle (a refined weak-zone block,
   * zone-sampling.ts), from one cell search for the whole rectangle: the point query's last pass, with the
   * rectangle's half diagonal as radius, lists every cell that may reach `floorDbm` somewhere in it. Each keeps its
   * bound over the rectangle (`TabulatedCell.boundOverDiscMw` over the disc of the half diagonal in the cell's
   * metres) unless that is below the floor, strongest bound first. A point is offered the cells in that order as
   * `bestServerAt`'s are (`offerAtPoint`) and stops at the first whose bound cannot beat or tie its best so far: the
   * same answer, without a search per point. Worth it where the list is short (weak signal: ~15 cells in a rural
   * province) and a block asks for many points.
   */
  signalOver(west: number, south: number, east: number, north: number, floorDbm: number): (lon: number, lat: number) => number {
    this.prepare();
    const { search, thresholdsDbm } = this.pointSearch(Math.max(floorDbm, this.floorDbm));
    const lastPass = thresholdsDbm.length - 1;
    const lastThresholdDbm = thresholdsDbm[lastPass];
    const centreLon = (west + east) / 2;
    const centreLat = (south + north) / 2;
    const halfLon = (east - west) / 2;
    const halfLat = (north - south) / 2;
    // no point of the rectangle can take a cell bounded below this over it
    const floorMw = belowReachMw(lastThresholdDbm);
    const found: number[] = [];
    const foundBoundsMw: number[] = [];
    const { cells: near } = this.passLists;
    // the last pass's limits hold every earlier pass's cells (CellSearch.listWithin)
    const radius = Math.hypot(halfLon * this.plane.kx, halfLat * this.plane.ky);
    const count = this.usableWithPending(near, search.listWithin(centreLon * this.plane.kx, centreLat * this.plane.ky, radius, lastPass, this.stretch, near, 0));
    for (let k = 0; k < count; k++) {
      const cell = this.active[near[k]]!;
      const dx = (centreLon - cell.prepared.lon) * cell.kx;
      const dy = (centreLat - cell.prepared.lat) * cell.ky;
      const halfX = halfLon * cell.kx;
      const halfY = halfLat * cell.ky;
      const boundMw = cell.link.boundOverDiscMw(dx, dy, Math.sqrt(halfX * halfX + halfY * halfY));
      if (boundMw < floorMw) continue;
      found.push(near[k]);
      foundBoundsMw.push(boundMw);
    }
    const order = found.map((_, k) => k).sort((a, b) => foundBoundsMw[b] - foundBoundsMw[a]);
    const indices = Int32Array.from(order, (k) => found[k]);
    const cells = order.map((k) => this.active[found[k]]!);
    const bounds = Float64Array.from(order, (k) => foundBoundsMw[k]);
    return (lon, lat) => {
      const best: PointBest = { cellIndex: -1, rsrpDbm: -Infinity, beatenBelowMw: 0 };
      for (let k = 0; k < cells.length && bounds[k] >= best.beatenBelowMw; k++) this.offerAtPoint(best, indices[k], cells[k], lon, lat);
      return best.rsrpDbm >= lastThresholdDbm ? best.rsrpDbm : -Infinity;
    };
  }

  /**
   * The passes of a point query down to `floorDbm` (the settling passes above it, then every POINT_PASS_STEP_DB
   * below −100 dBm, then the floor) with their cell search, made once per floor and regrouping.
   */
  private pointSearch(floorDbm: number): { search: CellSearch; thresholdsDbm: number[] } {
    let point = this.pointSearches.get(floorDbm);
    if (point === undefined) {
      const steps = Array.from({ length: Math.max(0, Math.ceil((POINT_LADDER_TOP_DBM - floorDbm) / POINT_PASS_STEP_DB)) }, (_, k) => POINT_LADDER_TOP_DBM - POINT_PASS_STEP_DB * k);
      const above = [...this.passThresholdsDbm, ...steps].filter((threshold) => threshold > floorDbm);
      const thresholdsDbm = [...new Set(above)].sort((a, b) => b - a).concat(floorDbm);
      point = { search: new CellSearch(this.active, thresholdsDbm, this.plane), thresholdsDbm };
      this.pointSearches.set(floorDbm, point);
    }
    return point;
  }

  /**
   * Best server and downlink quality at a point (a map click), with the exact link budget of every co-channel
   * cell: SINR and throughput are null for 2G/3G or where no server clears the cut-off.
   */
  qualityAt(lon: number, lat: number): PointQuality {
    const { cellIndex, rsrpDbm } = this.bestServerAt(lon, lat);
    const model = this.quality;
    const server = cellIndex >= 0 ? this.active[cellIndex] : null;
    if (model === null || server === null || !(rsrpDbm >= model.cutoffDbm)) {
      return { cellIndex, rsrpDbm, sinrDb: null, throughputMbps: null, serversWithin6Db: 0 };
    }
    let interferenceMw = 0;
    let servers = 1;
    for (let c = 0; c < this.active.length; c++) {
      const cell = this.active[c];
      if (c === cellIndex || cell === null || cell.group !== server.group || (cell.channel >= 0 && server.channel >= 0 && cell.channel !== server.channel)) continue;
      const rsrp = this.rsrpAt(cell, lon, lat);
      if (!(rsrp >= model.cutoffDbm)) continue;
      interferenceMw += dbToLinear(rsrp);
      if (rsrp >= rsrpDbm - OVERLAP_WINDOW_DB) servers++;
    }
    const sinr = sinrDb(dbToLinear(rsrpDbm), interferenceMw, model.noiseMw, model.loadFactor);
    const throughput = rsrpDbm >= model.serviceFloorDbm ? throughputMbps(sinr, server.bandwidthMhz, model.layers) : null;
    return { cellIndex, rsrpDbm, sinrDb: sinr, throughputMbps: throughput, serversWithin6Db: servers };
  }

  /**
   * Where cell `cellIndex` can be a best server now: its site and its reach (metres, down to the engine's search
   * floor), or null when it is not analysed (other layer, removed). A point query can change after an edit of
   * the cell only within its footprints before and after the edit (rsrp-heatmap.ts refreshes just those).
   */
  footprintOf(cellIndex: number): { lon: number; lat: number; radiusM: number } | null {
    this.prepare();
    const cell = this.active[cellIndex] ?? null;
    return cell === null ? null : { lon: cell.prepared.lon, lat: cell.prepared.lat, radiusM: cell.reachM };
  }

  /**
   * Replaces cell `cellIndex` (a move or an edit) and updates `result` in place, revisiting only households
   * within its old or new reach. Returns the household indices whose server, RSRP or class changed.
   */
  updateCell(cellIndex: number, cell: Cell): number[] {
    return this.updateCells([{ cellIndex, cell }]);
  }

  /**
   * Replaces several cells at once (a site's sectors moved together), as `updateCell` would one after another but
   * visiting the households in their reach once for all of them. Returns the changed household indices, each once.
   */
  updateCells(changes: ReadonlyArray<{ cellIndex: number; cell: Cell }>): number[] {
    this.prepare();
    for (const { cellIndex } of changes) this.checkCellIndex(cellIndex);
    const changedByPart = editParts(changes).map((part) => {
      const edits = part.map(({ cellIndex, cell }) => {
        this.cellList[cellIndex] = cell;
        return { c: cellIndex, next: this.activate(cell, cellIndex) };
      });
      return this.replaceActive(edits);
    });
    // each part lists a household once; a household changed by several parts is listed once (a move changes tens of
    // thousands: the set only when needed)
    return changedByPart.length === 1 ? changedByPart[0] : [...new Set(changedByPart.flat())];
  }

  /** Adds a cell (e.g. a proposed site's sector) and updates `result`; returns its index and the changed households. */
  addCell(cell: Cell): { cellIndex: number; changed: number[] } {
    this.prepare();
    const cellIndex = this.cellList.length;
    this.cellList.push(cell);
    this.active.push(null);
    return { cellIndex, changed: this.replaceActive([{ c: cellIndex, next: this.activate(cell, cellIndex) }]) };
  }

  /** Takes a cell out of the analysis; its index stays reserved so other indices do not shift. */
  removeCell(cellIndex: number): number[] {
    this.prepare();
    this.checkCellIndex(cellIndex);
    return this.replaceActive([{ c: cellIndex, next: null }]);
  }

  private checkCellIndex(cellIndex: number): void {
    if (!Number.isInteger(cellIndex) || cellIndex < 0 || cellIndex >= this.cellList.length) {
      throw new RangeError(`cell index ${cellIndex} is not in 0…${this.cellList.length - 1}`);
    }
  }

  private activate(cell: Cell, cellIndex: number): ActiveCell | null {
    if (!isAnalysedCell(cell, this.settings)) return null;
    const { prepared, reachM, kx, ky, link } = this.links.linkOf(cell, cellIndex);
    return {
      prepared,
      reachM,
      kx,
      ky,
      link,
      group: this.coChannelGroups.groupOf(cell),
      channel: channelKey(cell),
      bandwidthMhz: cellBandwidthMhz(cell),
    };
  }

  /** RSRP of one cell at a point, or -Infinity beyond the cell's reach. */
  private rsrpAt(cell: ActiveCell, lon: number, lat: number): number {
    const dx = (lon - cell.prepared.lon) * cell.kx;
    const dy = (lat - cell.prepared.lat) * cell.ky;
    return this.rsrpAtOffset(cell, dx, dy, dx * dx + dy * dy);
  }

  /** `rsrpAt` of the point (dx, dy) metres east and north of the cell, `squaredM2` = dx² + dy². */
  private rsrpAtOffset(cell: ActiveCell, dx: number, dy: number, squaredM2: number): number {
    const distanceM = Math.sqrt(squaredM2);
    if (distanceM > cell.reachM) return -Infinity;
    return rsrpAtDbm(cell.prepared, distanceM, Math.atan2(dx, dy) * DEG);
  }

  /**
   * Offers cell `c` to the households `list[from … to)`, each keeping the better of it and its best so far
   * (ties: lower cell index). Returns the weakest of their bests after it, dBm.
   */
  private offer(
    c: number,
    cell: ActiveCell,
    list: Uint32Array,
    from: number,
    to: number,
    bestCell: Int32Array,
    beforeImprove?: (household: number) => void,
  ): number {
    const { prepared, kx, ky, reachM: reach } = cell;
    const { lon: cellLon, lat: cellLat, eirpDbm } = prepared;
    const { lon, lat } = this.households;
    const best = this.bestRsrpDbm;
    let weakestDbm = Infinity;
    for (let k = from; k < to; k++) {
      const h = list[k];
      const dx = (lon[h] - cellLon) * kx;
      const dy = (lat[h] - cellLat) * ky;
      const distanceM = Math.sqrt(dx * dx + dy * dy);
      if (distanceM <= reach) {
        // the pattern only lowers the boresight value: skip the bearing when boresight cannot win
        const boresightDbm = eirpDbm - prepared.pathLossDb(distanceM);
        if (boresightDbm >= best[h]) {
          // the same arithmetic as rsrpAtDbm, without computing the path loss twice
          const rsrp = boresightDbm - patternLoss(prepared, distanceM, Math.atan2(dx, dy) * DEG);
          if (rsrp > best[h] || (rsrp === best[h] && c < bestCell[h])) {
            beforeImprove?.(h);
            best[h] = rsrp;
            bestCell[h] = c;
          }
        }
      }
      if (best[h] < weakestDbm) weakestDbm = best[h];
    }
    return weakestDbm;
  }

  /**
   * Offers cell `c` to the households of the edit's tiles marked with `bit` (`editTiles`), skipping the tiles where
   * its bound over the tile (`TabulatedCell.boundOverDiscMw`: boresight at the nearest point, best angle) cannot
   * reach the weakest best in the tile: behind and beside a sector most tiles are skipped, and the bound reads the
   * cell's tables instead of evaluating its path loss per tile.
   */
  private offerCell(c: number, cell: ActiveCell, bit: number, bestCell: Int32Array, beforeImprove: (household: number) => void): void {
    const { tileStart, tileHouseholds, tileX, tileY, minBestMw } = this.tiles;
    const { editTiles, editTileBits } = this;
    const { link, prepared } = cell;
    const radiusM = this.tileRadiusAt(cell);
    for (let k = 0; k < this.editTileCount; k++) {
      const t = editTiles[k];
      if ((editTileBits[t] & bit) === 0) continue;
      const dx = (tileX[t] / this.plane.kx - prepared.lon) * cell.kx;
      const dy = (tileY[t] / this.plane.ky - prepared.lat) * cell.ky;
      // the decision band covers the tables' rounding: a tile is skipped only when no household in it can gain
      if (link.boundOverDiscMw(dx, dy, radiusM) < minBestMw[t] * (1 - DECISION_BAND)) continue;
      this.offer(c, cell, tileHouseholds, tileStart[t], tileStart[t + 1], bestCell, beforeImprove);
    }
  }

  /**
   * A tile's half diagonal in the cell's local metres (the plane's factors are those of the households' mean
   * latitude, the cell's those of its own; 0.1 % slack for rounding): every household of a tile is within it of the
   * tile's centre as the cell measures distances.
   */
  private tileRadiusAt(cell: ActiveCell): number {
    return TILE_M * Math.SQRT1_2 * Math.max(cell.kx / this.plane.kx, cell.ky / this.plane.ky) * 1.001;
  }

  /**
   * Marks with `bit` the tiles where the cell may reach the search floor (`editTileBits`), listing in `editTiles`
   * those not marked before: the tiles within its reach, except behind or beside a sector where its pattern keeps it
   * below the floor over the whole tile (`TabulatedCell.boundOverDiscMw`). The cell serves, and interferes, only there.
   * The blocks of tiles are bounded first: a block's disc holds its tiles' discs, so its bound is at least theirs,
   * and a block below the floor has no tile to mark (the tiles marked are the same; fewer bounds are evaluated).
   */
  private markTilesReachedBy(cell: ActiveCell, bit: number): void {
    if (cell.reachM <= 0 || this.tiles.count === 0) return;
    const { tileX, tileY, blockStart, blockTiles, blockX, blockY } = this.tiles;
    const { link, prepared } = cell;
    const { editTiles, editTileBits } = this;
    // a block holds a tile within its half diagonal less the tile's of its centre (a tile's side of slack for rounding)
    const blockHalfDiagonal = TILE_BLOCK_M * Math.SQRT1_2;
    const found = this.blocksWithin(prepared.lon * this.plane.kx, prepared.lat * this.plane.ky, cell.reachM * this.stretch + blockHalfDiagonal + TILE_M);
    const tileRadiusM = this.tileRadiusAt(cell);
    // the block's half diagonal in the cell's metres, widened by a tile's: a tile's disc is within the block's
    const blockRadiusM = (tileRadiusM * TILE_BLOCK_M) / TILE_M + tileRadiusM;
    const floorMw = belowReachMw(this.floorDbm);
    for (let k = 0; k < found; k++) {
      const b = this.foundBlocks[k];
      const blockDx = (blockX[b] / this.plane.kx - prepared.lon) * cell.kx;
      const blockDy = (blockY[b] / this.plane.ky - prepared.lat) * cell.ky;
      if (link.boundOverDiscMw(blockDx, blockDy, blockRadiusM) < floorMw) continue;
      for (let i = blockStart[b]; i < blockStart[b + 1]; i++) {
        const t = blockTiles[i];
        const dx = (tileX[t] / this.plane.kx - prepared.lon) * cell.kx;
        const dy = (tileY[t] / this.plane.ky - prepared.lat) * cell.ky;
        if (link.boundOverDiscMw(dx, dy, tileRadiusM) < floorMw) continue;
        if (editTileBits[t] === 0) editTiles[this.editTileCount++] = t;
        editTileBits[t] |= bit;
      }
    }
  }

  /** The blocks of tiles within `radius` of the plane point (x, y) into `foundBlocks`; how many. The last query is kept. */
  private blocksWithin(x: number, y: number, radius: number): number {
    const query = this.foundQuery;
    if (query.x !== x || query.y !== y || query.radius !== radius) {
      query.count = this.tiles.blockIndex.withinPlane(x, y, radius, this.foundBlocks);
      query.x = x;
      query.y = y;
      query.radius = radius;
    }
    return query.count;
  }

  /**
   * Lists in `out` every active cell that may give at least the threshold of settling pass `pass` (boresight)
   * somewhere within `radius` (plane units) of the plane point (x, y) and was not listed for the same point and
   * radius in the previous pass (`CellSearch.listNear`; `useLists` false: without its lists): never fewer, maybe
   * more; returns how many. Pending cells are always listed. `out` holds every active and pending cell (`passLists`).
   */
  private cellsNear(x: number, y: number, radius: number, pass: number, out: Int32Array, search: CellSearch | null = this.cellSearch, useLists = true): number {
    return this.usableWithPending(out, search === null ? 0 : search.listNear(x, y, radius, pass, this.stretch, out, 0, useLists));
  }

  /**
   * Keeps, of the first `listed` cells a search wrote to `out`, those still active whose groups are not stale (those
   * are pending), then adds the pending cells, which no search holds yet; returns how many `out` holds.
   */
  private usableWithPending(out: Int32Array, listed: number): number {
    // no edit since the searches were made (`rebuildGroups`): every cell they list is active, none stale or pending
    if (this.staleInGroups.size === 0 && this.pendingCells.length === 0) return listed;
    let count = 0;
    for (let k = 0; k < listed; k++) {
      const c = out[k];
      if (this.active[c] !== null && (this.staleInGroups.size === 0 || !this.staleInGroups.has(c))) out[count++] = c;
    }
    for (const c of this.pendingCells) if (this.active[c] !== null) out[count++] = c;
    return count;
  }

  /** Regroups the active cells (`CellSearch`) and bounds the plane's stretch over the cells and households. */
  private rebuildGroups(): void {
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (const cell of this.active) {
      if (cell === null) continue;
      minLat = Math.min(minLat, cell.prepared.lat);
      maxLat = Math.max(maxLat, cell.prepared.lat);
    }
    const { lat, length } = this.households;
    for (let h = 0; h < length; h++) {
      if (lat[h] < minLat) minLat = lat[h];
      if (lat[h] > maxLat) maxLat = lat[h];
    }
    // the plane is scaled at the households' mean latitude: radii widen by the worst scale mismatch over the data
    this.stretch = this.plane.stretchOver(minLat, maxLat);
    this.cellSearch = new CellSearch(this.active, this.passThresholdsDbm, this.plane);
    this.pointSearches.clear();
    this.pendingCells = [];
    this.staleInGroups.clear();
  }

  /**
   * Swaps the analysed states of up to MAX_CELLS_PER_EDIT distinct cells and repairs the result for the households
   * they touch: best servers within their old and new footprints (`markTilesReachedBy`), then for 4G/5G the
   * co-channel sums — the old states' contributions taken away and the new ones' added where the server is
   * co-channel with them, and the sums of every household whose server changed recomputed.
   */
  private replaceActive(edits: ReadonlyArray<{ c: number; next: ActiveCell | null }>): number[] {
    const changes = edits.map(({ c, next }) => ({ c, previous: this.active[c], next }));
    for (const { c, next } of changes) {
      this.active[c] = next;
      this.staleInGroups.add(c);
      if (next !== null && !this.pendingCells.includes(c)) this.pendingCells.push(c);
    }
    if (this.pendingCells.length > MAX_PENDING_CELLS) this.rebuildGroups();

    const result = this.result;
    if (result === null) {
      for (const { c, next } of changes) this.sums?.setCell(c, next);
      return [];
    }
    const { bestCell } = result;
    // best cell of every touched household before this change, to report only real changes
    const bestCellBefore = new Map<number, number>();
    const touch = (h: number): void => {
      if (!bestCellBefore.has(h)) bestCellBefore.set(h, bestCell[h]);
    };
    const previousBits = (1 << changes.length) - 1;
    const nextBit = (k: number): number => 1 << (k + MAX_CELLS_PER_EDIT);
    // old states first, then new ones: a site's sectors share their block query (`blocksWithin` keeps the last)
    changes.forEach(({ previous }, k) => previous !== null && this.markTilesReachedBy(previous, 1 << k));
    changes.forEach(({ next }, k) => next !== null && this.markTilesReachedBy(next, nextBit(k)));

    this.resettleServedBy(changes.map(({ c }) => c), previousBits, bestCell, touch);
    // households within the new reaches: the new states may now win
    changes.forEach(({ c, next }, k) => {
      if (next !== null) this.offerCell(c, next, nextBit(k), bestCell, touch);
    });

    for (const h of bestCellBefore.keys()) {
      if (!(this.bestRsrpDbm[h] >= this.floorDbm)) {
        // below the floor it is no server, exactly as in `run`
        this.bestRsrpDbm[h] = -Infinity;
        bestCell[h] = -1;
      }
    }
    // co-channel sums: every household whose server changed (or is this cell) is recomputed; the others gain or
    // lose this cell's contribution
    // households whose sums changed, each listed once (a move touches tens of thousands: a mark per household
    // is cheaper than a Set)
    const n = this.households.length;
    const { marks: marked, touched: qualityTouched } = (this.qualityScratch ??= { marks: new Uint8Array(n), touched: new Uint32Array(n) });
    let touchedCount = 0;
    if (this.sums !== null) {
      const servers = { bestCell, bestRsrpDbm: this.bestRsrpDbm };
      const mark = (h: number): void => {
        if (marked[h] === 0) {
          marked[h] = 1;
          qualityTouched[touchedCount++] = h;
        }
      };
      for (const { c, next } of changes) this.sums.setCell(c, next);
      const states = changes.flatMap(({ c, previous, next }, k) => [
        ...(previous === null ? [] : [{ c, cell: previous, sign: -1 as const, bit: 1 << k }]),
        ...(next === null ? [] : [{ c, cell: next, sign: 1 as const, bit: nextBit(k) }]),
      ]);
      this.sums.applyEdit(states, this.editTiles, this.editTileCount, this.editTileBits, servers, mark);
      this.sums.recompute([...bestCellBefore.keys()], servers);
    }
    for (let k = 0; k < this.editTileCount; k++) this.editTileBits[this.editTiles[k]] = 0;
    this.editTileCount = 0;
    return this.changedByEdit(bestCellBefore, touchedCount, result);
  }

  /**
   * Households the edited cells `cells` served lose them: their best is searched again, tile by tile (new states
   * included), in the marked tiles of `previousBits` (the cells' old states); `touch(h)` before each is changed.
   */
  private resettleServedBy(cells: readonly number[], previousBits: number, bestCell: Int32Array, touch: (h: number) => void): void {
    const { tileStart, tileHouseholds, serverBits } = this.tiles;
    // one name per cell of the edit (MAX_CELLS_PER_EDIT of them), −2 for none: compared with every household of the
    // tiles in reach whose servers' bits include one of the cells' (most tiles in reach hold none they serve)
    const [c0, c1, c2, c3] = [0, 1, 2, 3].map((k) => cells[k] ?? -2);
    const servedBits = cells.reduce((bits, c) => bits | serverBit(c), 0);
    const { pending } = this;
    for (let k = 0; k < this.editTileCount; k++) {
      const tile = this.editTiles[k];
      if ((this.editTileBits[tile] & previousBits) === 0 || (serverBits[tile] & servedBits) === 0) continue;
      let served = 0;
      for (let i = tileStart[tile]; i < tileStart[tile + 1]; i++) {
        const h = tileHouseholds[i];
        const server = bestCell[h];
        if (server !== c0 && server !== c1 && server !== c2 && server !== c3) continue;
        touch(h);
        bestCell[h] = -1;
        this.bestRsrpDbm[h] = -Infinity;
        pending[served++] = h;
      }
      if (served > 0) this.settleTile(tile, served, bestCell, false);
    }
  }

  /**
   * The households an edit changed, each once, with their results rewritten: those whose server was searched again
   * (`bestCellBefore`: their server before; server, RSRP, class and quality) and the first `touchedCount` of the
   * quality scratch, whose sums changed (quality). Apart from `replaceActive`: its loops over tens of thousands of
   * households stay optimised code, where in the one long method V8 dropped to the interpreter at every move.
   */
  private changedByEdit(bestCellBefore: ReadonlyMap<number, number>, touchedCount: number, result: CoverageResult): number[] {
    const { bestCell, rsrpDbm, signalClass } = result;
    const { marks: marked, touched: qualityTouched } = this.qualityScratch as { marks: Uint8Array; touched: Uint32Array };
    const changed: number[] = [];
    const touchedTiles = new Set<number>();
    for (const [h, before] of bestCellBefore) {
      touchedTiles.add(this.tiles.tileOfHousehold[h]);
      const rsrp = Math.fround(this.bestRsrpDbm[h]);
      const signal = classify(this.bestRsrpDbm[h], this.settings.thresholdsDbm);
      const qualityChanged = this.updateQuality(h, bestCell, result);
      marked[h] = 2;
      if (rsrp !== rsrpDbm[h] || signal !== signalClass[h] || bestCell[h] !== before || qualityChanged) changed.push(h);
      rsrpDbm[h] = rsrp;
      signalClass[h] = signal;
    }
    for (let k = 0; k < touchedCount; k++) {
      const h = qualityTouched[k];
      if (marked[h] === 1 && this.updateQuality(h, bestCell, result)) changed.push(h);
      marked[h] = 0;
    }
    for (const h of bestCellBefore.keys()) marked[h] = 0;
    for (const t of touchedTiles) this.tiles.updateSummary(t, this.bestRsrpDbm, bestCell);
    return changed;
  }

  /** Rewrites household h's quality in `result`; whether any of its values changed. */
  private updateQuality(h: number, bestCell: Int32Array, result: CoverageResult): boolean {
    if (this.sums === null) return false;
    const { sinrDb: sinr, throughputMbps: throughput, serversWithin6Db: servers } = result;
    const sinrBefore = sinr[h];
    const throughputBefore = throughput[h];
    const serversBefore = servers[h];
    this.writeQuality(h, bestCell, result);
    return !Object.is(sinrBefore, sinr[h]) || !Object.is(throughputBefore, throughput[h]) || serversBefore !== servers[h];
  }
}

/**
 * The changes of `updateCells` in parts repaired together: at most MAX_CELLS_PER_EDIT cells each, a cell changed
 * twice in a later part than its first change (the changes apply in order).
 */
function editParts<T extends { cellIndex: number }>(changes: readonly T[]): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  for (const change of changes) {
    if (part.length === MAX_CELLS_PER_EDIT || part.some(({ cellIndex }) => cellIndex === change.cellIndex)) {
      parts.push(part);
      part = [];
    }
    part.push(change);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** The best server and downlink quality at one point (`CoverageEngine.qualityAt`). */
export interface PointQuality {
  cellIndex: number;
  rsrpDbm: number;
  /** SINR, dB; null for 2G/3G or without a server above the interference cut-off. */
  sinrDb: number | null;
  /** Modelled single-user throughput, Mb/s; null where SINR is, and below the no-signal floor (no service). */
  throughputMbps: number | null;
  /** Co-channel cells within 6 dB of the server, the server included (0 without a server). */
  serversWithin6Db: number;
}
