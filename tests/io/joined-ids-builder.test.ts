/** Ids joined one by one as a file is parsed (src/io/joined-ids-builder.ts), against the texts and ends worked by hand. */
import { describe, expect, it } from 'vitest';
import { idsArray, JoinedIds } from '../../src/core/household-ids.ts';
import { joinedInOrder, JoinedIdsBuilder } from '../../src/io/joined-ids-builder.ts';

describe('JoinedIdsBuilder', () => {
  it('joins ids given whole or as a slice of a longer text, ASCII in bytes until the first other unit', () => {
    const builder = new JoinedIdsBuilder(1, 2);
    const line = 'p01-H7,105.01,23.03,1';
    builder.add(line, 0, 6);
    builder.add('');
    builder.add('Nhà số 3');
    builder.add('\ud800'); // a lone surrogate, kept as it is (a decoder would replace it)
    builder.add('😀x', 0, 2);
    builder.add('H9');
    const ids = builder.finish();
    expect(ids.text).toBe('p01-H7Nhà số 3\ud800😀H9');
    expect([...ids.ends]).toEqual([6, 6, 14, 15, 17, 19]);
  });

  it('grows past its hints: 20,000 ids of 1 to 5 digits from a builder sized for one', () => {
    const builder = new JoinedIdsBuilder(1, 1);
    const expected = Array.from({ length: 20_000 }, (_, k) => String(k));
    for (const id of expected) builder.add(id);
    expect(idsArray(builder.finish())).toEqual(expected);
  });

  it('makes its text from many 16-bit units (more than one call of fromCharCode takes)', () => {
    const builder = new JoinedIdsBuilder(4, 4);
    const expected = Array.from({ length: 5000 }, (_, k) => `Hộ ${k}`);
    for (const id of expected) builder.add(id);
    expect(idsArray(builder.finish())).toEqual(expected);
  });
});

describe('joinedInOrder', () => {
  // ids worked by hand: an empty one, a Vietnamese one, a lone surrogate, a pair
  const source = ['H0', '', 'Nhà số 3', '\ud800', '😀', 'H5'];
  const order = Uint32Array.from([5, 2, 0, 4, 1, 3]);
  const expected = ['H5', 'Nhà số 3', 'H0', '😀', '', '\ud800'];

  it('reads the ids of a JoinedIds in an order, as one text: its ends those of the ids so ordered', () => {
    const builder = new JoinedIdsBuilder(source.length, 16);
    for (const id of source) builder.add(id);
    const ordered = joinedInOrder(builder.finish(), order);
    expect(ordered).toBeInstanceOf(JoinedIds);
    expect(ordered.text).toBe('H5Nhà số 3H0😀\ud800');
    expect([...ordered.ends]).toEqual([2, 10, 12, 14, 14, 15]);
    expect(idsArray(ordered)).toEqual(expected);
  });

  it('reads an array of ids in an order alike, and every id of 20,000 ASCII ones', () => {
    expect(idsArray(joinedInOrder(source, order))).toEqual(expected);
    const builder = new JoinedIdsBuilder(1, 1);
    const many = Array.from({ length: 20_000 }, (_, k) => `p01-H${k}`);
    for (const id of many) builder.add(id);
    const reversed = Uint32Array.from(many.keys()).reverse();
    expect(idsArray(joinedInOrder(builder.finish(), reversed))).toEqual(many.slice().reverse());
  });
});
