/** Household ids kept joined (src/core/household-ids.ts): each id read back as written, arrays joined by hand-worked ends. */
import { describe, expect, it } from 'vitest';
import { idsArray, joinIds, JoinedIds, withoutIds } from '../../src/core/household-ids.ts';

describe('JoinedIds', () => {
  // 'H000001' 7 units, '' 0, 'Nhà số 3' 8, '😀x' 3 (the emoji is two UTF-16 units)
  const ids = new JoinedIds('H000001Nhà số 3😀x', Uint32Array.from([7, 7, 15, 18]));

  it('reads each id by index, empty and non-ASCII ones included', () => {
    expect(ids.length).toBe(4);
    expect([0, 1, 2, 3].map((i) => ids.at(i))).toEqual(['H000001', '', 'Nhà số 3', '😀x']);
  });

  it('gives where each id begins, and the end of the text after the last', () => {
    expect([0, 1, 2, 3, 4].map((i) => ids.start(i))).toEqual([0, 7, 7, 15, 18]);
  });

  it('gives undefined outside 0 … length − 1 and between indexes (no counting from the end)', () => {
    expect(ids.at(4)).toBeUndefined();
    expect(ids.at(-1)).toBeUndefined();
    expect(ids.at(1.5)).toBeUndefined();
    expect(new JoinedIds('', new Uint32Array(0)).at(0)).toBeUndefined();
  });
});

describe('joinIds / idsArray', () => {
  it('joins an array with each id\'s end in UTF-16 code units', () => {
    const joined = joinIds(['ab', '', 'Nhà', '😀']);
    expect(joined.text).toBe('abNhà😀');
    expect([...joined.ends]).toEqual([2, 2, 5, 7]);
    expect(idsArray(new JoinedIds(joined.text, joined.ends))).toEqual(['ab', '', 'Nhà', '😀']);
  });

  it('joins ids of any other kind (read by index: a reordered run\'s) as it joins an array', () => {
    const byIndex = { length: 3, at: (index: number) => ['c', 'Nhà', ''][index] };
    const joined = joinIds(byIndex);
    expect(joined.text).toBe('cNhà');
    expect([...joined.ends]).toEqual([1, 4, 4]);
  });

  it('gives a JoinedIds\' own text and ends, and an array itself, without copying', () => {
    const ids = new JoinedIds('ab', Uint32Array.from([1, 2]));
    expect(joinIds(ids).ends).toBe(ids.ends);
    const array = ['x', 'y'];
    expect(idsArray(array)).toBe(array);
  });
});

describe('withoutIds', () => {
  const ids = new JoinedIds('aabbbcdddd', Uint32Array.from([2, 5, 6, 6, 10]));

  it('removes ids at the start, inside, at the end and side by side, rejoining the rest', () => {
    expect(idsArray(withoutIds(ids, [0]))).toEqual(['bbb', 'c', '', 'dddd']);
    expect(idsArray(withoutIds(ids, [1, 2]))).toEqual(['aa', '', 'dddd']);
    expect(idsArray(withoutIds(ids, [4]))).toEqual(['aa', 'bbb', 'c', '']);
    const kept = withoutIds(ids, [0, 3]);
    expect(kept.text).toBe('bbbcdddd');
    expect([...kept.ends]).toEqual([3, 4, 8]);
    expect(withoutIds(ids, [0, 1, 2, 3, 4]).length).toBe(0);
  });

  it('gives the ids themselves when none is removed', () => {
    expect(withoutIds(ids, [])).toBe(ids);
  });
});
