/**
 * Port assignment at access nodes with a known capacity: household points are given ports in order of their
 * distance to the node (closest pair first), each point at one node only, taking `count` ports at once.
 *
 * Rule (issue 4): a point that stands for several households (a 40-flat building) needs `count` free ports at a
 * single node; it is never split across nodes or partly assigned, because `passed` is per point and a building
 * is served from one splitter. A point that fits at no node within reach stays unassigned.
 */
import type { AccessNode } from '../model.ts';

/** Household–node pairs within the drop distance, as parallel arrays. */
export interface NodeCandidates {
  household: number[];
  node: number[];
  distanceM: number[];
}

export interface NodeAssignment {
  /** Per household point: index of the node it was given ports at, or −1. */
  assignedNode: Int32Array;
  /** Per node: ports still free after assignment (Infinity when the capacity is unknown). */
  freePorts: Float64Array;
}

/**
 * Pairs are sorted on distance quantised to 1 mm, ties by pair order, packed into one float: exact while
 * distance_mm · 2^30 + pair < 2^53, i.e. distances below 2^23 mm ≈ 8.4 km (the drop distance is at most 5 km).
 */
const MM_PER_M = 1000;
const PAIR_SLOTS = 2 ** 30;
const MAX_DISTANCE_MM = 2 ** 23;

/** Free ports before assignment: capacity − used (used unknown = 0), never negative; unknown capacity = Infinity. */
export function freePortsOf(node: AccessNode): number {
  if (node.capacity === null) return Infinity;
  return Math.max(0, node.capacity - (node.used ?? 0));
}

/**
 * Greedy assignment in ascending pair distance: each pair (h, n) assigns h to n when h is still unassigned and n
 * has `count[h]` free ports. Deterministic (ties by pair order).
 *
 * @example
 * // node A with 3 free ports, points p0 (count 2, 10 m) and p1 (count 2, 20 m): p0 → A, p1 unassigned
 */
export function assignAccessNodes(
  candidates: NodeCandidates,
  count: Uint32Array,
  nodes: AccessNode[],
): NodeAssignment {
  const pairs = candidates.household.length;
  if (pairs >= PAIR_SLOTS) throw new Error(`assignAccessNodes supports < 2^30 pairs, got ${pairs}`);
  const keys = new Float64Array(pairs);
  for (let p = 0; p < pairs; p++) {
    const distanceMm = Math.round(candidates.distanceM[p] * MM_PER_M);
    if (!(distanceMm < MAX_DISTANCE_MM)) throw new Error(`assignAccessNodes: pair distance ${candidates.distanceM[p]} m is over 8 km`);
    keys[p] = distanceMm * PAIR_SLOTS + p;
  }
  keys.sort();

  const assignedNode = new Int32Array(count.length).fill(-1);
  const freePorts = Float64Array.from(nodes, freePortsOf);
  for (let k = 0; k < pairs; k++) {
    const p = keys[k] % PAIR_SLOTS;
    const household = candidates.household[p];
    const node = candidates.node[p];
    if (assignedNode[household] !== -1 || freePorts[node] < count[household]) continue;
    assignedNode[household] = node;
    freePorts[node] -= count[household];
  }
  return { assignedNode, freePorts };
}
