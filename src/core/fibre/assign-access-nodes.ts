/**
 * Port assignment at access nodes with a known capacity: household points are given ports in order of their
 * distance to the node (closest pair first), each point at one node only, taking `count` ports at once.
 *
 * Rule (issue 4): a point that stands for several households (a 40-flat building) needs `count` free ports at a
 * single node; it is never split across nodes or partly assigned, because `passed` is per point and a building
 * is served from one splitter. A point that fits at no node within reach stays unassigned.
 */
import type { AccessNode } from '../model.ts';

/** Pairs are ordered by distance quantised to 1 cm (a counting sort), ties in pair order. */
const CM_PER_M = 100;

/** Pairs per block of `NodeCandidates`. */
const BLOCK_SHIFT = 16;
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;
/** Words per pair in a block: household, node, distance in whole centimetres. */
const PAIR_WORDS = 3;

/**
 * Household–node pairs within the drop distance. A city has millions (2.4 M on the merged city): they are kept in
 * fixed blocks rather than one array grown by copies, which left the old copies to the garbage collector at the
 * analysis' peak of memory, and the distance as the assignment orders by it, in whole centimetres.
 */
export class NodeCandidates {
  length = 0;
  private readonly blocks: Uint32Array[] = [];

  push(household: number, node: number, distanceM: number): void {
    const offset = (this.length & BLOCK_MASK) * PAIR_WORDS;
    if (offset === 0) this.blocks.push(new Uint32Array(PAIR_WORDS << BLOCK_SHIFT));
    const block = this.blocks[this.blocks.length - 1];
    block[offset] = household;
    block[offset + 1] = node;
    block[offset + 2] = Math.round(distanceM * CM_PER_M);
    this.length++;
  }

  householdAt(p: number): number {
    return this.blocks[p >>> BLOCK_SHIFT][(p & BLOCK_MASK) * PAIR_WORDS];
  }

  nodeAt(p: number): number {
    return this.blocks[p >>> BLOCK_SHIFT][(p & BLOCK_MASK) * PAIR_WORDS + 1];
  }

  distanceCmAt(p: number): number {
    return this.blocks[p >>> BLOCK_SHIFT][(p & BLOCK_MASK) * PAIR_WORDS + 2];
  }

  /** Keeps the pairs whose household passes `keep`, in their order (the blocks no longer needed are dropped). */
  retain(keep: (household: number) => boolean): void {
    let kept = 0;
    for (let p = 0; p < this.length; p++) {
      const from = this.blocks[p >>> BLOCK_SHIFT];
      const at = (p & BLOCK_MASK) * PAIR_WORDS;
      if (!keep(from[at])) continue;
      const to = this.blocks[kept >>> BLOCK_SHIFT];
      const k = (kept & BLOCK_MASK) * PAIR_WORDS;
      to[k] = from[at];
      to[k + 1] = from[at + 1];
      to[k + 2] = from[at + 2];
      kept++;
    }
    this.length = kept;
    this.blocks.length = (kept + BLOCK_MASK) >>> BLOCK_SHIFT;
  }
}

export interface NodeAssignment {
  /** Per household point: index of the node it was given ports at, or −1. */
  assignedNode: Int32Array;
  /** Per node: ports still free after assignment (Infinity when the capacity is unknown). */
  freePorts: Float64Array;
}

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
  let maxBucket = 0;
  for (let p = 0; p < pairs; p++) maxBucket = Math.max(maxBucket, candidates.distanceCmAt(p));
  // stable counting sort of the pairs by centimetre
  const bucketStart = new Uint32Array(maxBucket + 2);
  for (let p = 0; p < pairs; p++) bucketStart[candidates.distanceCmAt(p) + 1]++;
  for (let b = 0; b <= maxBucket; b++) bucketStart[b + 1] += bucketStart[b];
  const order = new Uint32Array(pairs);
  for (let p = 0; p < pairs; p++) order[bucketStart[candidates.distanceCmAt(p)]++] = p;

  const assignedNode = new Int32Array(count.length).fill(-1);
  const freePorts = Float64Array.from(nodes, freePortsOf);
  for (let k = 0; k < pairs; k++) {
    const p = order[k];
    const household = candidates.householdAt(p);
    const node = candidates.nodeAt(p);
    if (assignedNode[household] !== -1 || freePorts[node] < count[household]) continue;
    assignedNode[household] = node;
    freePorts[node] -= count[household];
  }
  return { assignedNode, freePorts };
}
