import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { zoneMembership, type Zone } from '../../../src/core/targets/zone-membership.ts';

const square = (west: number, south: number, side: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + side, south], [west + side, south + side], [west, south + side], [west, south]]],
});

describe('zoneMembership', () => {
  it('flags, kind by kind, the points inside any zone of that kind, overlaps and boundaries included', () => {
    // a central area 0–0.1°, a port 0.05–0.07° inside it, a park 0.2–0.25°, a second park 0.3–0.31°
    const zones: Zone[] = [
      { id: 'c', name: 'Centre', kind: 'central_urban', geometry: square(106.0, 20.0, 0.1) },
      { id: 'p', name: 'Port', kind: 'port', geometry: square(106.05, 20.05, 0.02) },
      { id: 'i1', name: 'Park 1', kind: 'industrial_park', geometry: square(106.2, 20.0, 0.05) },
      { id: 'i2', name: 'Park 2', kind: 'industrial_park', geometry: square(106.3, 20.0, 0.01) },
      // a zone of no kind (e.g. an exclusion area) selects nothing
      { id: 'x', name: null, kind: null, geometry: square(106.4, 20.4, 0.2) },
    ];
    const points = [
      [106.06, 20.06], // in the port and the centre
      [106.01, 20.01], // centre only
      [106.22, 20.02], // park 1
      [106.305, 20.005], // park 2
      [106.25, 20.03], // on park 1's east edge: inside
      [106.5, 20.5], // only in the zone of no kind
    ];
    const households = {
      length: points.length,
      ids: points.map((_, k) => `h${k}`),
      lon: Float64Array.from(points, ([lon]) => lon),
      lat: Float64Array.from(points, ([, lat]) => lat),
      count: new Uint32Array(points.length).fill(1),
      wardId: points.map(() => null),
    };
    const membership = zoneMembership(zones, households);
    expect([...membership.keys()].sort()).toEqual(['central_urban', 'industrial_park', 'port']);
    expect([...(membership.get('central_urban') ?? [])]).toEqual([1, 1, 0, 0, 0, 0]);
    expect([...(membership.get('port') ?? [])]).toEqual([1, 0, 0, 0, 0, 0]);
    expect([...(membership.get('industrial_park') ?? [])]).toEqual([0, 0, 1, 1, 1, 0]);
  });
});
