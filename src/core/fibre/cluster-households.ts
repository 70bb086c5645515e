/**
 * Groups the households the plan may reach into clusters: square cells of side √2 · radiusM in the planning
 * plane, split by ward when planning ward by ward; then neighbouring cells' clusters merge while their joint
 * bounding box keeps a diagonal ≤ 2 · radiusM (so a grid line through a village does not split it). The centre of
 * a cluster's bounding box lies within radiusM of every member, so a cable reaching that point — or, shorter,
 * passing within radiusM of every member on its way there — passes the whole cluster.
 */
import type { HouseholdGrid } from './household-grid.ts';

export interface HouseholdClusters {
  length: number;
  /** Members of cluster c are `member[memberStart[c]]` … `member[memberStart[c + 1] − 1]` (grid slots). */
  memberStart: Uint32Array;
  member: Uint32Array;
  /** Plane coordinates (metres) of each member, parallel to `member`. */
  memberX: Float64Array;
  memberY: Float64Array;
  /** Bounding-box centre of the members, plane metres. */
  anchorX: Float64Array;
  anchorY: Float64Array;
  /** Ward index of the members (−1 outside every ward, or when clusters are not split by ward). */
  ward: Int32Array;
  /** Cluster of each grid slot, −1 for slots not clustered. */
  clusterOfSlot: Int32Array;
}

/** Cell keys pack (col, row) offset by 2^24 into one exact float (< 2^50). */
const OFFSET = 2 ** 24;
const ROW_SLOTS = 2 ** 25;

/**
 * Clusters the grid slots for which `include(slot)` holds; `wardOfSlot(slot)` splits cells by ward (return −1
 * for all to cluster city-wide). Clusters are numbered in order of their first cell, so the result is
 * deterministic.
 */
export function clusterHouseholds(
  grid: HouseholdGrid,
  radiusM: number,
  include: (slot: number) => boolean,
  wardOfSlot: (slot: number) => number,
): HouseholdClusters {
  const sideM = radiusM * Math.SQRT2;
  const clusterOfSlot = new Int32Array(grid.length).fill(-1);
  // cell key → first cluster in that cell; clusters of other wards in the same cell are chained
  const firstInCell = new Map<number, number>();
  const nextInCell: number[] = [];
  const wardOfCluster: number[] = [];
  const sizes: number[] = [];
  for (let slot = 0; slot < grid.length; slot++) {
    if (!include(slot)) continue;
    const col = Math.floor((grid.lon[slot] * grid.plane.kx) / sideM);
    const row = Math.floor((grid.lat[slot] * grid.plane.ky) / sideM);
    const key = (col + OFFSET) * ROW_SLOTS + (row + OFFSET);
    const ward = wardOfSlot(slot);
    let cluster = firstInCell.get(key) ?? -1;
    let last = -1;
    while (cluster !== -1 && wardOfCluster[cluster] !== ward) {
      last = cluster;
      cluster = nextInCell[cluster];
    }
    if (cluster === -1) {
      cluster = sizes.length;
      sizes.push(0);
      wardOfCluster.push(ward);
      nextInCell.push(-1);
      if (last === -1) firstInCell.set(key, cluster);
      else nextInCell[last] = cluster;
    }
    clusterOfSlot[slot] = cluster;
    sizes[cluster]++;
  }

  // bounding box of each cell cluster
  const cellClusters = sizes.length;
  const minX = new Float64Array(cellClusters).fill(Infinity);
  const minY = new Float64Array(cellClusters).fill(Infinity);
  const maxX = new Float64Array(cellClusters).fill(-Infinity);
  const maxY = new Float64Array(cellClusters).fill(-Infinity);
  const cellOfCluster = new Array<[number, number]>(cellClusters);
  for (let slot = 0; slot < grid.length; slot++) {
    const c = clusterOfSlot[slot];
    if (c === -1) continue;
    const x = grid.lon[slot] * grid.plane.kx;
    const y = grid.lat[slot] * grid.plane.ky;
    minX[c] = Math.min(minX[c], x);
    minY[c] = Math.min(minY[c], y);
    maxX[c] = Math.max(maxX[c], x);
    maxY[c] = Math.max(maxY[c], y);
    cellOfCluster[c] ??= [Math.floor(x / sideM), Math.floor(y / sideM)];
  }

  // merge into each cluster, in order, the clusters of the 8 neighbouring cells that keep its box small enough
  const mergedInto = Int32Array.from({ length: cellClusters }, (_, c) => c);
  const maxDiagonalSquared = 4 * radiusM * radiusM;
  for (let c = 0; c < cellClusters; c++) {
    if (mergedInto[c] !== c) continue;
    const [col, row] = cellOfCluster[c];
    for (let dCol = -1; dCol <= 1; dCol++) {
      for (let dRow = -1; dRow <= 1; dRow++) {
        if (dCol === 0 && dRow === 0) continue;
        for (let d = firstInCell.get((col + dCol + OFFSET) * ROW_SLOTS + (row + dRow + OFFSET)) ?? -1; d !== -1; d = nextInCell[d]) {
          if (mergedInto[d] !== d || d === c || wardOfCluster[d] !== wardOfCluster[c]) continue;
          const x0 = Math.min(minX[c], minX[d]);
          const y0 = Math.min(minY[c], minY[d]);
          const x1 = Math.max(maxX[c], maxX[d]);
          const y1 = Math.max(maxY[c], maxY[d]);
          if ((x1 - x0) ** 2 + (y1 - y0) ** 2 > maxDiagonalSquared) continue;
          mergedInto[d] = c;
          [minX[c], minY[c], maxX[c], maxY[c]] = [x0, y0, x1, y1];
        }
      }
    }
  }
  // renumber the surviving clusters in order
  const finalOf = new Int32Array(cellClusters);
  let length = 0;
  for (let c = 0; c < cellClusters; c++) finalOf[c] = mergedInto[c] === c ? length++ : -1;
  const ward = new Int32Array(length);
  const memberStart = new Uint32Array(length + 1);
  for (let c = 0; c < cellClusters; c++) {
    const final = finalOf[mergedInto[c]];
    ward[final] = wardOfCluster[c];
    memberStart[final + 1] += sizes[c];
  }
  for (let c = 0; c < length; c++) memberStart[c + 1] += memberStart[c];
  const fill = memberStart.slice(0, length);
  const members = memberStart[length];
  const member = new Uint32Array(members);
  const memberX = new Float64Array(members);
  const memberY = new Float64Array(members);
  for (let slot = 0; slot < grid.length; slot++) {
    if (clusterOfSlot[slot] === -1) continue;
    const c = finalOf[mergedInto[clusterOfSlot[slot]]];
    clusterOfSlot[slot] = c;
    const m = fill[c]++;
    member[m] = slot;
    memberX[m] = grid.lon[slot] * grid.plane.kx;
    memberY[m] = grid.lat[slot] * grid.plane.ky;
  }
  const anchorX = new Float64Array(length);
  const anchorY = new Float64Array(length);
  for (let c = 0; c < cellClusters; c++) {
    if (finalOf[c] === -1) continue;
    anchorX[finalOf[c]] = (minX[c] + maxX[c]) / 2;
    anchorY[finalOf[c]] = (minY[c] + maxY[c]) / 2;
  }
  return {
    length,
    memberStart,
    member,
    memberX,
    memberY,
    anchorX,
    anchorY,
    ward,
    clusterOfSlot,
  };
}
