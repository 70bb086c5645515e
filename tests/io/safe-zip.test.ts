import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isZip, unzipLimited } from '../../src/io/safe-zip.ts';

const bytes = (size: number) => new Uint8Array(size).fill(65);

describe('unzipLimited', () => {
  it('unpacks what fits the limits and only the entries asked for', () => {
    const zip = zipSync({ 'a.kml': bytes(1000), 'b.txt': bytes(10) });
    expect(isZip(zip)).toBe(true);
    const reading = unzipLimited(zip, (name) => name.endsWith('.kml'), { maxBytes: 1000, maxEntries: 2 });
    expect(reading.ok && Object.keys(reading.files)).toEqual(['a.kml']);
  });

  it('refuses archives that declare too much or too many entries, without inflating them', () => {
    const zip = zipSync({ 'a.kml': bytes(1001) });
    const big = unzipLimited(zip, () => true, { maxBytes: 1000, maxEntries: 10 });
    expect(big.ok).toBe(false);
    expect(!big.ok && big.error).toMatch(/zip bomb protection/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.kml`, bytes(1)])));
    const counted = unzipLimited(many, () => true, { maxBytes: 1e6, maxEntries: 10 });
    expect(!counted.ok && counted.error).toMatch(/11 entries \(the limit is 10\)/);
  });

  it('reports a damaged archive instead of throwing', () => {
    const zip = zipSync({ 'a.kml': bytes(100) });
    const reading = unzipLimited(zip.subarray(0, 40));
    expect(reading.ok).toBe(false);
    expect(isZip(new TextEncoder().encode('site_id,lon'))).toBe(false);
  });
});
