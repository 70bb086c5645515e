/** Ids joined one by one as a file is parsed (src/io/joined-ids-builder.ts), against the texts and ends worked by hand. */
import { describe, expect, it } from 'vitest';
import { idsArray } from '../../src/core/household-ids.ts';
import { JoinedIdsBuilder } from '../../src/io/joined-ids-builder.ts';

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
