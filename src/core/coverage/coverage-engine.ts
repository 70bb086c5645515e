/**
 * The coverage engine: best server, RSRP and signal class for every household point, and for any point on
 * demand, with incremental updates when a cell moves, changes, appears or disappears.
 *
 * How it stays fast on a city (600,000 points × 12,000 cells), exactly:
 * - each analysed cell is prepared once (`prepareCell`: EIRP, path-loss constants) with its reach, the largest
 *   ground distance at which its boresight RSRP still clears the weak floor (`reachM`);
 * - cells are grouped by path-loss model and environment; each group has an envelope U(d) = max over its cells
 *   of (EIRP − path loss at d), the best any of them can do at ground distance d; groups of similar
 *   search radii share a kdbush;
 * - households are processed tile by tile in passes of falling thresholds T (−72, −80, −90, −100 dBm, then the weak
 *   floor): a pass visits, per group, only the cells within the distance where U falls below T. A household whose
 *   best reaches T is settled, because every cell not yet visited gives it less than T. Most households are
 *   settled by the few cells of the first passes; only weak spots search out to the full reach;
 * - the best value per household lives in a Float64Array; ties go to the lower cell index, so a full run, point
 *   queries and any sequence of incremental updates give the same answer.
 *
 * Distances are ground distances on the WGS84 ellipsoid by cheap-ruler's local approximation around each cell
 * (error < 0.1 % within 100 km); bearings are clockwise from true north.
 */
import CheapRuler from 'cheap-ruler';
import KDBush from 'kdbush';
import { indexWards } from '../assign-wards.ts';
import { CancelledError } from '../cancelled-error.ts';
import { patternLossDb, prepareCell, reachM, rsrpAtDbm, type PreparedCell } from '../link-budget.ts';
import type { AnalysisSettings, Cell, Environment, HouseholdPoints, Ward } from '../model.ts';
import { PlaceEnvironment, resolveEnvironment } from '../resolve-environment.ts';
import type { CoverageResult } from './coverage-result.ts';
import { classifyRsrp } from './signal-class.ts';

export interface CoverageEngineInput {
  wards: Ward[];
  cells: Cell[];
  households: HouseholdPoints;
  /** Ward index per household point (-1 outside every ward), from `assignWards`. */
  wardOfHousehold: Int32Array;
  settings: AnalysisSettings;
}

/** A prepared analysed cell with its reach and local metres-per-degree factors. */
interface ActiveCell {
  prepared: PreparedCell;
  reachM: number;
  kx: number;
  ky: number;
}

/**
 * Active cells of groups with similar search radii in one kdbush, each with the radius of its group (model and
 * environment) per settling pass: the ground distance beyond which no cell of the group reaches the pass
 * threshold, or -1.
 */
interface CellSearch {
  index: KDBush;
  /** Per kdbush item: cell index and plane position. */
  cells: Uint32Array;
  x: Float64Array;
  y: Float64Array;
  /** radiusM[item · passes + pass] */
  radiusM: Float64Array;
  /** Largest radius of each pass over all groups. */
  maxRadiusM: Float64Array;
}

interface HouseholdTiles {
  /** Households of tile t are tileHouseholds[tileStart[t] … tileStart[t + 1]). */
  tileStart: Uint32Array;
  tileHouseholds: Uint32Array;
  tileOfHousehold: Uint32Array;
  /** Tile centres in the plane, and a kdbush of them. */
  tileX: Float64Array;
  tileY: Float64Array;
  index: KDBush;
  /** Weakest best RSRP of each tile's households after the last run or update; bounds what a new cell must beat. */
  minBestDbm: Float64Array;
}

/** Groups share a kdbush while their radii differ by at most this factor in every pass. */
const RADIUS_CLASS_RATIO = 1.6;
/** Cells changed since the groups were built are evaluated directly; past this many, the groups are rebuilt. */
const MAX_PENDING_CELLS = 256;
/** Distances at which the envelopes are tabulated: 1 m × 1.05^k out to 100 km. */
const ENVELOPE_DISTANCES_M = Float64Array.from({ length: 237 }, (_, k) => 1.05 ** k);
/** Thresholds of the settling passes above the weak floor, dBm (the last pass is the floor itself). */
const PASS_THRESHOLDS_DBM = [-72, -80, -90, -100];
/** Tile lookup tables up to this many entries (64 MiB) are dense arrays, larger ones maps. */
const DENSE_TILE_TABLE_MAX = 16_000_000;
/** Side of the household tiles, metres. */
const TILE_M = 100;
const DEG = 180 / Math.PI;

/** Whether a cell belongs to the analysed layer: the settings' technology and, when set, operator. */
export function isAnalysedCell(cell: Cell, settings: Pick<AnalysisSettings, 'technology' | 'operator'>): boolean {
  if (cell.technology !== settings.technology) return false;
  return settings.operator === null || cell.operator.trim().toLowerCase() === settings.operator.trim().toLowerCase();
}

export class CoverageEngine {
  result: CoverageResult | null = null;

  private readonly households: HouseholdPoints;
  private readonly settings: AnalysisSettings;
  /** Environment of the sites that give none: household density around them (the ward layout plays no part). */
  private readonly place: PlaceEnvironment;
  private readonly cellList: Cell[];
  /** Per cell index: the prepared analysed cell, or null (other layer, removed). */
  private readonly active: Array<ActiveCell | null> = [];
  private readonly floorDbm: number;
  /** Thresholds of the settling passes: the fixed ones above the weak floor, then the floor. */
  private readonly passThresholdsDbm: number[];

  /**
   * Households in a plane of scaled degrees (x = lon·kx0, y = lat·ky0, ≈ metres near the data); built on the first
   * incremental update, a full run does not need it.
   */
  private householdIndex: KDBush | null = null;
  private readonly kx0: number;
  private readonly ky0: number;
  private readonly found: Uint32Array;
  /** Households bucketed by plane tile (CSR), the tile of each household and the tiles' centres. */
  private readonly tiles: HouseholdTiles;
  /** Scratch buffers of households being settled and of tiles found. */
  private readonly pending: Uint32Array;
  private readonly foundTiles: Uint32Array;

  /** Upper bound of (true distance / plane distance) over the data: plane radii are widened by it. */
  private stretch = 1;
  private bestRsrpDbm: Float64Array;
  private cellSearches: CellSearch[] = [];
  /** Scratch buffer for cell queries. */
  private foundCells = new Uint32Array(1);
  /** Cells added or changed since the groups were built (evaluated directly). */
  private pendingCells: number[] = [];
  /** Memos of `activate`: environment per site position, reach per path-loss function and EIRP. */
  private readonly environmentOfSite = new Map<string, Environment>();
  private readonly reachOfCurve = new Map<PreparedCell['pathLossDb'], Map<number, number>>();
  /** Cell indices whose group entry is stale (moved, edited, removed). */
  private staleInGroups = new Set<number>();

  constructor(input: CoverageEngineInput) {
    this.households = input.households;
    this.settings = input.settings;
    this.floorDbm = input.settings.thresholdsDbm.weak;
    this.passThresholdsDbm = [...PASS_THRESHOLDS_DBM.filter((threshold) => threshold > this.floorDbm), this.floorDbm];
    this.place = new PlaceEnvironment(input.households, indexWards(input.wards));
    this.cellList = input.cells.slice();

    const { lat, length } = input.households;
    let latSum = 0;
    for (let i = 0; i < length; i++) latSum += lat[i];
    const ruler = new CheapRuler(length > 0 ? latSum / length : 0, 'meters');
    this.kx0 = ruler.kx;
    this.ky0 = ruler.ky;
    this.found = new Uint32Array(Math.max(length, 1));
    this.bestRsrpDbm = new Float64Array(length);
    this.tiles = this.bucketHouseholds();
    this.pending = new Uint32Array(Math.max(length, 1));
    this.foundTiles = new Uint32Array(Math.max(this.tiles.tileX.length, 1));

    for (let c = 0; c < this.cellList.length; c++) this.active.push(this.activate(this.cellList[c], c));
    this.rebuildGroups();
  }

  get cells(): readonly Cell[] {
    return this.cellList;
  }

  /**
   * Best server for every household point; the result is also kept as `this.result` for later updates.
   * `onProgress` gets fractions 0…1; `isCancelled` is polled and stops the run with a `CancelledError`.
   */
  run(onProgress?: (fraction: number) => void, isCancelled?: () => boolean): CoverageResult {
    const n = this.households.length;
    const bestCell = new Int32Array(n).fill(-1);
    this.bestRsrpDbm = new Float64Array(n).fill(-Infinity);
    const { tileStart, tileHouseholds } = this.tiles;
    const tileCount = tileStart.length - 1;
    for (let t = 0; t < tileCount; t++) {
      if ((t & 255) === 0) {
        if (isCancelled?.()) throw new CancelledError();
        onProgress?.(t / Math.max(tileCount, 1));
      }
      this.pending.set(tileHouseholds.subarray(tileStart[t], tileStart[t + 1]));
      this.settleTile(t, tileStart[t + 1] - tileStart[t], bestCell);
    }
    const rsrpDbm = new Float32Array(n);
    const signalClass = new Uint8Array(n);
    for (let h = 0; h < n; h++) {
      // below the weak floor a server is not usable: reported as no server
      if (!(this.bestRsrpDbm[h] >= this.floorDbm)) {
        this.bestRsrpDbm[h] = -Infinity;
        bestCell[h] = -1;
      }
      rsrpDbm[h] = this.bestRsrpDbm[h];
      signalClass[h] = classifyRsrp(this.bestRsrpDbm[h], this.settings.thresholdsDbm);
    }
    for (let t = 0; t < tileCount; t++) this.updateTileMinimum(t);
    onProgress?.(1);
    this.result = {
      technology: this.settings.technology,
      operator: this.settings.operator,
      bestCell,
      rsrpDbm,
      signalClass,
    };
    return this.result;
  }

  /**
   * Finds the best cell of the first `count` households in `this.pending`, all in tile `t`, from their current
   * best: pass by pass, the cells that may reach the pass threshold somewhere in the tile are offered to the
   * households not settled yet.
   */
  private settleTile(t: number, count: number, bestCell: Int32Array): void {
    const pending = this.pending;
    let unsettled = count;
    for (let pass = 0; pass < this.passThresholdsDbm.length && unsettled > 0; pass++) {
      this.forEachCellNear(this.tiles.tileX[t], this.tiles.tileY[t], TILE_M * Math.SQRT1_2, pass, (c, cell) => {
        this.offer(c, cell, pending, 0, unsettled, bestCell);
      });
      // households whose best reached the threshold are settled: no unvisited cell can beat them
      const thresholdDbm = this.passThresholdsDbm[pass];
      let kept = 0;
      for (let k = 0; k < unsettled; k++) if (!(this.bestRsrpDbm[pending[k]] >= thresholdDbm)) pending[kept++] = pending[k];
      unsettled = kept;
    }
  }

  /** Strongest usable analysed cell at a point; `{ cellIndex: -1, rsrpDbm: -Infinity }` when none clears the weak floor. */
  bestServerAt(lon: number, lat: number): { cellIndex: number; rsrpDbm: number } {
    let bestIndex = -1;
    let bestDbm = -Infinity;
    for (let pass = 0; pass < this.passThresholdsDbm.length; pass++) {
      const thresholdDbm = this.passThresholdsDbm[pass];
      this.forEachCellNear(lon * this.kx0, lat * this.ky0, 0, pass, (c, cell) => {
        const rsrp = this.rsrpAt(cell, lon, lat);
        if (rsrp > bestDbm || (rsrp === bestDbm && c < bestIndex)) {
          bestDbm = rsrp;
          bestIndex = c;
        }
      });
      if (bestDbm >= thresholdDbm) break;
    }
    return bestDbm >= this.floorDbm ? { cellIndex: bestIndex, rsrpDbm: bestDbm } : { cellIndex: -1, rsrpDbm: -Infinity };
  }

  /**
   * Replaces cell `cellIndex` (a move or an edit) and updates `result` in place, revisiting only households
   * within its old or new reach. Returns the household indices whose server, RSRP or class changed.
   */
  updateCell(cellIndex: number, cell: Cell): number[] {
    this.checkCellIndex(cellIndex);
    this.cellList[cellIndex] = cell;
    return this.replaceActive(cellIndex, this.activate(cell, cellIndex));
  }

  /** Adds a cell (e.g. a proposed site's sector) and updates `result`; returns its index and the changed households. */
  addCell(cell: Cell): { cellIndex: number; changed: number[] } {
    const cellIndex = this.cellList.length;
    this.cellList.push(cell);
    this.active.push(null);
    return { cellIndex, changed: this.replaceActive(cellIndex, this.activate(cell, cellIndex)) };
  }

  /** Takes a cell out of the analysis; its index stays reserved so other indices do not shift. */
  removeCell(cellIndex: number): number[] {
    this.checkCellIndex(cellIndex);
    return this.replaceActive(cellIndex, null);
  }

  private checkCellIndex(cellIndex: number): void {
    if (!Number.isInteger(cellIndex) || cellIndex < 0 || cellIndex >= this.cellList.length) {
      throw new RangeError(`cell index ${cellIndex} is not in 0…${this.cellList.length - 1}`);
    }
  }

  private activate(cell: Cell, cellIndex: number): ActiveCell | null {
    if (!isAnalysedCell(cell, this.settings)) return null;
    // the sectors of a site share its position, hence its environment
    const siteKey = `${cell.lon},${cell.lat},${cell.environment}`;
    let environment = this.environmentOfSite.get(siteKey);
    if (environment === undefined) {
      environment = resolveEnvironment(cell, this.place);
      this.environmentOfSite.set(siteKey, environment);
    }
    const prepared = prepareCell(cell, cellIndex, environment, {
      handsetHeightM: this.settings.handsetHeightM,
      los3gpp: this.settings.los3gpp,
    });
    // cells sharing a path-loss function and EIRP share their reach
    const reaches = this.reachOfCurve.get(prepared.pathLossDb) ?? new Map<number, number>();
    let reach = reaches.get(prepared.eirpDbm);
    if (reach === undefined) {
      reach = reachM(prepared, this.floorDbm);
      reaches.set(prepared.eirpDbm, reach);
      this.reachOfCurve.set(prepared.pathLossDb, reaches);
    }
    const ruler = new CheapRuler(cell.lat, 'meters');
    return { prepared, reachM: reach, kx: ruler.kx, ky: ruler.ky };
  }

  /** RSRP of one cell at a point, or -Infinity beyond the cell's reach. */
  private rsrpAt(cell: ActiveCell, lon: number, lat: number): number {
    const dx = (lon - cell.prepared.lon) * cell.kx;
    const dy = (lat - cell.prepared.lat) * cell.ky;
    const distanceM = Math.sqrt(dx * dx + dy * dy);
    if (distanceM > cell.reachM) return -Infinity;
    return rsrpAtDbm(cell.prepared, distanceM, Math.atan2(dx, dy) * DEG);
  }

  /**
   * Offers cell `c` to the households `list[from … to)`, each keeping the better of it and its best so far
   * (ties: lower cell index).
   */
  private offer(
    c: number,
    cell: ActiveCell,
    list: Uint32Array,
    from: number,
    to: number,
    bestCell: Int32Array,
    beforeImprove?: (household: number) => void,
  ): void {
    const { prepared, kx, ky, reachM: reach } = cell;
    const { lon: cellLon, lat: cellLat, eirpDbm } = prepared;
    const { lon, lat } = this.households;
    const best = this.bestRsrpDbm;
    for (let k = from; k < to; k++) {
      const h = list[k];
      const dx = (lon[h] - cellLon) * kx;
      const dy = (lat[h] - cellLat) * ky;
      const distanceM = Math.sqrt(dx * dx + dy * dy);
      if (distanceM > reach) continue;
      // the pattern only lowers the boresight value: skip the bearing when boresight cannot win
      const boresightDbm = eirpDbm - prepared.pathLossDb(distanceM);
      if (boresightDbm < best[h]) continue;
      // the same arithmetic as rsrpAtDbm, without computing the path loss twice
      const rsrp = boresightDbm - patternLossDb(prepared, distanceM, Math.atan2(dx, dy) * DEG);
      if (rsrp > best[h] || (rsrp === best[h] && c < bestCell[h])) {
        beforeImprove?.(h);
        best[h] = rsrp;
        bestCell[h] = c;
      }
    }
  }

  /**
   * Offers cell `c` to every household within its reach, skipping the tiles where even its boresight at the
   * tile's nearest point cannot reach the weakest best in the tile.
   */
  private offerCell(c: number, cell: ActiveCell, bestCell: Int32Array, beforeImprove: (household: number) => void): void {
    const { tileStart, tileHouseholds, tileX, tileY, index, minBestDbm } = this.tiles;
    const { prepared } = cell;
    const x = prepared.lon * this.kx0;
    const y = prepared.lat * this.ky0;
    const halfDiagonal = TILE_M * Math.SQRT1_2;
    const count = index.withinInto(x, y, cell.reachM * this.stretch + halfDiagonal, this.foundTiles);
    for (let k = 0; k < count; k++) {
      const t = this.foundTiles[k];
      // true distance ≥ plane distance / stretch; the tile's households are within the half diagonal of its centre
      const nearestM = Math.max(0, (Math.hypot(tileX[t] - x, tileY[t] - y) - halfDiagonal) / this.stretch);
      if (prepared.eirpDbm - prepared.pathLossDb(nearestM) < minBestDbm[t]) continue;
      this.offer(c, cell, tileHouseholds, tileStart[t], tileStart[t + 1], bestCell, beforeImprove);
    }
  }

  /** Recomputes the weakest best RSRP of tile t (-Infinity when a household has no server). */
  private updateTileMinimum(t: number): void {
    const { tileStart, tileHouseholds, minBestDbm } = this.tiles;
    let minimum = Infinity;
    for (let i = tileStart[t]; i < tileStart[t + 1]; i++) minimum = Math.min(minimum, this.bestRsrpDbm[tileHouseholds[i]]);
    minBestDbm[t] = minimum;
  }

  /** Fills `found` with households possibly within the cell's reach; returns how many. */
  private householdsWithin(cell: ActiveCell): number {
    if (this.households.length === 0 || cell.reachM <= 0) return 0;
    if (this.householdIndex === null) {
      const { lon, lat, length } = this.households;
      this.householdIndex = new KDBush(length, 64, Float64Array);
      for (let i = 0; i < length; i++) this.householdIndex.add(lon[i] * this.kx0, lat[i] * this.ky0);
      this.householdIndex.finish();
    }
    return this.householdIndex.withinInto(cell.prepared.lon * this.kx0, cell.prepared.lat * this.ky0, cell.reachM * this.stretch, this.found);
  }

  /**
   * Calls `visit` for every active cell that may give at least the threshold of settling pass `pass` (boresight)
   * somewhere within `radius` (plane units) of the plane point (x, y) and was not visited for the same point and
   * radius in the previous pass: never fewer, maybe more. Pending cells are always visited.
   */
  private forEachCellNear(x: number, y: number, radius: number, pass: number, visit: (c: number, cell: ActiveCell) => void): void {
    const passes = this.passThresholdsDbm.length;
    for (const search of this.cellSearches) {
      if (search.maxRadiusM[pass] < 0) continue;
      // one query at the class's widest radius, then each cell against its own group's radius
      const count = search.index.withinInto(x, y, search.maxRadiusM[pass] * this.stretch + radius, this.foundCells);
      for (let k = 0; k < count; k++) {
        const item = this.foundCells[k];
        const radiusM = search.radiusM[item * passes + pass];
        if (radiusM < 0) continue;
        const dx = search.x[item] - x;
        const dy = search.y[item] - y;
        const squared = dx * dx + dy * dy;
        const limit = radiusM * this.stretch + radius;
        if (squared > limit * limit) continue;
        // cells within the previous pass's limit were offered to these same points then: offering again is a no-op
        if (pass > 0) {
          const previous = search.radiusM[item * passes + pass - 1];
          const previousLimit = previous * this.stretch + radius;
          if (previous >= 0 && squared <= previousLimit * previousLimit) continue;
        }
        const c = search.cells[item];
        const cell = this.active[c];
        if (cell !== null && !this.staleInGroups.has(c)) visit(c, cell);
      }
    }
    for (const c of this.pendingCells) {
      const cell = this.active[c];
      if (cell !== null) visit(c, cell);
    }
  }

  /** Households bucketed in plane tiles of TILE_M (CSR layout), with the tiles' centres. */
  private bucketHouseholds(): HouseholdTiles {
    const { lon, lat, length } = this.households;
    const tileOfHousehold = new Uint32Array(length);
    const column = new Int32Array(length);
    const row = new Int32Array(length);
    let minColumn = Infinity;
    let maxColumn = -Infinity;
    let minRow = Infinity;
    let maxRow = -Infinity;
    for (let h = 0; h < length; h++) {
      column[h] = Math.floor((lon[h] * this.kx0) / TILE_M);
      row[h] = Math.floor((lat[h] * this.ky0) / TILE_M);
      minColumn = Math.min(minColumn, column[h]);
      maxColumn = Math.max(maxColumn, column[h]);
      minRow = Math.min(minRow, row[h]);
      maxRow = Math.max(maxRow, row[h]);
    }
    const rows = maxRow - minRow + 1;
    // a city's extent fits a dense lookup table; a whole country's goes through a map
    const dense = length > 0 && (maxColumn - minColumn + 1) * rows <= DENSE_TILE_TABLE_MAX ? new Int32Array((maxColumn - minColumn + 1) * rows).fill(-1) : null;
    const sparse = new Map<number, number>();
    const centres: number[] = [];
    for (let h = 0; h < length; h++) {
      const key = (column[h] - minColumn) * rows + (row[h] - minRow);
      let tile = dense !== null ? dense[key] : (sparse.get(key) ?? -1);
      if (tile === -1) {
        tile = centres.length / 2;
        if (dense !== null) dense[key] = tile;
        else sparse.set(key, tile);
        centres.push((column[h] + 0.5) * TILE_M, (row[h] + 0.5) * TILE_M);
      }
      tileOfHousehold[h] = tile;
    }
    const tileCount = centres.length / 2;
    const tileStart = new Uint32Array(tileCount + 1);
    for (let h = 0; h < length; h++) tileStart[tileOfHousehold[h] + 1]++;
    for (let t = 0; t < tileCount; t++) tileStart[t + 1] += tileStart[t];
    const next = tileStart.slice(0, tileCount);
    const tileHouseholds = new Uint32Array(length);
    for (let h = 0; h < length; h++) tileHouseholds[next[tileOfHousehold[h]]++] = h;
    const tileX = new Float64Array(tileCount);
    const tileY = new Float64Array(tileCount);
    for (let t = 0; t < tileCount; t++) {
      tileX[t] = centres[2 * t];
      tileY[t] = centres[2 * t + 1];
    }
    const index = new KDBush(Math.max(tileCount, 1), 16, Float64Array);
    for (let t = 0; t < tileCount; t++) index.add(tileX[t], tileY[t]);
    if (tileCount === 0) index.add(Infinity, Infinity);
    index.finish();
    const minBestDbm = new Float64Array(tileCount).fill(-Infinity);
    return { tileStart, tileHouseholds, tileOfHousehold, tileX, tileY, index, minBestDbm };
  }

  /** Per settling pass, the distance beyond which the group's envelope stays below the pass threshold (-1: never reaches it). */
  private groupRadiiM(cells: number[]): number[] {
    const envelopeDbm = new Float64Array(ENVELOPE_DISTANCES_M.length).fill(-Infinity);
    // cells sharing a path-loss function (same model and inputs) and EIRP have the same curve: trace it once
    const traced = new Map<PreparedCell['pathLossDb'], Set<number>>();
    for (const c of cells) {
      const { prepared, reachM: reach } = this.active[c] as ActiveCell;
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
    return this.passThresholdsDbm.map((threshold) => envelopeRadiusM(envelopeDbm, threshold));
  }


  /** Regroups the active cells by model and environment, with their envelopes, and indexes them by radius class. */
  private rebuildGroups(): void {
    const members = new Map<string, number[]>();
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let c = 0; c < this.active.length; c++) {
      const cell = this.active[c];
      if (cell === null) continue;
      const key = `${cell.prepared.model}|${cell.prepared.environment}`;
      const group = members.get(key);
      if (group === undefined) members.set(key, [c]);
      else group.push(c);
      minLat = Math.min(minLat, cell.prepared.lat);
      maxLat = Math.max(maxLat, cell.prepared.lat);
    }
    const { lat, length } = this.households;
    for (let h = 0; h < length; h++) {
      if (lat[h] < minLat) minLat = lat[h];
      if (lat[h] > maxLat) maxLat = lat[h];
    }
    // the plane is scaled at the data's mean latitude: radii widen by the worst scale mismatch over the data
    this.stretch = 1.001;
    for (const extreme of [minLat, maxLat]) {
      if (!Number.isFinite(extreme)) continue;
      const ruler = new CheapRuler(extreme, 'meters');
      this.stretch = Math.max(this.stretch, (this.kx0 / ruler.kx) * 1.001, (this.ky0 / ruler.ky) * 1.001);
    }
    const passes = this.passThresholdsDbm.length;
    const groups = [...members.values()].map((cells) => ({ cells, radiusM: this.groupRadiiM(cells) }));
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
    this.cellSearches = classes.map((members) => {
      const itemCount = members.reduce((sum, group) => sum + group.cells.length, 0);
      const index = new KDBush(itemCount, 16, Float64Array);
      const search: CellSearch = {
        index,
        cells: new Uint32Array(itemCount),
        x: new Float64Array(itemCount),
        y: new Float64Array(itemCount),
        radiusM: new Float64Array(itemCount * passes),
        maxRadiusM: new Float64Array(passes).fill(-1),
      };
      let item = 0;
      for (const { cells, radiusM } of members) {
        radiusM.forEach((radius, pass) => (search.maxRadiusM[pass] = Math.max(search.maxRadiusM[pass], radius)));
        for (const c of cells) {
          const { prepared } = this.active[c] as ActiveCell;
          search.cells[item] = c;
          search.x[item] = prepared.lon * this.kx0;
          search.y[item] = prepared.lat * this.ky0;
          search.radiusM.set(radiusM, item * passes);
          index.add(search.x[item], search.y[item]);
          item++;
        }
      }
      index.finish();
      return search;
    });
    this.foundCells = new Uint32Array(Math.max(1, this.active.length));
    this.pendingCells = [];
    this.staleInGroups.clear();
  }

  /** Swaps cell `c`'s analysed state and repairs the result for the households it touches. */
  private replaceActive(c: number, next: ActiveCell | null): number[] {
    const previous = this.active[c];
    this.active[c] = next;
    this.staleInGroups.add(c);
    if (next !== null && !this.pendingCells.includes(c)) this.pendingCells.push(c);
    if (this.pendingCells.length > MAX_PENDING_CELLS) this.rebuildGroups();

    const result = this.result;
    if (result === null) return [];
    const { bestCell, rsrpDbm, signalClass } = result;
    // best cell of every touched household before this change, to report only real changes
    const bestCellBefore = new Map<number, number>();
    const touch = (h: number): void => {
      if (!bestCellBefore.has(h)) bestCellBefore.set(h, bestCell[h]);
    };

    // households this cell served lose it: their best is searched again, tile by tile (the new state included)
    if (previous !== null) {
      const servedByTile = new Map<number, number[]>();
      const count = this.householdsWithin(previous);
      for (let k = 0; k < count; k++) {
        const h = this.found[k];
        if (bestCell[h] !== c) continue;
        touch(h);
        bestCell[h] = -1;
        this.bestRsrpDbm[h] = -Infinity;
        const tile = this.tiles.tileOfHousehold[h];
        const list = servedByTile.get(tile);
        if (list === undefined) servedByTile.set(tile, [h]);
        else list.push(h);
      }
      for (const [tile, list] of servedByTile) {
        this.pending.set(list);
        this.settleTile(tile, list.length, bestCell);
      }
    }
    // households within the new reach: the new cell may now win
    if (next !== null) this.offerCell(c, next, bestCell, touch);

    const changed: number[] = [];
    const touchedTiles = new Set<number>();
    for (const [h, before] of bestCellBefore) {
      touchedTiles.add(this.tiles.tileOfHousehold[h]);
      if (!(this.bestRsrpDbm[h] >= this.floorDbm)) {
        // below the floor it is no server, exactly as in `run`
        this.bestRsrpDbm[h] = -Infinity;
        bestCell[h] = -1;
      }
      const rsrp = Math.fround(this.bestRsrpDbm[h]);
      const signal = classifyRsrp(this.bestRsrpDbm[h], this.settings.thresholdsDbm);
      if (rsrp !== rsrpDbm[h] || signal !== signalClass[h] || bestCell[h] !== before) changed.push(h);
      rsrpDbm[h] = rsrp;
      signalClass[h] = signal;
    }
    for (const t of touchedTiles) this.updateTileMinimum(t);
    return changed;
  }
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
