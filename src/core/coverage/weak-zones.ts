/**
 * Weak-signal zones: polygons of contiguous weak/none signal over land, drawn from a signal grid.
 *
 * Pipeline (docs/architecture.md, "zones"):
 * 1. A lon/lat grid of `settings.zoneGridM` cells over the land extent (equal-metre cells at the grid's middle
 *    latitude, WGS84 metres per degree as in cheap-ruler; the east–west size drifts by < 0.4 % over Hải Phòng).
 * 2. Land and wards are rasterised once by scanline (crossings per grid row, even–odd per polygon), never by a
 *    point-in-polygon test per cell. Overlapping wards: the smaller ward wins, as in `assign-wards.ts`.
 * 3. The signal is evaluated adaptively: blocks of `topBlockCells` cells test their four corners with
 *    `bestServerAt`; a block whose corners all clear the fair floor by a margin (or all fall short of it by that
 *    margin) takes that class throughout, any other block is split in four, down to single cells. The margin
 *    grows with the block side (`MARGIN_DB_PER_M`), because the RSRP can vary more inside a larger block.
 * 4. Weak mask = land ∧ RSRP < fair floor (i.e. class weak or none); 4-connected components of the mask are
 *    outlined by marching squares (d3-contour, linear smoothing: edges on cell borders, corners cut at 45°).
 */
import CheapRuler from 'cheap-ruler';
import { contours } from 'd3-contour';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { CancelledError } from '../cancelled-error.ts';
import type { AnalysisSettings, HouseholdPoints, Ward } from '../model.ts';
import type { CoverageResult } from './coverage-result.ts';

/** Anything that gives the strongest analysed signal at a point: the `CoverageEngine`, or a test double. */
export interface SignalSource {
  bestServerAt(lon: number, lat: number): { cellIndex: number; rsrpDbm: number };
}

export interface WeakZonesInput {
  wards: Ward[];
  /** Land mask polygons; null = the ward polygons are the land. */
  land: Array<Polygon | MultiPolygon> | null;
  households: HouseholdPoints;
  /** Ward index per household point (-1 outside every ward), from `assignWards`. */
  wardOfHousehold: Int32Array;
  /** The coverage result whose classes decide which households are weak/none. */
  coverage: CoverageResult;
  engine: SignalSource;
  /**
   * Side of the coarsest refinement block in grid cells, a power of two (default 16). 1 evaluates every cell
   * (exhaustive; slow on a city, used to check the refinement).
   */
  topBlockCells?: number;
}

/** Properties of each zone feature (snake_case: they are written to zones.geojson as they are). */
export interface WeakZoneProperties {
  /** `Z0001`, `Z0002`, … in order of households (then area), largest first. */
  zone_id: string;
  /** Households (sum of `count`) of weak or none class whose grid cell lies in the zone. */
  households: number;
  /** Ids of the wards the zone's cells and households lie in, in ward order. */
  ward_ids: string[];
  /** Area of the zone polygon, km². */
  area_km2: number;
  /** Best RSRP (dBm) sampled anywhere in the zone (grid samples and its households); null when no cell reaches it. */
  best_rsrp_dbm: number | null;
  /** 'weak' when the zone's best RSRP reaches the weak floor somewhere, else 'none'. */
  signal_class: 'weak' | 'none';
}

export type WeakZones = FeatureCollection<Polygon | MultiPolygon, WeakZoneProperties>;

/** Grids larger than this are coarsened (cell side scaled up) so memory stays bounded (~20 bytes per cell). */
export const MAX_GRID_CELLS = 8_000_000;

/**
 * Refinement margin, dB per metre of block side: a block is filled from its corners only when all of them clear
 * (or miss) the fair floor by this × side. 0.015 dB/m = 12 dB for an 800 m block, 1.5 dB for 100 m: a 3-sector
 * site's inter-sector dip is ≈ 10 dB (TR 36.814 pattern at 60° off a 65° beam) and a 35·log10(d) path loss
 * changes by ≈ 5 dB over 800 m at 2 km range. A heuristic, checked against exhaustive evaluation in the tests.
 */
export const MARGIN_DB_PER_M = 0.015;

const DEFAULT_TOP_BLOCK_CELLS = 16;

/** Geometry of the zone grid: cell (i, j) has its centre at (westLon + (i + ½)·cellLonDeg, southLat + (j + ½)·cellLatDeg). */
export interface ZoneGrid {
  cellM: number;
  columns: number;
  rows: number;
  westLon: number;
  southLat: number;
  cellLonDeg: number;
  cellLatDeg: number;
}

/** Cell states while classifying; evaluated cells carry their RSRP in a parallel Float32Array. */
const UNKNOWN = 0;
const EVALUATED = 1;
const FILLED_COVERED = 2;
const FILLED_WEAK = 3;

/**
 * Computes the weak-signal zones (weak ∪ none, over land) as GeoJSON features, one per connected area.
 * Slivers smaller than one grid cell are dropped unless they hold households.
 * `onProgress` receives fractions 0…1; when `isCancelled` returns true the computation stops with a
 * `CancelledError`.
 *
 * @example
 * const zones = computeWeakZones({ wards, land: null, households, wardOfHousehold, coverage, engine }, settings);
 * zones.features[0].properties; // { zone_id: 'Z0001', households: 412, ward_ids: ['11296'], … }
 */
export function computeWeakZones(
  input: WeakZonesInput,
  settings: AnalysisSettings,
  onProgress?: (fraction: number) => void,
  isCancelled?: () => boolean,
): WeakZones {
  const landPolygons = polygonsOf(input.land ?? input.wards.map((ward) => ward.geometry));
  const topBlockCells = input.topBlockCells ?? DEFAULT_TOP_BLOCK_CELLS;
  const grid = createZoneGrid(landPolygons, settings.zoneGridM, topBlockCells);
  if (grid === null) return { type: 'FeatureCollection', features: [] };
  const cellCount = grid.columns * grid.rows;

  const land = new Uint8Array(cellCount);
  rasterize(landPolygons, grid, (row, first, last) => land.fill(1, row * grid.columns + first, row * grid.columns + last + 1));
  const wardOfCell = new Int32Array(cellCount).fill(-1);
  rasterizeWards(input.wards, grid, wardOfCell);
  onProgress?.(0.05);

  const fairFloorDbm = settings.thresholdsDbm.fair;
  const rsrp = new Float32Array(cellCount);
  const state = new Uint8Array(cellCount);
  classifyGrid(grid, land, input.engine, fairFloorDbm, topBlockCells, rsrp, state, onProgress, isCancelled);

  const weak = new Uint8Array(cellCount);
  for (let c = 0; c < cellCount; c++) {
    if (land[c] === 0) continue;
    const s = state[c];
    if (s === FILLED_WEAK || (s === EVALUATED && !(rsrp[c] >= fairFloorDbm))) weak[c] = 1;
  }
  const zones = buildZones(input, settings, grid, weak, rsrp, state, wardOfCell, isCancelled);
  onProgress?.(1);
  return zones;
}

/**
 * The grid zones are drawn on, over the land polygons' extent (south-west corner on the extent's), padded
 * east and north to whole refinement blocks plus one shared corner row and column; cells are enlarged past
 * MAX_GRID_CELLS. null when there is no land. Exported so tests can place points on cell centres.
 */
export function createZoneGrid(landPolygons: Position[][][], zoneGridM: number, topBlockCells: number): ZoneGrid | null {
  if (!(zoneGridM > 0)) throw new Error(`settings.zoneGridM must be a positive number of metres, got ${zoneGridM}`);
  if (!Number.isInteger(Math.log2(topBlockCells)) || topBlockCells < 1) {
    throw new Error(`topBlockCells must be a power of two ≥ 1, got ${topBlockCells}`);
  }
  const extent = extentOf(landPolygons);
  if (extent === null) return null;
  const [west, south, east, north] = extent;
  const ruler = new CheapRuler((south + north) / 2, 'meters');
  const widthM = (east - west) * ruler.kx;
  const heightM = (north - south) * ruler.ky;
  const cellM = Math.max(zoneGridM, Math.sqrt((widthM * heightM) / MAX_GRID_CELLS));
  // whole blocks plus one shared corner row/column, so every block's four corners are cells
  const blocksX = Math.max(1, Math.ceil(widthM / cellM / topBlockCells));
  const blocksY = Math.max(1, Math.ceil(heightM / cellM / topBlockCells));
  return {
    cellM,
    columns: blocksX * topBlockCells + 1,
    rows: blocksY * topBlockCells + 1,
    westLon: west,
    southLat: south,
    cellLonDeg: cellM / ruler.kx,
    cellLatDeg: cellM / ruler.ky,
  };
}

/** Adaptive evaluation of the signal on land blocks (see the module comment, step 3). */
function classifyGrid(
  grid: ZoneGrid,
  land: Uint8Array,
  source: SignalSource,
  fairFloorDbm: number,
  topBlockCells: number,
  rsrp: Float32Array,
  state: Uint8Array,
  onProgress: ((fraction: number) => void) | undefined,
  isCancelled: (() => boolean) | undefined,
): void {
  const { columns, rows } = grid;
  // summed-area table of land cells: a block without land is skipped in O(1)
  const landSum = new Int32Array((columns + 1) * (rows + 1));
  for (let j = 0; j < rows; j++) {
    let rowSum = 0;
    for (let i = 0; i < columns; i++) {
      rowSum += land[j * columns + i];
      landSum[(j + 1) * (columns + 1) + i + 1] = landSum[j * (columns + 1) + i + 1] + rowSum;
    }
  }
  const landIn = (i0: number, j0: number, i1: number, j1: number): number =>
    landSum[(j1 + 1) * (columns + 1) + i1 + 1] -
    landSum[j0 * (columns + 1) + i1 + 1] -
    landSum[(j1 + 1) * (columns + 1) + i0] +
    landSum[j0 * (columns + 1) + i0];

  const evaluate = (i: number, j: number): number => {
    const c = j * columns + i;
    if (state[c] !== EVALUATED) {
      rsrp[c] = source.bestServerAt(grid.westLon + (i + 0.5) * grid.cellLonDeg, grid.southLat + (j + 0.5) * grid.cellLatDeg).rsrpDbm;
      state[c] = EVALUATED;
    }
    return rsrp[c];
  };
  const fill = (i0: number, j0: number, size: number, value: number): void => {
    for (let j = j0; j <= j0 + size; j++) {
      for (let c = j * columns + i0, end = c + size; c <= end; c++) if (state[c] === UNKNOWN) state[c] = value;
    }
  };
  const refine = (i0: number, j0: number, size: number): void => {
    if (landIn(i0, j0, i0 + size, j0 + size) === 0) return;
    const a = evaluate(i0, j0);
    const b = evaluate(i0 + size, j0);
    const c = evaluate(i0, j0 + size);
    const d = evaluate(i0 + size, j0 + size);
    if (size === 1) return;
    const marginDb = MARGIN_DB_PER_M * size * grid.cellM;
    const low = Math.min(a, b, c, d);
    const high = Math.max(a, b, c, d);
    if (low >= fairFloorDbm + marginDb) return fill(i0, j0, size, FILLED_COVERED);
    if (high < fairFloorDbm - marginDb) return fill(i0, j0, size, FILLED_WEAK);
    const half = size / 2;
    refine(i0, j0, half);
    refine(i0 + half, j0, half);
    refine(i0, j0 + half, half);
    refine(i0 + half, j0 + half, half);
  };

  const blockRows = (rows - 1) / topBlockCells;
  const blockColumns = (columns - 1) / topBlockCells;
  for (let by = 0; by < blockRows; by++) {
    if (isCancelled?.()) throw new CancelledError();
    for (let bx = 0; bx < blockColumns; bx++) refine(bx * topBlockCells, by * topBlockCells, topBlockCells);
    onProgress?.(0.05 + (0.75 * (by + 1)) / blockRows);
  }
}

/** Labels the weak mask's 4-connected components, sums their households, and outlines each as a feature. */
function buildZones(
  input: WeakZonesInput,
  settings: AnalysisSettings,
  grid: ZoneGrid,
  weak: Uint8Array,
  rsrp: Float32Array,
  state: Uint8Array,
  wardOfCell: Int32Array,
  isCancelled: (() => boolean) | undefined,
): WeakZones {
  const { columns, rows } = grid;
  const label = new Int32Array(weak.length).fill(-1);
  const queue = new Int32Array(weak.length);
  const boxes: number[] = [];
  const bestDbm: number[] = [];
  const cellsOf: number[] = [];
  for (let start = 0; start < weak.length; start++) {
    if (weak[start] === 0 || label[start] !== -1) continue;
    const zone = cellsOf.length;
    let minI = columns, minJ = rows, maxI = -1, maxJ = -1, best = -Infinity, head = 0, tail = 0;
    label[start] = zone;
    queue[tail++] = start;
    while (head < tail) {
      const c = queue[head++];
      const i = c % columns;
      const j = (c - i) / columns;
      if (i < minI) minI = i;
      if (i > maxI) maxI = i;
      if (j < minJ) minJ = j;
      if (j > maxJ) maxJ = j;
      if (state[c] === EVALUATED && rsrp[c] > best) best = rsrp[c];
      // 4-neighbours: west, east, south, north
      if (i > 0 && weak[c - 1] === 1 && label[c - 1] === -1) { label[c - 1] = zone; queue[tail++] = c - 1; }
      if (i < columns - 1 && weak[c + 1] === 1 && label[c + 1] === -1) { label[c + 1] = zone; queue[tail++] = c + 1; }
      if (j > 0 && weak[c - columns] === 1 && label[c - columns] === -1) { label[c - columns] = zone; queue[tail++] = c - columns; }
      if (j < rows - 1 && weak[c + columns] === 1 && label[c + columns] === -1) { label[c + columns] = zone; queue[tail++] = c + columns; }
    }
    boxes.push(minI, minJ, maxI, maxJ);
    bestDbm.push(best);
    cellsOf.push(tail);
  }
  const zoneCount = cellsOf.length;

  // households of weak/none class, attributed by the grid cell they fall in
  const households = new Float64Array(zoneCount);
  const householdWards: Array<Set<number>> = Array.from({ length: zoneCount }, () => new Set());
  const { lon, lat, count } = input.households;
  const { signalClass, rsrpDbm } = input.coverage;
  for (let h = 0; h < input.households.length; h++) {
    if (signalClass[h] < 2) continue;
    const i = Math.floor((lon[h] - grid.westLon) / grid.cellLonDeg);
    const j = Math.floor((lat[h] - grid.southLat) / grid.cellLatDeg);
    if (i < 0 || j < 0 || i >= columns || j >= rows) continue;
    const zone = label[j * columns + i];
    if (zone === -1) continue;
    households[zone] += count[h];
    if (rsrpDbm[h] > bestDbm[zone]) bestDbm[zone] = rsrpDbm[h];
    if (input.wardOfHousehold[h] !== -1) householdWards[zone].add(input.wardOfHousehold[h]);
  }

  const cellAreaM2 = grid.cellM * grid.cellM;
  const outlines: Array<{ geometry: Polygon | MultiPolygon; properties: Omit<WeakZoneProperties, 'zone_id'> }> = [];
  const contour = contours().thresholds([0.5]);
  for (let zone = 0; zone < zoneCount; zone++) {
    if (zone % 256 === 0 && isCancelled?.()) throw new CancelledError();
    // a lone cell outlines to a diamond of half a cell: below one cell, dropped unless it holds households
    if (cellsOf[zone] === 1 && households[zone] === 0) continue;
    const [minI, minJ, maxI, maxJ] = boxes.slice(zone * 4, zone * 4 + 4);
    // crop with a one-cell empty border so every ring closes inside the crop
    const width = maxI - minI + 3;
    const height = maxJ - minJ + 3;
    const values: number[] = new Array(width * height).fill(0);
    const wards = householdWards[zone];
    for (let j = minJ; j <= maxJ; j++) {
      for (let i = minI; i <= maxI; i++) {
        const c = j * columns + i;
        if (label[c] !== zone) continue;
        values[(j - minJ + 1) * width + (i - minI + 1)] = 1;
        if (wardOfCell[c] !== -1) wards.add(wardOfCell[c]);
      }
    }
    const polygons = contour.size([width, height])(values)[0].coordinates;
    let areaCells = 0;
    const lonLatPolygons = polygons.map((rings) =>
      rings.map((ring, r) => {
        const simplified = dropCollinear(ring);
        const signed = signedArea(simplified);
        areaCells += r === 0 ? Math.abs(signed) : -Math.abs(signed);
        // RFC 7946: exterior rings counter-clockwise, holes clockwise (lon east, lat north)
        if ((r === 0) !== (signed > 0)) simplified.reverse();
        return simplified.map(([x, y]): Position => [
          round6(grid.westLon + (x + minI - 1) * grid.cellLonDeg),
          round6(grid.southLat + (y + minJ - 1) * grid.cellLatDeg),
        ]);
      }),
    );
    const areaM2 = areaCells * cellAreaM2;
    if (areaM2 < cellAreaM2 && households[zone] === 0) continue;
    const best = bestDbm[zone];
    outlines.push({
      geometry:
        lonLatPolygons.length === 1
          ? { type: 'Polygon', coordinates: lonLatPolygons[0] }
          : { type: 'MultiPolygon', coordinates: lonLatPolygons },
      properties: {
        households: households[zone],
        ward_ids: [...wards].sort((x, y) => x - y).map((w) => input.wards[w].id),
        area_km2: Math.round(areaM2) / 1e6,
        best_rsrp_dbm: Number.isFinite(best) ? Math.round(best * 100) / 100 : null,
        signal_class: best >= settings.thresholdsDbm.weak ? 'weak' : 'none',
      },
    });
  }

  outlines.sort((x, y) => y.properties.households - x.properties.households || y.properties.area_km2 - x.properties.area_km2);
  const digits = Math.max(4, String(outlines.length).length);
  const features: Array<Feature<Polygon | MultiPolygon, WeakZoneProperties>> = outlines.map((outline, k) => ({
    type: 'Feature',
    geometry: outline.geometry,
    properties: { zone_id: `Z${String(k + 1).padStart(digits, '0')}`, ...outline.properties },
  }));
  return { type: 'FeatureCollection', features };
}

/** Scanline rasterisation: calls `span(row, firstColumn, lastColumn)` for each run of cell centres inside a polygon. */
function rasterize(
  polygons: Position[][][],
  grid: ZoneGrid,
  span: (row: number, first: number, last: number) => void,
): void {
  let crossings = new Float64Array(64);
  for (const polygon of polygons) {
    let south = Infinity;
    let north = -Infinity;
    for (const point of polygon[0]) {
      if (point[1] < south) south = point[1];
      if (point[1] > north) north = point[1];
    }
    const firstRow = Math.max(0, Math.ceil((south - grid.southLat) / grid.cellLatDeg - 0.5));
    const lastRow = Math.min(grid.rows - 1, Math.floor((north - grid.southLat) / grid.cellLatDeg - 0.5));
    for (let row = firstRow; row <= lastRow; row++) {
      const y = grid.southLat + (row + 0.5) * grid.cellLatDeg;
      let n = 0;
      // crossings of the row's centre line with every ring edge (half-open in y, so vertices count once)
      for (const ring of polygon) {
        for (let k = 1; k < ring.length; k++) {
          const [x1, y1] = ring[k - 1];
          const [x2, y2] = ring[k];
          if (y1 <= y !== y2 <= y) {
            if (n === crossings.length) {
              const larger = new Float64Array(n * 2);
              larger.set(crossings);
              crossings = larger;
            }
            crossings[n++] = x1 + ((y - y1) * (x2 - x1)) / (y2 - y1);
          }
        }
      }
      const sorted = crossings.subarray(0, n).sort();
      // even–odd: cells whose centre lies in [sorted[k], sorted[k+1])
      for (let k = 0; k + 1 < n; k += 2) {
        const first = Math.max(0, Math.ceil((sorted[k] - grid.westLon) / grid.cellLonDeg - 0.5));
        const last = Math.min(grid.columns - 1, Math.ceil((sorted[k + 1] - grid.westLon) / grid.cellLonDeg - 0.5) - 1);
        if (first <= last) span(row, first, last);
      }
    }
  }
}

/** Ward index of every cell; the largest wards are drawn first so that, where outlines overlap, the smaller wins. */
function rasterizeWards(wards: Ward[], grid: ZoneGrid, wardOfCell: Int32Array): void {
  const order = wards.map((ward, index) => ({ index, polygons: polygonsOf([ward.geometry]) }));
  const areaOf = (polygons: Position[][][]): number =>
    polygons.reduce((sum, rings) => sum + rings.reduce((s, ring, r) => s + (r === 0 ? 1 : -1) * Math.abs(signedArea(ring)), 0), 0);
  const areas = new Map(order.map((entry) => [entry.index, areaOf(entry.polygons)]));
  order.sort((x, y) => (areas.get(y.index) ?? 0) - (areas.get(x.index) ?? 0));
  for (const { index, polygons } of order) {
    rasterize(polygons, grid, (row, first, last) =>
      wardOfCell.fill(index, row * grid.columns + first, row * grid.columns + last + 1),
    );
  }
}

/** The polygons (each a list of rings) of Polygon and MultiPolygon geometries. */
export function polygonsOf(geometries: Array<Polygon | MultiPolygon>): Position[][][] {
  return geometries.flatMap((geometry) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates));
}

function extentOf(polygons: Position[][][]): [number, number, number, number] | null {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]) {
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  return west <= east && south <= north ? [west, south, east, north] : null;
}

/** Shoelace signed area (positive = counter-clockwise with y up), in the ring's own units squared. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let k = 1; k < ring.length; k++) sum += ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1];
  return sum / 2;
}

/** Removes vertices lying on the straight line between their neighbours (exact in grid units: multiples of ½). */
function dropCollinear(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  const kept: Position[] = [];
  for (let k = 0; k < open.length; k++) {
    const [ax, ay] = open[(k + open.length - 1) % open.length];
    const [bx, by] = open[k];
    const [cx, cy] = open[(k + 1) % open.length];
    if ((bx - ax) * (cy - by) - (by - ay) * (cx - bx) !== 0) kept.push([bx, by]);
  }
  kept.push([kept[0][0], kept[0][1]]);
  return kept;
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
