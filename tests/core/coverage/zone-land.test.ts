/** The zones' land grid and mask, made once per land layer and grid setting (src/core/coverage/zone-land.ts). */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { zoneLandOf } from '../../../src/core/coverage/zone-land.ts';

/** A 0.02° square (≈ 2.2 × 2.1 km) at Hải Phòng. */
const square: Polygon = { type: 'Polygon', coordinates: [[[106.6, 20.8], [106.62, 20.8], [106.62, 20.82], [106.6, 20.82], [106.6, 20.8]]] };

describe('zoneLandOf', () => {
  it('gives the same grid and mask for the same layer and settings, new ones for another grid size or layer', () => {
    const layer = [square];
    let made = 0;
    const geometries = () => (made++, layer);
    const first = zoneLandOf(layer, geometries, 100, 16);
    expect(first).not.toBeNull();
    expect(zoneLandOf(layer, geometries, 100, 16)).toBe(first);
    expect(made).toBe(1);
    const finer = zoneLandOf(layer, geometries, 50, 16);
    expect(finer).not.toBe(first);
    expect(finer!.grid.columns).toBeGreaterThan(first!.grid.columns);
    // an equal copy of the layer is another layer (the app replaces layers, never edits them)
    expect(zoneLandOf([square], () => [square], 100, 16)).not.toBe(first);
    expect(made).toBe(2);
  });

  it('marks the square as land: about its area in 100 m cells, and its blocks hold land', () => {
    const { grid, land, landIn } = zoneLandOf([square], () => [square], 100, 16)!;
    const cells = land.reduce((sum, cell) => sum + cell, 0);
    // 0.02° × 0.02° at 20.81° N: 2,081 m × 2,213 m ≈ 4.6 km², ≈ 460 cells of 100 m × 100 m
    expect(cells).toBeGreaterThan(400);
    expect(cells).toBeLessThan(520);
    expect(landIn(0, 0, 16)).toBe(true);
    expect(grid.cellM).toBe(100);
  });

  it('gives null for a layer that covers nothing', () => {
    expect(zoneLandOf([], () => [], 100, 16)).toBeNull();
  });
});
