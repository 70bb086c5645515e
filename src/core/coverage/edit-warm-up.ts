/**
 * A drag's first steps without V8's compilation in them. The first edits of a thread run the edit path
 * (`CoverageEngine.updateCells`: the tiles in reach, the best servers settled again, the interference sums' deltas)
 * before V8 has optimised it: on the seeded city the slowest of the first three site moves took 58–113 ms in 5 runs,
 * and the first three 16–24 ms once warmed up (bench/HISTORY.md step 80). V8's optimised code of a function serves
 * every later call, so a few moves on a small engine cut from the same input, with the same kinds of cells and
 * arrays, leave the path optimised for the analysis' own edits. The host runs it in idle time after an analysis,
 * once per thread and kind of edit path.
 *
 * The small engine is transient (`CoverageEngineInput.transient`): the tile layout and sums memory the thread keeps
 * for its analyses' next runs stay theirs. It never touches the analysis' engine: results are unchanged.
 */
import { LocalPlane } from '../geo/local-plane.ts';
import type { Cell, HouseholdLocations } from '../model.ts';
import type { Steps } from '../steps.ts';
import { isAnalysedCell } from './analysed-cell.ts';
import { CoverageEngine, type CoverageEngineInput } from './coverage-engine.ts';
import { isOfdmTechnology } from './link-quality.ts';

/** Side of the square the small city is cut from, metres, and the most households it keeps. */
const SIDE_M = 6000;
const MAX_HOUSEHOLDS = 30_000;
/** Sites moved (each there and back: two edits), and how far, metres. */
const SITES_MOVED = 12;
const MOVE_M = 300;

/**
 * The edit paths this thread has warmed up (V8's optimised code is per thread): with interference sums (4G/5G) or
 * without (2G/3G).
 */
const warmedUp = new Set<'sums' | 'signal'>();

/** Forgets the warm-ups done (for tests: the test files share their threads' modules). */
export function forgetEditWarmUps(): void {
  warmedUp.clear();
}

/** What the warm-up reads of an engine's input. */
export type WarmUpInput = Pick<CoverageEngineInput, 'place' | 'cells' | 'households' | 'settings'>;

/** The small engine's input and its edits. */
interface SmallCity {
  cells: Cell[];
  households: HouseholdLocations;
  moves: Array<Array<{ cellIndex: number; cell: Cell }>>;
}

/**
 * Site moves on a small engine cut from `input` (the households and cells of a square around its middle household),
 * as steps yielding the fraction done; nothing once this thread has run them to their end for the same kind of edit
 * path, or where the square holds no analysed cell (then they are still to be done).
 */
export function* warmUpEditsSteps(input: WarmUpInput): Steps<void> {
  const path = isOfdmTechnology(input.settings.technology) ? 'sums' : 'signal';
  if (warmedUp.has(path)) return;
  const city = smallCity(input);
  if (city === null) return;
  const engine = new CoverageEngine({ ...city, place: input.place, settings: input.settings, transient: true });
  for (const fraction of engine.runSteps()) yield 0.5 * fraction;
  for (let k = 0; k < city.moves.length; k++) {
    yield 0.5 + (0.5 * k) / city.moves.length;
    engine.updateCells(city.moves[k]);
  }
  warmedUp.add(path);
}

/**
 * The households and cells within the square of side SIDE_M around the middle household of `input` (every k-th
 * household when more than MAX_HOUSEHOLDS), and the moves: up to SITES_MOVED sites of analysed cells, each moved
 * MOVE_M east and back. Null when the square holds no analysed cell.
 */
function smallCity(input: WarmUpInput): SmallCity | null {
  const { households, cells, settings } = input;
  if (households.length === 0) return null;
  const middle = Math.floor(households.length / 2);
  const lon0 = households.lon[middle];
  const lat0 = households.lat[middle];
  // metres per degree there (the engine's plane factors)
  const { kx, ky } = LocalPlane.at(lat0);
  const halfLon = SIDE_M / 2 / kx;
  const halfLat = SIDE_M / 2 / ky;
  const inSquare = (lon: number, lat: number): boolean =>
    Math.abs(lon - lon0) <= halfLon && Math.abs(lat - lat0) <= halfLat;
  const kept: number[] = [];
  for (let h = 0; h < households.length; h++) if (inSquare(households.lon[h], households.lat[h])) kept.push(h);
  const step = Math.ceil(kept.length / MAX_HOUSEHOLDS);
  const picked = kept.filter((_, k) => k % step === 0);
  const smallCells = cells.filter((cell) => inSquare(cell.lon, cell.lat));
  const sectorsOf = new Map<string, number[]>();
  smallCells.forEach((cell, index) => {
    if (isAnalysedCell(cell, settings)) sectorsOf.set(cell.siteId, [...(sectorsOf.get(cell.siteId) ?? []), index]);
  });
  if (sectorsOf.size === 0) return null;
  const moves = [...sectorsOf.values()].slice(0, SITES_MOVED).flatMap((sectors) => {
    const back = sectors.map((cellIndex) => ({ cellIndex, cell: smallCells[cellIndex] }));
    const there = back.map(({ cellIndex, cell }) => ({
      cellIndex,
      cell: { ...cell, lon: cell.lon + MOVE_M / kx },
    }));
    return [there, back];
  });
  return {
    cells: smallCells,
    households: {
      length: picked.length,
      lon: Float64Array.from(picked, (h) => households.lon[h]),
      lat: Float64Array.from(picked, (h) => households.lat[h]),
      count: Uint32Array.from(picked, (h) => households.count[h]),
    },
    moves,
  };
}
