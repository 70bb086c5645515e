import { describe, expect, it } from 'vitest';
import { joinIds, JoinedIds } from '../../src/core/household-ids.ts';
import { findFirstOccurrences as findInJoined } from '../../src/io/find-duplicates.ts';

/** The ids as one text, as the households parser keeps them. */
const findFirstOccurrences = (ids: string[]): Int32Array => {
  const { text, ends } = joinIds(ids);
  return findInJoined(new JoinedIds(text, ends));
};

describe('findFirstOccurrences', () => {
  it('points each repeat at its first occurrence', () => {
    expect([...findFirstOccurrences(['a', 'b', 'a', 'c', 'b', 'a'])]).toEqual([-1, -1, 0, -1, 1, 0]);
    expect([...findFirstOccurrences([])]).toEqual([]);
  });

  it('tells apart strings that differ only slightly (case, diacritics, length)', () => {
    expect([...findFirstOccurrences(['Nhà', 'nhà', 'Nha', 'Nhà ', 'Nhà'])]).toEqual([-1, -1, -1, -1, 0]);
    // joined, 'a' and 'b' read 'ab': ids are told apart by their own ends
    expect([...findFirstOccurrences(['ab', 'a', 'b', 'ab', '', 'b', ''])]).toEqual([-1, -1, -1, 0, -1, 2, 4]);
  });

  /** The first occurrences by a Map, the obvious way. */
  function expectedOf(ids: string[]): number[] {
    const first = new Map<string, number>();
    return ids.map((id, k) => {
      const seen = first.get(id);
      if (seen === undefined) first.set(id, k);
      return seen ?? -1;
    });
  }

  it('agrees with a Map on many ids with collisions in the probe sequence', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `h${k % 3217}`);
    expect([...findFirstOccurrences(ids)]).toEqual(expectedOf(ids));
  });

  it('agrees with a Map on ids enough to be checked in groups, repeats near and far apart', () => {
    // 200,000 ids (32 groups of the hash's top bits): every 7th repeats one ~3 ahead, every 11th one from the start
    const ids = Array.from({ length: 200_000 }, (_, k) => (k % 7 === 6 ? `H${k - 3}` : k % 11 === 10 ? `H${k % 1000}` : `H${k}`));
    const expected = expectedOf(ids);
    expect(expected.filter((first) => first !== -1).length).toBeGreaterThan(40_000);
    expect([...findFirstOccurrences(ids)]).toEqual(expected);
  });
});
