import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { fillSliverHoles } from '../../scripts/fill-sliver-holes.ts';

/** A closed square ring, counter-clockwise, south-west corner at (x, y). */
const square = (x: number, y: number, side: number) => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];

describe('fillSliverHoles', () => {
  it('fills a hole that holds no other unit and keeps one that holds an enclave', () => {
    // A: 0.1° square at the equator with two 0.01° holes; B sits inside the second hole (an enclave)
    const collection: FeatureCollection<Polygon | MultiPolygon> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'A' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 0.1), square(0.02, 0.02, 0.01), square(0.06, 0.06, 0.01)] } },
        { type: 'Feature', properties: { id: 'B' }, geometry: { type: 'MultiPolygon', coordinates: [[square(0.062, 0.062, 0.005)]] } },
      ],
    };
    const result = fillSliverHoles(collection);
    expect(result.filled).toBe(1);
    // 0.01° × 0.01° at the equator: (0.01 · 111.195 km)² = 1.2364 km² (mean Earth radius 6,371.0088 km)
    expect(result.filledKm2).toBeCloseTo(((0.01 * Math.PI * 6371.0088) / 180) ** 2, 4);
    expect(result.collection.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [square(0, 0, 0.1), square(0.06, 0.06, 0.01)] });
    expect(result.collection.features[1]).toEqual(collection.features[1]);
    expect(fillSliverHoles(result.collection).filled).toBe(0);
  });

  it('has been applied to the committed 2025 units (nothing left to fill)', () => {
    const units = JSON.parse(readFileSync('data/hp2025_wards_polygons.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    expect(fillSliverHoles(units).filled).toBe(0);
  });
});
