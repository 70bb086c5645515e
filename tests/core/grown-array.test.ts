import { describe, expect, it } from 'vitest';
import { grown } from '../../src/core/grown-array.ts';

describe('grown', () => {
  it('copies the entries into a larger array of the same type, the new ones 0 or the fill', () => {
    const ints = grown(Int32Array.from([4, -5]), 5, -1);
    expect(ints).toBeInstanceOf(Int32Array);
    expect([...ints]).toEqual([4, -5, -1, -1, -1]);
    const bytes = grown(Uint8Array.from([200]), 3);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([200, 0, 0]);
    expect([...grown(Uint16Array.from([0xffff, 1]), 2)]).toEqual([0xffff, 1]);
  });
});
