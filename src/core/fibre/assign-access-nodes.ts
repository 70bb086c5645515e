/**
 * Port assignment at access nodes with a known capacity: household points are given ports in order of their
 * distance to the node (closest pair first), each point at one node only, taking `count` ports at once.
 *
 * Rule (issue 4): a point that stands for several households (a 40-flat building) needs `count` free ports at a
 * single node; it is never split across nodes or partly assigned, because `passed` is per point and a building
 * is served from one splitter. A point that fits at no node within reach stays unassigned.
 */
import type { AccessNode } from '../model.ts';

/** Household–node pairs within the drop distance, in growable parallel typed arrays. */
export class NodeCandidates {
  length = 0;
  household: Int32Array;
  node: Int32Array;
  distanceM: Float64Array;

  constructor(capacity = 1024) {
    this.household = new Int32Array(capacity);
    this.node = new Int32Array(capacity);
    this.distanceM = new Float64Array(capacity);
  }

  push(household: number, node: number, distanceM: number): void {
    if (this.length === this.household.length) {
      const grown = new NodeCandidates(this.length * 2);
      grown.household.set(this.household);
      grown.node.set(this.node);
      grown.distanceM.set(this.distanceM);
      this.household = grown.household;
      this.node = grown.node;
      this.distanceM = grown.distanceM;
    }
    this.household[this.length] = household;
    this.node[this.length] = node;
    this.distanceM[this.length] = distanceM;
    this.length++;
  }
}

export interface NodeAssignment {
  /** Per household point: index of the node it was given ports at, or −1. */
  assignedNode: Int32Array;
  /** Per node: ports still free after assignment (Infinity when the capacity is unknown). */
  freePorts: Float64Array;
}

/** Pairs are ordered by distance quantised to 1 cm (a counting sort), ties in pair order. */
const CM_PER_M = 100;

/** Free ports before assignment: capacity − used (used unknown = 0), never negative; unknown capacity = Infinity. */
export function freePortsOf(node: AccessNode): number {
  if (node.capacity === null) return Infinity;
  return Math.max(0, node.capacity - (node.used ?? 0));
}

/**
 * Greedy assignment in ascending pair distance: each pair (h, n) assigns h to n when h is still unassigned and n
 * has `count[h]` free ports. Deterministic (ties within a centimetre in pair order).
 *
 * @example
 * // node A with 3 free ports, points p0 (count 2, 10 m) and p1 (count 2, 20 m): p0 → A, p1 unassigned
 */
export function assignAccessNodes(candidates: NodeCandidates, count: Uint32Array, nodes: AccessNode[]): NodeAssignment {
  const pairs = candidates.length;
  const bucketOf = new Uint32Array(pairs);
  let maxBucket = 0;
  for (let p = 0; p < pairs; p++) {
    bucketOf[p] = Math.round(candidates.distanceM[p] * CM_PER_M);
    if (bucketOf[p] > maxBucket) maxBucket = bucketOf[p];
  }
  // stable counting sort of the pairs by centimetre
  const bucketStart = new Uint32Array(maxBucket + 2);
  for (let p = 0; p < pairs; p++) bucketStart[bucketOf[p] + 1]++;
  for (let b = 0; b <= maxBucket; b++) bucketStart[b + 1] += bucketStart[b];
  const order = new Uint32Array(pairs);
  for (let p = 0; p < pairs; p++) order[bucketStart[bucketOf[p]]++] = p;

  const assignedNode = new Int32Array(count.length).fill(-1);
  const freePorts = Float64Array.from(nodes, freePortsOf);
  for (let k = 0; k < pairs; k++) {
    const p = order[k];
    const household = candidates.household[p];
    const node = candidates.node[p];
    if (assignedNode[household] !== -1 || freePorts[node] < count[household]) continue;
    assignedNode[household] = node;
    freePorts[node] -= count[household];
  }
  return { assignedNode, freePorts };
}
