/**
 * The household–node pairs of the port assignment (`NodeCandidates`, kept in blocks) and the assignment over
 * them, against plain arrays and a plain sort, with more pairs than one block holds.
 */
import { describe, expect, it } from 'vitest';
import { assignAccessNodes, NodeCandidates } from '../../../src/core/fibre/assign-access-nodes.ts';
import type { AccessNode } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

const PAIRS = 150_000;
const HOUSEHOLDS = 40_000;
const NODES = 300;

function randomPairs(): Array<{ household: number; node: number; distanceM: number }> {
  const random = mulberry32(14);
  return Array.from({ length: PAIRS }, () => ({
    household: Math.floor(random() * HOUSEHOLDS),
    node: Math.floor(random() * NODES),
    distanceM: random() * 200,
  }));
}

function candidatesOf(pairs: ReturnType<typeof randomPairs>): NodeCandidates {
  const candidates = new NodeCandidates();
  for (const { household, node, distanceM } of pairs) candidates.push(household, node, distanceM);
  return candidates;
}

/** The pairs as [household, node, centimetres] triples, flat. */
function stored(candidates: NodeCandidates): Uint32Array {
  return Uint32Array.from({ length: 3 * candidates.length }, (_, k) => {
    const p = Math.floor(k / 3);
    return [candidates.householdAt(p), candidates.nodeAt(p), candidates.distanceCmAt(p)][k % 3];
  });
}

/** The first index where two arrays differ (a length difference counts), or -1: vitest's deep equality is slow on 450,000 elements. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) if (!Object.is(a[k], b[k])) return k;
  return -1;
}

function triples(pairs: ReturnType<typeof randomPairs>): Uint32Array {
  return Uint32Array.from(pairs.flatMap((pair) => [pair.household, pair.node, Math.round(pair.distanceM * 100)]));
}

describe('NodeCandidates', () => {
  it('keeps every pair across blocks, with its distance in whole centimetres', () => {
    const pairs = randomPairs();
    const candidates = candidatesOf(pairs);
    expect(candidates.length).toBe(PAIRS);
    expect(firstDifference(stored(candidates), triples(pairs))).toBe(-1);
  });

  it('retains the pairs whose household passes, in their order', () => {
    const pairs = randomPairs();
    const candidates = candidatesOf(pairs);
    const keep = (household: number): boolean => household % 3 !== 0;
    candidates.retain(keep);
    const kept = pairs.filter((pair) => keep(pair.household));
    expect(firstDifference(stored(candidates), triples(kept))).toBe(-1);
    // pairs pushed after a retain follow the kept ones
    candidates.push(7, 8, 1.234);
    expect([candidates.householdAt(kept.length), candidates.nodeAt(kept.length), candidates.distanceCmAt(kept.length)]).toEqual([7, 8, 123]);
  });
});

describe('assignAccessNodes', () => {
  it('assigns as a stable sort by centimetre and a greedy pass would', () => {
    const pairs = randomPairs();
    const random = mulberry32(3);
    const count = Uint32Array.from({ length: HOUSEHOLDS }, () => 1 + Math.floor(random() * 4));
    const nodes: AccessNode[] = Array.from({ length: NODES }, (_, k) => ({ id: `n${k}`, lon: 0, lat: 0, capacity: k % 10 === 0 ? null : 40 + (k % 50), used: k % 7 }));
    const { assignedNode, freePorts } = assignAccessNodes(candidatesOf(pairs), count, nodes);

    const expectedNode = new Int32Array(HOUSEHOLDS).fill(-1);
    const expectedFree = nodes.map((node) => (node.capacity === null ? Infinity : Math.max(0, node.capacity - (node.used ?? 0))));
    const order = pairs.map((pair, p) => ({ ...pair, p, cm: Math.round(pair.distanceM * 100) })).sort((a, b) => a.cm - b.cm || a.p - b.p);
    for (const { household, node } of order) {
      if (expectedNode[household] !== -1 || expectedFree[node] < count[household]) continue;
      expectedNode[household] = node;
      expectedFree[node] -= count[household];
    }
    expect(assignedNode.filter((node) => node !== -1).length).toBeGreaterThan(HOUSEHOLDS / 4);
    expect(firstDifference(assignedNode, expectedNode)).toBe(-1);
    expect(firstDifference(freePorts, expectedFree)).toBe(-1);
  });
});
