/**
 * Files too large for a browser tab are refused before they are read (the tab would run out of memory or hit
 * V8's largest string, 2^29 − 24 characters), with the limit stated; the worker refuses a gzip stream that
 * inflates past the limit (a "zip bomb", or an honest 3 GB CSV compressed) while inflating, not after.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText, gzipTrailerSize, MAX_TEXT_BYTES, TextTooLargeError } from '../../src/worker/decode-bytes.ts';
import { checkImportSize } from '../../src/ui/import-limit.ts';

const toBuffer = (bytes: Uint8Array): ArrayBuffer => Uint8Array.from(bytes).buffer;

describe('MAX_TEXT_BYTES', () => {
  it('is 512 MB by default: below V8’s longest string (2^29 − 24 characters), as one UTF-8 byte gives at most one character', () => {
    expect(MAX_TEXT_BYTES).toBe(512_000_000);
    expect(MAX_TEXT_BYTES).toBeLessThanOrEqual(2 ** 29 - 24);
  });
});

describe('gzipTrailerSize', () => {
  it('reads ISIZE, the inflated size mod 2^32 the gzip trailer declares (RFC 1952 §2.3.1)', () => {
    const text = 'Phường Quán Toan,3276\n'.repeat(1234);
    const gz = gzipSync(Buffer.from(text));
    expect(gzipTrailerSize(gz.subarray(gz.length - 4))).toBe(Buffer.byteLength(text));
    expect(gzipTrailerSize(new Uint8Array([0x00, 0x00, 0x00, 0x80]))).toBe(2 ** 31);
  });
});

describe('decodeText with a limit', () => {
  it('refuses plain text over the limit', async () => {
    await expect(decodeText(toBuffer(new Uint8Array(2001)), 2000)).rejects.toBeInstanceOf(TextTooLargeError);
    expect(await decodeText(toBuffer(new TextEncoder().encode('x'.repeat(2000))), 2000)).toBe('x'.repeat(2000));
  });

  it('stops inflating a gzip stream as soon as it passes the limit', async () => {
    // 20 MB of zeros compress to ~20 KB: the shape of a decompression bomb
    const bomb = gzipSync(Buffer.alloc(20_000_000));
    const error = await decodeText(toBuffer(bomb), 1_000_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TextTooLargeError);
    expect((error as TextTooLargeError).limitBytes).toBe(1_000_000);
    expect((error as Error).message).toMatch(/more than 1 MB .*command line/);
  });
});

describe('checkImportSize (the app, before reading the file)', () => {
  it('refuses a file larger than the limit without reading it', async () => {
    const file = { name: 'households.csv', size: 2_000_000_000, slice: () => { throw new Error('read'); } } as unknown as File;
    expect(await checkImportSize(file)).toEqual({ sizeBytes: 2_000_000_000, limitBytes: MAX_TEXT_BYTES });
  });

  it('refuses a gzip file whose trailer declares more than the limit, reading only its first and last bytes', async () => {
    const gz = gzipSync(Buffer.alloc(3000));
    const file = new File([gz], 'households.csv.gz');
    expect(await checkImportSize(file, 2000)).toEqual({ sizeBytes: 3000, limitBytes: 2000 });
    expect(await checkImportSize(file, 3000)).toBeNull();
  });

  it('accepts a file within the limit', async () => {
    expect(await checkImportSize(new File(['site_id,lon,lat\n'], 'sites.csv'))).toBeNull();
  });
});
