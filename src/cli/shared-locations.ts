/**
 * The household locations of a CLI run in shared memory: the worker threads a command starts (the interference
 * sums partner, `report`'s fibre thread) are sent the locations by structured clone, which copies typed arrays
 * over plain buffers (12 MB per thread on a city of 600,000 points) and shares those over a `SharedArrayBuffer`.
 * The threads only read them.
 */
import type { HouseholdPoints } from '../core/model.ts';

/**
 * `points` with `lon`, `lat` and `count` in shared memory: copied there once (the plain arrays become garbage),
 * or as they are when they are there already (the embedded households' binary form is decoded into it).
 */
export function withSharedLocations(points: HouseholdPoints): HouseholdPoints {
  return { ...points, lon: shared(points.lon), lat: shared(points.lat), count: shared(points.count) };
}

function shared<T extends Float64Array | Uint32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const ArrayType = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new ArrayType(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}
