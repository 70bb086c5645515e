/**
 * Weak-signal zones: polygons of contiguous weak/none signal over land, drawn from a signal grid.
 *
 * Pipeline (docs/architecture.md, "zones"); each step has its module:
 * 1. (zone-raster.ts) A lon/lat grid of `settings.zoneGridM` cells over the land extent (equal-metre cells at the grid's middle
 *    latitude, WGS84 metres per degree as in cheap-ruler; the east–west size drifts by < 0.4 % over Hải Phòng).
 * 2. (zone-raster.ts) Land and wards are rasterised once by scanline (crossings per grid row, even–odd per polygon), never by a
 *    point-in-polygon test per cell; the wards only where zones are (step 4). Overlapping wards: the smaller ward wins,
 *    as in `assign-wards.ts`. The grid, the land mask and its block pyramid are made once per land layer and grid
 *    setting and shared by the analyses that follow (zone-land.ts).
 * 3. (zone-sampling.ts) The signal is evaluated adaptively over the blocks holding land (zone-land-blocks.ts): blocks of
 *    `topBlockCells` cells test their four corners with
 *    `bestServerAt`; a block whose corners all clear the fair floor by a margin (or all fall short of it by that
 *    margin) takes that class throughout, any other block is split in four, down to single cells. The margin
 *    grows with the block side (`MARGIN_DB_PER_M`), because the RSRP can vary more inside a larger block. The
 *    queries stop at the lowest value those decisions tell apart (`samplingFloorDbm`), not the engine's search floor.
 *    A top block refined past a few dozen point queries asks the engine for its cells once (`signalOver`).
 * 4. (zone-outlines.ts) Weak mask = land ∧ RSRP < fair floor (i.e. class weak or none); 4-connected components of the mask are
 *    outlined by marching squares (d3-contour, linear smoothing: edges on cell borders, corners cut at 45°).
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AnalysisSettings, HouseholdPoints, Ward } from '../model.ts';
import { runSteps, scaled, type Steps } from '../steps.ts';
import type { ServedSignal } from './coverage-result.ts';
import { outlineZones } from './zone-outlines.ts';
import { zoneLandOf, type ZoneLand } from './zone-land.ts';
import { EVALUATED, FILLED_WEAK, sampleGrid, samplingFloorDbm, type SignalSource } from './zone-sampling.ts';

export type { SignalSource } from './zone-sampling.ts';

export interface WeakZonesInput {
  wards: Ward[];
  /** Land mask polygons; null = the ward polygons are the land. */
  land: Array<Polygon | MultiPolygon> | null;
  households: HouseholdPoints;
  /** Ward index per household point (-1 outside every ward), from `assignWards`. */
  wardOfHousehold: Int32Array;
  /** The coverage whose classes decide which households are weak/none (its signal: no SINR needed). */
  coverage: ServedSignal;
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

const DEFAULT_TOP_BLOCK_CELLS = 16;

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
  return runSteps(weakZoneSteps(input, settings), onProgress, isCancelled);
}

/**
 * The zones' grid over the land and its mask for these wards, land and grid setting (zone-land.ts: made once per
 * layer and setting). Called ahead of a first analysis (the app's worker while idle), it spares that analysis them.
 */
export function zoneLandFor(input: Pick<WeakZonesInput, 'wards' | 'land' | 'topBlockCells'>, settings: Pick<AnalysisSettings, 'zoneGridM'>): ZoneLand | null {
  const { land: landLayer, wards } = input;
  return zoneLandOf(landLayer ?? wards, () => landLayer ?? wards.map((ward) => ward.geometry), settings.zoneGridM, input.topBlockCells ?? DEFAULT_TOP_BLOCK_CELLS);
}

/** `computeWeakZones` as steps (steps.ts): yields its progress, 0…1. */
export function* weakZoneSteps(input: WeakZonesInput, settings: AnalysisSettings): Steps<WeakZones> {
  const topBlockCells = input.topBlockCells ?? DEFAULT_TOP_BLOCK_CELLS;
  const zoneLand = zoneLandFor(input, settings);
  if (zoneLand === null) return { type: 'FeatureCollection', features: [] };
  const { grid, land } = zoneLand;
  const cellCount = grid.columns * grid.rows;
  yield 0.05;

  const fairFloorDbm = settings.thresholdsDbm.fair;
  const rsrp = new Float32Array(cellCount);
  const state = new Uint8Array(cellCount);
  // sampling takes most of the time: 5 … 80 %, the outlines the rest
  yield* scaled(sampleGrid(zoneLand, input.engine, fairFloorDbm, topBlockCells, rsrp, state), 0.05, 0.8);

  const weak = new Uint8Array(cellCount);
  for (let c = 0; c < cellCount; c++) {
    if (land[c] === 0) continue;
    const s = state[c];
    if (s === FILLED_WEAK || (s === EVALUATED && !(rsrp[c] >= fairFloorDbm))) weak[c] = 1;
  }
  const floorDbm = samplingFloorDbm(grid, fairFloorDbm, topBlockCells);
  const zones = yield* scaled(outlineZones(input, settings, grid, weak, { rsrp, state, floorDbm }), 0.8, 1);
  yield 1;
  return zones;
}
