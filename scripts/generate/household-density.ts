/** Household density around any point, from a grid of household counts and its summed-area table. */
import type { HouseholdPoints } from '../../src/core/model.ts';
import { ruler, type Box } from './geometry.ts';

/** Side of the density grid cells, metres. */
const CELL_M = 250;

export class HouseholdDensity {
  private readonly west: number;
  private readonly south: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly stepLon = CELL_M / ruler.kx;
  private readonly stepLat = CELL_M / ruler.ky;
  /** Summed-area table, (rows + 1) × (columns + 1): households in all cells below and left of each corner. */
  private readonly summed: Float64Array;

  constructor(households: HouseholdPoints, [west, south, east, north]: Box) {
    this.west = west;
    this.south = south;
    this.columns = Math.ceil((east - west) / this.stepLon) + 1;
    this.rows = Math.ceil((north - south) / this.stepLat) + 1;
    const width = this.columns + 1;
    this.summed = new Float64Array((this.rows + 1) * width);
    for (let k = 0; k < households.length; k++) {
      const column = this.columnOf(households.lon[k]);
      const row = this.rowOf(households.lat[k]);
      this.summed[(row + 1) * width + column + 1] += households.count[k];
    }
    // integral image: S(r, c) = cell(r, c) + S(r−1, c) + S(r, c−1) − S(r−1, c−1)
    for (let r = 1; r <= this.rows; r++) {
      for (let c = 1; c <= this.columns; c++) {
        this.summed[r * width + c] += this.summed[(r - 1) * width + c] + this.summed[r * width + c - 1] - this.summed[(r - 1) * width + c - 1];
      }
    }
  }

  /** Households per km² within the square of 2·h cells a side (the area of the disc of `radiusM`) around the point. */
  perKm2(lon: number, lat: number, radiusM: number): number {
    const halfCells = Math.max(1, Math.round((radiusM * Math.sqrt(Math.PI)) / 2 / CELL_M));
    // cells [c0, c1) × [r0, r1) in summed-table indices, clipped to the grid
    const c0 = Math.max(0, this.columnOf(lon) - halfCells + 1);
    const c1 = Math.min(this.columns, this.columnOf(lon) + halfCells + 1);
    const r0 = Math.max(0, this.rowOf(lat) - halfCells + 1);
    const r1 = Math.min(this.rows, this.rowOf(lat) + halfCells + 1);
    const width = this.columns + 1;
    const households =
      this.summed[r1 * width + c1] - this.summed[r0 * width + c1] - this.summed[r1 * width + c0] + this.summed[r0 * width + c0];
    return households / (((c1 - c0) * (r1 - r0) * CELL_M * CELL_M) / 1e6);
  }

  private columnOf(lon: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((lon - this.west) / this.stepLon)));
  }

  private rowOf(lat: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.south) / this.stepLat)));
  }
}
