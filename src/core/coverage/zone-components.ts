/**
 * The 4-connected components of a grid mask, found by runs (row segments of set cells) joined with a union–find
 * where runs of neighbouring rows overlap, rather than by a flood fill with a label per cell: the weak mask of a
 * province-sized grid (3.6 M cells, most of them weak where sites are sparse) is thousands of runs, and a label
 * array of four bytes per cell cost more to touch than the labelling itself.
 */

/** Runs of a mask and their components. */
export interface MaskComponents {
  /** Row j's runs are rowStart[j] … rowStart[j + 1] − 1, west to east. */
  rowStart: Int32Array;
  /** First and last column of each run (both included). */
  first: Int32Array;
  last: Int32Array;
  /** Component of each run, components numbered in row-major order of their first cell (0, 1, …). */
  componentOfRun: Int32Array;
  /** Number of components. */
  count: number;
}

/**
 * Components of the cells where `mask` (row-major, `columns` × `rows`) is 1, 4-connected (cells sharing a side).
 *
 * @example
 * const components = maskComponents(Uint8Array.from([1, 0, 1, 1, 1, 1]), 3, 2); // one U-shaped component
 * components.count; // 1
 */
export function maskComponents(mask: Uint8Array, columns: number, rows: number): MaskComponents {
  const rowStart = new Int32Array(rows + 1);
  let runCount = 0;
  for (let j = 0; j < rows; j++) {
    rowStart[j] = runCount;
    for (let c = j * columns, end = c + columns, previous = 0; c < end; c++) {
      const value = mask[c] === 1 ? 1 : 0;
      if (value === 1 && previous === 0) runCount++;
      previous = value;
    }
  }
  rowStart[rows] = runCount;

  const first = new Int32Array(runCount);
  const last = new Int32Array(runCount);
  const parent = new Int32Array(runCount);
  const find = (run: number): number => {
    while (parent[run] !== run) run = parent[run] = parent[parent[run]];
    return run;
  };
  let run = 0;
  for (let j = 0; j < rows; j++) {
    const rowRuns = run;
    for (let i = 0, c = j * columns; i < columns; i++, c++) {
      if (mask[c] !== 1) continue;
      if (i === 0 || mask[c - 1] !== 1) {
        first[run] = i;
        parent[run] = run;
        run++;
      }
      last[run - 1] = i;
    }
    if (j === 0) continue;
    // runs of the row below that share a column with a run of this row are one component
    let below = rowStart[j - 1];
    const belowEnd = rowStart[j];
    for (let r = rowRuns; r < run; r++) {
      while (below < belowEnd && last[below] < first[r]) below++;
      for (let b = below; b < belowEnd && first[b] <= last[r]; b++) {
        const x = find(b);
        const y = find(r);
        if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
      }
    }
  }

  // runs come in row-major order of their first cells: a component's first run met holds its first cell
  const componentOfRun = new Int32Array(runCount);
  const componentOfRoot = new Int32Array(runCount).fill(-1);
  let count = 0;
  for (let r = 0; r < runCount; r++) {
    const root = find(r);
    if (componentOfRoot[root] === -1) componentOfRoot[root] = count++;
    componentOfRun[r] = componentOfRoot[root];
  }
  return { rowStart, first, last, componentOfRun, count };
}

/** The run holding cell (i, j), or −1 when the cell is not set. */
export function runAt(components: MaskComponents, i: number, j: number): number {
  const { rowStart, first, last } = components;
  // the last run of row j starting at or before i
  let low = rowStart[j];
  let high = rowStart[j + 1] - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (first[middle] <= i) low = middle + 1;
    else high = middle - 1;
  }
  return high >= rowStart[j] && last[high] >= i ? high : -1;
}
