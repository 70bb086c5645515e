import { describe, expect, it } from 'vitest';
import { normalizeKeyword } from '../../src/core/normalize-keyword.ts';
import { canonicalOperator } from '../../src/io/operators.ts';

describe('normalizeKeyword', () => {
  it('folds case, Vietnamese diacritics (đ → d) and punctuation', () => {
    expect(normalizeKeyword('Phân phối')).toBe('phanphoi');
    expect(normalizeKeyword('ĐỀ XUẤT')).toBe('dexuat');
    expect(normalizeKeyword('3GPP-UMa')).toBe('3gppuma');
  });

  it('folds the same after its memory of folds fills up and starts over', () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => `Trạm Đề-xuất ${i}`);
    expect(texts.map(normalizeKeyword)).toEqual(texts.map((_, i) => `tramdexuat${i}`));
    expect(['ĐỀ XUẤT', 'ĐỀ XUẤT', 'Phân phối'].map(normalizeKeyword)).toEqual(['dexuat', 'dexuat', 'phanphoi']);
  });
});

describe('canonicalOperator', () => {
  it('spells Việt Nam operators one way, keeps others as written', () => {
    expect(['viettel', 'VinaPhone', 'vnpt', 'Mobifone', 'VIETNAMOBILE', 'Beeline'].map(canonicalOperator)).toEqual([
      'Viettel', 'VNPT', 'VNPT', 'MobiFone', 'Vietnamobile', 'Gmobile',
    ]);
    expect(canonicalOperator('FPT Telecom')).toBe('FPT Telecom');
  });
});
