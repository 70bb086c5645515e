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
 * How it stays fast (600,000 points): households go into a kdbush in a plane of scaled degrees; each element
 * (routes cut into ≤ 250 m pieces) visits only the households in its box grown by the drop distance. Only points
 * left beyond reach then look up their true nearest element in a flatbush (`NearestElementIndex`).
 */
import KDBush from 'kdbush';
import type { AccessNode, AnalysisSettings, FibreNetwork, HouseholdPoints } from '../model.ts';
import { assignAccessNodes, freePortsOf, type NodeCandidates } from './assign-access-nodes.ts';
import { latitudeScaleOf, pointSegmentDistanceM } from './latitude-scale.ts';
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

/** Household points as a plane of scaled degrees, with each point's own metres-per-degree. */
export interface HouseholdFrame {
  kx0: number;
  ky0: number;
  /** Metres per degree of longitude / latitude at each point. */
  kx: Float64Array;
  ky: Float64Array;
  /** Largest ratio of plane to local distance over all points (see `NearestElementIndex`). */
  maxStretch: number;
  index: KDBush;
}

/** Builds the plane (reference latitude = mean latitude of the points) and the kdbush of the points. */
export function frameHouseholds(households: HouseholdPoints): HouseholdFrame {
  const n = households.length;
  const scale = latitudeScaleOf(households.lat);
  let latSum = 0;
  for (let h = 0; h < n; h++) latSum += households.lat[h];
  const refLat = n > 0 ? latSum / n : 0;
  const kx0 = scale.kxAt(refLat);
  const ky0 = scale.kyAt(refLat);
  const kx = new Float64Array(n);
  const ky = new Float64Array(n);
  let maxStretch = 1;
  const index = new KDBush(Math.max(n, 1));
  for (let h = 0; h < n; h++) {
    kx[h] = scale.kxAt(households.lat[h]);
    ky[h] = scale.kyAt(households.lat[h]);
    maxStretch = Math.max(maxStretch, kx0 / kx[h], ky0 / ky[h]);
    index.add(households.lon[h] * kx0, households.lat[h] * ky0);
  }
  if (n === 0) index.add(0, 0);
  index.finish();
  return { kx0, ky0, kx, ky, maxStretch, index };
}

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
  households: HouseholdPoints,
  fibre: FibreNetwork,
  settings: AnalysisSettings['fibre'],
): FibreCoverage {
  const n = households.length;
  const { maxDropM } = settings;
  const distanceM = new Float64Array(n).fill(Infinity);
  const passed = new Uint8Array(n);
  const elements = collectPassingElements(fibre, settings.backbonePasses);
  if (n === 0 || elements.length === 0) {
    return { distanceM, passed, fullNodes: fullNodeIds(fibre.nodes, fibre.nodes.map(freePortsOf)) };
  }
  const { lon, lat } = households;
  const frame = frameHouseholds(households);
  const { kx0, ky0, kx, ky } = frame;

  // 1. every element measures the points in its box grown by the drop distance (plane radius × stretch)
  const unlimitedNodeInReach = new Uint8Array(n);
  const candidates: NodeCandidates = { household: [], node: [], distanceM: [] };
  const grow = maxDropM * frame.maxStretch;
  for (let e = 0; e < elements.length; e++) {
    const aLon = elements.aLon[e];
    const aLat = elements.aLat[e];
    const bLon = elements.bLon[e];
    const bLat = elements.bLat[e];
    const node = elements.node[e];
    const found = frame.index.range(
      Math.min(aLon, bLon) * kx0 - grow,
      Math.min(aLat, bLat) * ky0 - grow,
      Math.max(aLon, bLon) * kx0 + grow,
      Math.max(aLat, bLat) * ky0 + grow,
    );
    for (let i = 0; i < found.length; i++) {
      const h = found[i];
      const d = pointSegmentDistanceM(lon[h], lat[h], aLon, aLat, bLon, bLat, kx[h], ky[h]);
      if (d < distanceM[h]) distanceM[h] = d;
      if (node === -1 || d > maxDropM) continue;
      if (fibre.nodes[node].capacity === null) {
        unlimitedNodeInReach[h] = 1;
      } else {
        candidates.household.push(h);
        candidates.node.push(node);
        candidates.distanceM.push(d);
      }
    }
  }

  // 2. points beyond reach: their true nearest element, up to NEAREST_LIMIT_M
  const nearest = new NearestElementIndex(elements, kx0, ky0);
  const limitM = Math.max(NEAREST_LIMIT_M, maxDropM);
  for (let h = 0; h < n; h++) {
    if (distanceM[h] > maxDropM) distanceM[h] = nearest.nearest(lon[h], lat[h], kx[h], ky[h], limitM, distanceM[h]);
  }

  // 3. capacity: points whose nodes within reach all have a capacity need a port (an unlimited node serves the rest)
  const needsPort = new Uint8Array(n);
  const portSeekers: NodeCandidates = { household: [], node: [], distanceM: [] };
  candidates.household.forEach((h, p) => {
    if (unlimitedNodeInReach[h] === 1) return;
    needsPort[h] = 1;
    portSeekers.household.push(h);
    portSeekers.node.push(candidates.node[p]);
    portSeekers.distanceM.push(candidates.distanceM[p]);
  });
  const assignment = assignAccessNodes(portSeekers, households.count, fibre.nodes);
  for (let h = 0; h < n; h++) {
    if (distanceM[h] > maxDropM) continue;
    passed[h] = needsPort[h] === 0 || assignment.assignedNode[h] !== -1 ? 1 : 0;
  }
  return { distanceM, passed, fullNodes: fullNodeIds(fibre.nodes, assignment.freePorts) };
}
