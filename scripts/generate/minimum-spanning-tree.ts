/** Minimum spanning tree of a few hundred points, by Prim's algorithm (Prim 1957) in O(n²). */
import { distanceM } from './geometry.ts';

/**
 * Edges [from, to] of the Euclidean minimum spanning tree of the points (local ground distance), in the order
 * Prim's algorithm adds them from point 0. Ties go to the lower index, so the tree is deterministic.
 */
export function minimumSpanningTree(points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const n = points.length;
  const inTree = new Uint8Array(n);
  const bestDistance = new Float64Array(n).fill(Infinity);
  const bestFrom = new Int32Array(n).fill(-1);
  const edges: Array<[number, number]> = [];
  let current = 0;
  for (let added = 1; added < n; added++) {
    inTree[current] = 1;
    // relax the distances through the point just added, then take the closest point outside the tree
    let next = -1;
    for (let i = 0; i < n; i++) {
      if (inTree[i]) continue;
      const d = distanceM(points[current][0], points[current][1], points[i][0], points[i][1]);
      if (d < bestDistance[i]) {
        bestDistance[i] = d;
        bestFrom[i] = current;
      }
      if (next === -1 || bestDistance[i] < bestDistance[next]) next = i;
    }
    edges.push([bestFrom[next], next]);
    current = next;
  }
  return edges;
}
