/**
 * Which refinement blocks of the zone grid hold land, answered in O(1) from a pyramid of one-byte flags (≈ a third
 * of a byte per grid cell) instead of a summed-area table (four bytes per cell, every one written: on the country's
 * 3.6 M-cell provinces the table's first touch of fresh memory alone cost more than the refinement it served).
 *
 * Level k of the pyramid covers the grid with half-open blocks of side s = 2^k, [bi·s, bi·s + s) × [bj·s, bj·s + s),
 * each flagged: any land in it, any in its first column, any in its first row. A refinement block is inclusive
 * (its four corners are cells shared with its neighbours), [i0, i0 + s] × [j0, j0 + s], which is the half-open block
 * at (i0, j0), the first column of the block east of it, the first row of the block north of it and the one corner
 * cell at (i0 + s, j0 + s).
 */

const ANY = 1;
const FIRST_COLUMN = 2;
const FIRST_ROW = 4;

/**
 * Land of the inclusive blocks the refinement visits. `land` is the grid's mask (1 = land, row-major, `columns` ×
 * `rows`); the answered blocks are those of side s ≤ `topBlockCells` (a power of two) whose south-west corner
 * (i0, j0) is a multiple of s, with i0 + s < columns and j0 + s < rows.
 *
 * @example
 * const landIn = landBlocks(land, grid.columns, grid.rows, 16);
 * landIn(32, 48, 16); // true when a land cell lies in columns 32…48 and rows 48…64 (both ends included)
 */
export function landBlocks(land: Uint8Array, columns: number, rows: number, topBlockCells: number): (i0: number, j0: number, size: number) => boolean {
  // levels[k − 1] for k ≥ 1; level 0 is `land` itself, whose 0/1 times 7 are its flags (a land cell is in its own
  // first row and column)
  const levels: Uint8Array[] = [];
  const widths: number[] = [columns];
  let below = land;
  let belowScale = ANY | FIRST_COLUMN | FIRST_ROW;
  let belowColumns = columns;
  let belowRows = rows;
  for (let size = 2; size <= topBlockCells; size *= 2) {
    const levelColumns = Math.ceil(belowColumns / 2);
    const levelRows = Math.ceil(belowRows / 2);
    const flags = new Uint8Array(levelColumns * levelRows);
    for (let bj = 0; bj < levelRows; bj++) {
      const south = 2 * bj * belowColumns;
      // a missing north row or east column (odd sizes) reads as no land
      const north = 2 * bj + 1 < belowRows ? south + belowColumns : -1;
      for (let bi = 0; bi < levelColumns; bi++) {
        const i = 2 * bi;
        const hasEast = i + 1 < belowColumns;
        const southWest = below[south + i] * belowScale;
        const southEast = hasEast ? below[south + i + 1] * belowScale : 0;
        const northWest = north >= 0 ? below[north + i] * belowScale : 0;
        const northEast = hasEast && north >= 0 ? below[north + i + 1] * belowScale : 0;
        flags[bj * levelColumns + bi] =
          ((southWest | southEast | northWest | northEast) & ANY) |
          ((southWest | northWest) & FIRST_COLUMN) |
          ((southWest | southEast) & FIRST_ROW);
      }
    }
    levels.push(flags);
    widths.push(levelColumns);
    below = flags;
    belowScale = 1;
    belowColumns = levelColumns;
    belowRows = levelRows;
  }
  return (i0, j0, size) => {
    if (land[(j0 + size) * columns + i0 + size] !== 0) return true;
    if (size === 1) return land[j0 * columns + i0] !== 0 || land[j0 * columns + i0 + 1] !== 0 || land[(j0 + 1) * columns + i0] !== 0;
    const level = 31 - Math.clz32(size);
    const flags = levels[level - 1];
    const width = widths[level];
    const bi = i0 / size;
    const bj = j0 / size;
    return (
      (flags[bj * width + bi] & ANY) !== 0 ||
      (flags[bj * width + bi + 1] & FIRST_COLUMN) !== 0 ||
      (flags[(bj + 1) * width + bi] & FIRST_ROW) !== 0
    );
  };
}
