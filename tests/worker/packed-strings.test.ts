/** Strings packed to cross the worker boundary come back as they were: text, nulls, empty strings, non-ASCII. */
import { describe, expect, it } from 'vitest';
import { codeStrings, packHouseholds, packedHouseholdBuffers, packStrings, uncodeStrings, unpackHouseholds, unpackStrings } from '../../src/worker/packed-strings.ts';

describe('packStrings / unpackStrings', () => {
  it('gives back every string, null and empty string in order', () => {
    const values = ['H000001', null, '', 'Nhà 3 — ngõ 5', '😀x', null];
    const packed = packStrings(values);
    expect(packed.text).toBe('H000001Nhà 3 — ngõ 5😀x');
    expect([...packed.ends]).toEqual([7, 7, 7, 20, 23, 23]);
    expect([...packed.nulls]).toEqual([0, 1, 0, 0, 0, 1]);
    expect(unpackStrings(packed)).toEqual(values);
    expect(unpackStrings(packStrings([]))).toEqual([]);
  });

  it('takes the joined text when the caller has it', () => {
    const packed = packStrings(['ab', 'c'], 'abc');
    expect(packed.text).toBe('abc');
    expect([...packed.ends]).toEqual([2, 3]);
  });
});

describe('codeStrings / uncodeStrings', () => {
  it('codes each distinct value once, null among them, in order of first use', () => {
    const values = ['11602', '11948', null, '11602', '', '11948', 'Phường Lê Chân'];
    const coded = codeStrings(values);
    expect(coded.table).toEqual(['11602', '11948', null, '', 'Phường Lê Chân']);
    expect([...coded.codes]).toEqual([0, 1, 2, 0, 3, 1, 4]);
    expect(uncodeStrings(coded)).toEqual(values);
    expect(uncodeStrings(codeStrings([]))).toEqual([]);
  });

  it('packs households into copies whose buffers can be transferred, and unpacks them to equal points', () => {
    const households = { length: 2, ids: ['a', 'b'], lon: new Float64Array([106.1, 106.2]), lat: new Float64Array([20.1, 20.2]), count: new Uint32Array([3, 4]), wardId: ['11602', null] };
    const packed = packHouseholds(households);
    const copy = structuredClone(packed, { transfer: packedHouseholdBuffers(packed) });
    expect(packed.lon.length).toBe(0); // transferred away
    expect(households.lon.length).toBe(2); // the worker's own arrays stay
    expect(copy.wardId.table).toEqual(['11602', null]);
    expect(unpackHouseholds(copy)).toEqual(households);
  });
});
