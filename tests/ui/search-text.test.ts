import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldForSearch, rankBySearch, searchRank, searchTextOf } from '../../src/ui/search-text.ts';

describe('foldForSearch', () => {
  it('drops tones and vowel marks, maps đ to d and lower-cases', () => {
    expect(foldForSearch('Phường Đằng Hải')).toBe('phuong dang hai');
    expect(foldForSearch('Xã Ngũ Phúc')).toBe('xa ngu phuc');
    expect(foldForSearch('Thị trấn Cát Bà')).toBe('thi tran cat ba');
  });

  it('treats precomposed and decomposed input alike', () => {
    // "ả" as one code point (U+1EA3) and as a + combining hook above (U+0309)
    expect(foldForSearch('H\u1EA3i')).toBe(foldForSearch('Ha\u0309i'));
  });

  it('collapses and trims white space', () => {
    expect(foldForSearch('  Hải   An ')).toBe('hai an');
  });
});

describe('searchRank: whole words or their beginnings, never letters inside other words', () => {
  const dangLam = searchTextOf('Phường Đằng Lâm', 'Quận Hải An');
  it('matches words of the name or of the context, with or without diacritics, in any order', () => {
    expect(searchRank(dangLam, 'dang lam')).not.toBeNull();
    expect(searchRank(dangLam, 'lam dang')).not.toBeNull();
    expect(searchRank(dangLam, 'Hải An')).not.toBeNull();
    expect(searchRank(dangLam, 'đằng')).not.toBeNull();
  });

  it('matches a word being typed as a prefix, but not a word found inside another', () => {
    expect(searchRank(dangLam, 'dang l')).not.toBeNull();
    expect(searchRank(searchTextOf('Xã Thái Tân'), 'hai an')).toBeNull();
    expect(searchRank(searchTextOf('Phường Hoàng Văn Thụ'), 'an hoa')).toBeNull();
    expect(searchRank(searchTextOf('Phường Máy Chai', 'Quận Ngô Quyền'), 'hai an')).toBeNull();
  });

  it('needs a word of the entry for every word of the query, each word used once', () => {
    expect(searchRank(dangLam, 'hai phong')).toBeNull();
    expect(searchRank(searchTextOf('Xã An Hoà'), 'an an')).toBeNull();
    expect(searchRank(searchTextOf('Phường Đông Hải 1'), 'dong hai 1')).not.toBeNull();
  });

  it('takes words from the name and the context only when the context is named whole', () => {
    const catBi = searchTextOf('Phường Cát Bi', 'Quận Hải An');
    expect(searchRank(catBi, 'cat bi hai an')).not.toBeNull();
    expect(searchRank(searchTextOf('Phường Đồng Hoà', 'Quận Kiến An'), 'an hoa')).toBeNull();
    expect(searchRank(searchTextOf('Phường Đồng Hoà', 'Quận Kiến An'), 'dong hoa kien an')).not.toBeNull();
  });

  it('an empty query matches everything', () => {
    expect(searchRank(dangLam, '   ')).toEqual([]);
  });
});

describe('rankBySearch', () => {
  const entries = (names: string[]) => names.map((name) => ({ name, text: searchTextOf(name) }));
  const rank = (names: string[], query: string) => rankBySearch(entries(names), (entry) => entry.text, query).map((entry) => entry.name);

  it('puts the whole name first, then the same words in another order, then prefixes', () => {
    expect(rank(['Xã Thái Tân', 'Phường An Hải', 'Phường Hải An', 'Xã Hải Anh'], 'hai an')).toEqual([
      'Phường Hải An',
      'Phường An Hải',
      'Xã Hải Anh',
    ]);
  });

  it('ranks "Đông Hải" before "Đông Hải 1" and "Đông Hải 2", which keep their order', () => {
    expect(rank(['Phường Đông Hải 2', 'Phường Đông Hải 1', 'Phường Đông Hải'], 'dong hai')).toEqual([
      'Phường Đông Hải',
      'Phường Đông Hải 2',
      'Phường Đông Hải 1',
    ]);
  });

  it('ranks matches in the name before matches that need the district', () => {
    const rows = [
      { name: 'Phường Cát Bi', text: searchTextOf('Phường Cát Bi', 'Quận Hải An') },
      { name: 'Phường Hải An', text: searchTextOf('Phường Hải An', 'Quận Ngô Quyền') },
    ];
    expect(rankBySearch(rows, (row) => row.text, 'hai an').map((row) => row.name)).toEqual(['Phường Hải An', 'Phường Cát Bi']);
  });

  it('keeps every entry, in order, for an empty query', () => {
    expect(rank(['B', 'A'], ' ')).toEqual(['B', 'A']);
  });

  // the reported cases (issue 11 #15), on the 223 wards of the 2019 layout; expected sets written out by hand
  const wards2019 = JSON.parse(readFileSync('data/hp_wards_polygons.geojson', 'utf8')) as {
    features: Array<{ properties: { name: string; district: string } }>;
  };
  const rows = wards2019.features.map(({ properties }) => ({ ...properties, text: searchTextOf(properties.name, properties.district) }));
  it('"an hoa" finds the two Xã An Hoà and nothing else', () => {
    const found = rankBySearch(rows, (row) => row.text, 'an hoa');
    expect(found.map((row) => `${row.name}, ${row.district}`).sort()).toEqual(['Xã An Hoà, Huyện An Dương', 'Xã An Hoà, Huyện Vĩnh Bảo']);
  });

  it('"hai an" finds the wards of Quận Hải An (by its name), nothing by letters inside words', () => {
    const found = rankBySearch(rows, (row) => row.text, 'hai an');
    expect(found.every((row) => row.district === 'Quận Hải An')).toBe(true);
    expect(found.map((row) => row.name).sort()).toEqual(
      ['Phường Cát Bi', 'Phường Đằng Hải', 'Phường Đằng Lâm', 'Phường Đông Hải 1', 'Phường Đông Hải 2', 'Phường Nam Hải', 'Phường Thành Tô', 'Phường Tràng Cát'].sort(),
    );
  });
});
