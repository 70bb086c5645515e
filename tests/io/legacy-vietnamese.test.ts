import { describe, expect, it } from 'vitest';
import { detectLegacyVietnamese } from '../../src/io/legacy-vietnamese.ts';

describe('detectLegacyVietnamese', () => {
  it('recognises TCVN3 (glibc iconv TCVN5712-1 of "Phường Lê Chân, Hải Phòng, Đồ Sơn", read as Latin-1)', () => {
    expect(detectLegacyVietnamese(['Ph\u00adêng Lª Ch©n, H¶i Phßng, §å S¬n'])).toBe('TCVN3');
  });

  it('recognises VNI ("Phường Lê Chân, Hải Phòng" typed with VNI-Times fonts, read as Windows-1258)', () => {
    expect(detectLegacyVietnamese(['Phöôøng Leâ Chaân', 'Haûi Phoøng', 'Vieät Nam'])).toBe('VNI');
  });

  it('leaves Unicode Vietnamese, plain ASCII and a stray foreign name alone', () => {
    expect(detectLegacyVietnamese(['Phường Lê Chân', 'Hải Phòng', 'Đồ Sơn', 'Xã Tiên Lãng'])).toBeNull();
    expect(detectLegacyVietnamese(['HP001', 'Viettel', '4G'])).toBeNull();
    expect(detectLegacyVietnamese(['Müller GmbH', 'Phường Lê Chân', 'Hải Phòng', 'Đồ Sơn'])).toBeNull();
  });
});
