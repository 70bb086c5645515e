/** Strings packed to cross the worker boundary come back as they were: ids, nulls, empty strings, non-ASCII. */
import { describe, expect, it } from 'vitest';
import { idsArray, JoinedIds } from '../../src/core/household-ids.ts';
import { codeStrings, packHouseholds, packedHouseholdBuffers, uncodeStrings, unpackHouseholds } from '../../src/worker/packed-strings.ts';

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
    const unpacked = unpackHouseholds(copy);
    expect(idsArray(unpacked.ids)).toEqual(['a', 'b']);
    expect({ ...unpacked, ids: null }).toEqual({ ...households, ids: null });
  });

  it('sends arrays in shared memory as they are: shared with the receiver, never transferred', () => {
    const sharedArray = <T extends Float64Array | Uint32Array>(ArrayType: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, values: number[]): T => {
      const array = new ArrayType(new SharedArrayBuffer(values.length * ArrayType.BYTES_PER_ELEMENT));
      array.set(values);
      return array;
    };
    const ids = new JoinedIds('ab', sharedArray(Uint32Array, [1, 2]));
    const households = { length: 2, ids, lon: sharedArray(Float64Array, [106.1, 106.2]), lat: new Float64Array([20.1, 20.2]), count: sharedArray(Uint32Array, [3, 4]), wardId: [null, null] };
    const packed = packHouseholds(households);
    expect(packed.lon).toBe(households.lon);
    expect(packed.count).toBe(households.count);
    expect(packed.ids.ends).toBe(ids.ends);
    expect(packed.lat).not.toBe(households.lat); // a plain buffer: copied, to be transferred
    const transfer = packedHouseholdBuffers(packed);
    expect(transfer).toEqual([packed.lat.buffer, packed.wardId.codes.buffer]);
    const copy = structuredClone(packed, { transfer });
    households.lon[0] = 105; // the receiver sees the sender's memory
    expect(copy.lon[0]).toBe(105);
    expect(households.lat.length).toBe(2);
  });

  it('sends joined ids as they are, and keeps the sender\'s ends when the copy\'s are transferred', () => {
    const ids = new JoinedIds('H1Nhà 2', Uint32Array.from([2, 7]));
    const households = { length: 2, ids, lon: new Float64Array(2), lat: new Float64Array(2), count: Uint32Array.from([1, 1]), wardId: [null, null] };
    const packed = packHouseholds(households);
    expect(packed.ids.text).toBe('H1Nhà 2');
    const copy = structuredClone(packed, { transfer: packedHouseholdBuffers(packed) });
    expect([...ids.ends]).toEqual([2, 7]);
    // a structured clone keeps no class: the receiver makes its JoinedIds again
    expect(copy.ids).not.toBeInstanceOf(JoinedIds);
    const unpacked = unpackHouseholds(copy).ids;
    expect(unpacked).toBeInstanceOf(JoinedIds);
    expect(idsArray(unpacked)).toEqual(['H1', 'Nhà 2']);
  });
});
