/**
 * Households passed by fibre (issue 4 "Coverage"; the `fibre_distance_m` / `fibre_passed` columns of issue 3).
 *
 * Distance: ground distance in metres from each household point to the nearest passing element — a distribution
 * route (backbone too when `backbonePasses`) or an access node — measured in the point's local equirectangular
 * frame with cheap-ruler's WGS84 metres-per-degree at the point's latitude (within 0.1 % of the geodesic at these
 * distances). It is exact up to `NEAREST_LIMIT_M` (5 km); farther points get Infinity ("no fibre nearby").
 *
 * Passed: within `maxDropM` of a passing element, and, when access nodes with a known capacity are involved,
 * holding a port (the capacity rule of issue 4):
 * - a point with an access node of unknown capacity within reach is passed (unknown = unlimited);
 * - a point whose nodes within reach all carry a capacity is passed only if it gets `count` free ports at one of
 *   them (`assignAccessNodes`: closest pairs first, no partial assignment), even when a route is also within
 *   reach — the route is fed through those nodes;
 * - a point within reach of a route but of no node is passed (no capacity is known for it).
 *
 * How it stays fast (600,000 points): the points are bucketed in a grid stored cell by cell (`HouseholdGrid`);
 * each element (routes cut into ≤ 250 m pieces) measures only the points of the cells within the drop distance
 * of it. Only points left beyond reach then look up their true nearest element in a flatbush
 * (`NearestElementIndex`).
 */
import type { AccessNode, AnalysisSettings, FibreNetwork, HouseholdLocations } from '../model.ts';
import { runSteps, type Steps } from '../steps.ts';
import { assignAccessNodes, freePortsOf, NodeCandidates } from './assign-access-nodes.ts';
import { HouseholdGrid } from './household-grid.ts';
import { NearestElementIndex } from './nearest-element.ts';
import { collectPassingElements } from './passing-elements.ts';

export interface FibreCoverage {
  /** Per household point: ground distance (m) to the nearest passing route or node; Infinity beyond 5 km or none. */
  distanceM: Float64Array;
  /** 1 = passed (within maxDropM and, where nodes have capacity, a free port was assigned). */
  passed: Uint8Array;
  /** Ids of access nodes whose capacity is exhausted (no free port left after assignment), in network order. */
  fullNodes: string[];
}

/** Farthest distance reported exactly in `distanceM`; beyond it a point has "no fibre nearby" (Infinity). */
export const NEAREST_LIMIT_M = 5000;

/** Relative margin for comparing distances measured in the local frames of two points of one grid cell. */
const FRAME_MARGIN = 1e-3;
/** Elements measured, and grid cells searched, between two checkpoints of `fibreCoverageSteps` (a few ms each). */
const ELEMENTS_PER_CHECKPOINT = 2048;
const CELLS_PER_CHECKPOINT = 16384;

function fullNodeIds(nodes: AccessNode[], freePorts: ArrayLike<number>): string[] {
  return nodes.filter((node, n) => node.capacity !== null && freePorts[n] <= 0).map((node) => node.id);
}

/**
 * Distance to fibre and passed flag for every household point (rules in the module comment).
 *
 * @example
 * const fibre = computeFibreCoverage(households, network, { maxDropM: 200, backbonePasses: false });
 * fibre.distanceM[0]; // 150.2 — metres to the nearest distribution cable or access node
 * fibre.passed[0];    // 1
 */
export function computeFibreCoverage(
  households: HouseholdLocations,
  fibre: FibreNetwork,
  settings: AnalysisSettings['fibre'],
): FibreCoverage {
  return runSteps(fibreCoverageSteps(households, fibre, settings));
}

/**
 * `computeFibreCoverage` as steps (steps.ts), yielding the fraction done: the merged city takes ~1.5 s, which a
 * cancelled analysis should not have to wait for. The loops run in plain functions, which V8 optimises better
 * than loops inside a generator.
 */
export function* fibreCoverageSteps(
  households: HouseholdLocations,
  fibre: FibreNetwork,
  settings: AnalysisSettings['fibre'],
): Steps<FibreCoverage> {
  const n = households.length;
  const { maxDropM } = settings;
  const distanceM = new Float64Array(n).fill(Infinity);
  const passed = new Uint8Array(n);
  const elements = collectPassingElements(fibre, settings.backbonePasses);
  if (n === 0 || elements.length === 0) {
    return { distanceM, passed, fullNodes: fullNodeIds(fibre.nodes, fibre.nodes.map(freePortsOf)) };
  }
  const grid = new HouseholdGrid(households, Math.max(25, maxDropM / 2));

  // 1. every element measures the points of the grid cells within the drop distance of it
  const slotDistanceM = new Float64Array(n).fill(Infinity);
  const unlimitedNodeInReach = new Uint8Array(n);
  const candidates = new NodeCandidates();
  let node = -1;
  const measure = (slot: number, d: number): void => {
    if (d < slotDistanceM[slot]) slotDistanceM[slot] = d;
    if (node === -1) return;
    const h = grid.household[slot];
    if (fibre.nodes[node].capacity === null) {
      unlimitedNodeInReach[h] = 1;
    } else {
      candidates.push(h, node, d);
    }
  };
  const measureElements = (from: number, to: number): void => {
    for (let e = from; e < to; e++) {
      node = elements.node[e];
      grid.forEachNearSegment(elements.aLon[e], elements.aLat[e], elements.bLon[e], elements.bLat[e], maxDropM, measure);
    }
  };
  for (let e = 0; e < elements.length; e += ELEMENTS_PER_CHECKPOINT) {
    yield (0.5 * e) / elements.length;
    measureElements(e, Math.min(elements.length, e + ELEMENTS_PER_CHECKPOINT));
  }

  // 2. points beyond reach: their true nearest element up to NEAREST_LIMIT_M, one index query per grid cell
  const nearest = new NearestElementIndex(elements, grid.plane);
  const limitM = Math.max(NEAREST_LIMIT_M, maxDropM);
  // two points of a cell are at most this far apart (local metres); the margin covers their frames' difference
  const cellSpanM = 2 * grid.cellHalfDiagonalM * grid.maxShrink * (1 + FRAME_MARGIN);
  const nearby: number[] = [];
  const searchCells = (from: number, to: number): void => {
    for (let cell = from; cell < to; cell++) {
      const end = grid.cellStartOf(cell + 1);
      let first = grid.cellStartOf(cell);
      while (first < end && slotDistanceM[first] <= maxDropM) first++;
      if (first === end) continue;
      const firstM = nearest.nearest(grid.lon[first], grid.lat[first], grid.kx[first], grid.ky[first], limitM);
      nearby.length = 0;
      // any point p of the cell has its nearest element within firstM + span of p, hence within firstM + 2·span of `first`
      if (firstM !== Infinity) {
        nearest.collectWithin(grid.lon[first], grid.lat[first], grid.kx[first], grid.ky[first], firstM + 2 * cellSpanM, nearby);
      }
      for (let slot = first; slot < end; slot++) {
        if (slotDistanceM[slot] <= maxDropM) continue;
        const lonP = grid.lon[slot];
        const latP = grid.lat[slot];
        const kxP = grid.kx[slot];
        const kyP = grid.ky[slot];
        let best = Infinity;
        if (firstM === Infinity) {
          best = nearest.nearest(lonP, latP, kxP, kyP, limitM);
        } else {
          for (const e of nearby) best = Math.min(best, nearest.distanceTo(e, lonP, latP, kxP, kyP));
        }
        slotDistanceM[slot] = best <= limitM ? best : Infinity;
      }
    }
  };
  for (let cell = 0; cell < grid.cellCount; cell += CELLS_PER_CHECKPOINT) {
    yield 0.5 + (0.4 * cell) / grid.cellCount;
    searchCells(cell, Math.min(grid.cellCount, cell + CELLS_PER_CHECKPOINT));
  }
  for (let slot = 0; slot < n; slot++) distanceM[grid.household[slot]] = slotDistanceM[slot];

  // 3. capacity: points whose nodes within reach all have a capacity need a port (an unlimited node serves the rest)
  const needsPort = new Uint8Array(n);
  // the pairs of points that seek a port, kept in place and in order (millions of pairs on a city: no copy)
  candidates.retain((h) => unlimitedNodeInReach[h] === 0);
  for (let p = 0; p < candidates.length; p++) needsPort[candidates.householdAt(p)] = 1;
  yield 0.9;
  const assignment = assignAccessNodes(candidates, households.count, fibre.nodes);
  for (let h = 0; h < n; h++) {
    if (distanceM[h] > maxDropM) continue;
    passed[h] = needsPort[h] === 0 || assignment.assignedNode[h] !== -1 ? 1 : 0;
  }
  return { distanceM, passed, fullNodes: fullNodeIds(fibre.nodes, assignment.freePorts) };
}
