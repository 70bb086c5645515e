/**
 * `expect(actual).toEqual(expected)` for whole-city values (arrays of 532,614 households, layers, their typed
 * arrays): node's `isDeepStrictEqual` decides in milliseconds what vitest's equality takes seconds over (7.5 s on
 * one parsed households layer). Strict equality implies vitest's, so when node finds the values equal the
 * assertion holds; otherwise vitest compares them itself, with its usual verdict and diff.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';

/** Asserts `actual` equals `expected` as `toEqual` does; `message` names the values in a failure. */
export function expectEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}
