import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from '../../src/ui/search-text.ts';

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

describe('matchesSearch', () => {
  const haiAn = foldForSearch('Phường Đằng Lâm Quận Hải An');
  it('finds "Hải An" from "hai an" and from the accented query', () => {
    expect(matchesSearch(haiAn, 'hai an')).toBe(true);
    expect(matchesSearch(haiAn, 'Hải An')).toBe(true);
  });

  it('matches "d" against "đ" and words in any order', () => {
    expect(matchesSearch(haiAn, 'dang')).toBe(true);
    expect(matchesSearch(haiAn, 'lam dang')).toBe(true);
  });

  it('rejects a query with a word that is not there', () => {
    expect(matchesSearch(haiAn, 'hai phong')).toBe(false);
  });

  it('an empty query matches everything', () => {
    expect(matchesSearch(haiAn, '   ')).toBe(true);
  });
});
