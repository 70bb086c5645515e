import { describe, expect, it } from 'vitest';
import { findFirstOccurrences } from '../../src/io/find-duplicates.ts';

describe('findFirstOccurrences', () => {
  it('points each repeat at its first occurrence', () => {
    expect([...findFirstOccurrences(['a', 'b', 'a', 'c', 'b', 'a'])]).toEqual([-1, -1, 0, -1, 1, 0]);
    expect([...findFirstOccurrences([])]).toEqual([]);
  });

  it('tells apart strings that differ only slightly (case, diacritics, length)', () => {
    expect([...findFirstOccurrences(['Nhà', 'nhà', 'Nha', 'Nhà ', 'Nhà'])]).toEqual([-1, -1, -1, -1, 0]);
  });

  it('agrees with a Map on many ids with collisions in the probe sequence', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `h${k % 3217}`);
    const first = new Map<string, number>();
    const expected = ids.map((id, k) => {
      const seen = first.get(id);
      if (seen === undefined) first.set(id, k);
      return seen ?? -1;
    });
    expect([...findFirstOccurrences(ids)]).toEqual(expected);
  });
});
