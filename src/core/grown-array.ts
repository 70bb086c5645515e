/** Typed arrays grown by copying, for buffers whose final size is not known when they are made. */

export type GrowableArray = Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** A copy of `array` with room for `capacity` entries (at least its length): its own kept, the new ones `fill`. */
export function grown<T extends GrowableArray>(array: T, capacity: number, fill = 0): T {
  const copy = new (array.constructor as new (length: number) => T)(capacity);
  if (fill !== 0) copy.fill(fill, array.length);
  copy.set(array);
  return copy;
}
