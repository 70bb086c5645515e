/** The CLI's household locations in shared memory (src/cli/shared-locations.ts). */
import { describe, expect, it } from 'vitest';
import { withSharedLocations } from '../../src/cli/shared-locations.ts';
import { randomCity } from '../helpers/random-city.ts';

describe('withSharedLocations', () => {
  const { points } = randomCity(5, 500, 10);

  it('gives the same points, their locations and counts over shared buffers', () => {
    const shared = withSharedLocations(points);
    for (const key of ['lon', 'lat', 'count'] as const) {
      expect(shared[key].buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(shared[key].constructor).toBe(points[key].constructor);
      expect(Array.from(shared[key])).toEqual(Array.from(points[key]));
    }
    expect(shared.length).toBe(points.length);
    expect(shared.ids).toBe(points.ids);
    expect(shared.wardId).toBe(points.wardId);
  });

  it('keeps arrays already in shared memory as they are (the embedded households\' binary form is decoded there)', () => {
    const shared = withSharedLocations(points);
    const again = withSharedLocations(shared);
    for (const key of ['lon', 'lat', 'count'] as const) expect(again[key]).toBe(shared[key]);
  });

  it('is not copied by a structured clone (what a worker thread is sent)', () => {
    const shared = withSharedLocations(points);
    const clone = structuredClone(shared.count);
    clone[0] = 123_456;
    expect(shared.count[0]).toBe(123_456);
  });
});
