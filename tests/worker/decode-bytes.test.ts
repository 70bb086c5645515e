import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHead, decodeText, isGzip } from '../../src/worker/decode-bytes.ts';

const TEXT = '\uFEFFhousehold_id,lon,lat,count\nH1,106.68,20.86,40\nH2,106.69,20.85,1\n';
// a copy: Node Buffers may be views into a shared pool
const toBuffer = (bytes: Uint8Array): ArrayBuffer => Uint8Array.from(bytes).buffer;

describe('decodeText', () => {
  it('decodes UTF-8 and drops the BOM', async () => {
    const text = await decodeText(toBuffer(new TextEncoder().encode(TEXT)));
    expect(text).toBe(TEXT.slice(1));
  });

  it('inflates gzip recognised by its magic bytes, whatever the name', async () => {
    const gz = gzipSync(Buffer.from('Phường Quán Toan,3276\n'.repeat(1000)));
    expect(isGzip(gz)).toBe(true);
    expect(await decodeText(toBuffer(gz))).toBe('Phường Quán Toan,3276\n'.repeat(1000));
  });

  it('rejects a damaged gzip stream', async () => {
    const gz = gzipSync(Buffer.from('x'.repeat(10_000)));
    await expect(decodeText(toBuffer(gz.subarray(0, 12)))).rejects.toThrow();
  });
});

describe('decodeHead', () => {
  it('reads only the start of a large gzip file', async () => {
    const row = 'H,106.68,20.86,1\n';
    const gz = gzipSync(Buffer.from('household_id,lon,lat,count\n' + row.repeat(200_000)));
    const head = await decodeHead(toBuffer(gz), 1000);
    expect(head.length).toBe(1000);
    expect(head.startsWith('household_id,lon,lat,count\n')).toBe(true);
  });

  it('returns what could be inflated from a truncated stream', async () => {
    const gz = gzipSync(Buffer.from('radio,mcc,net\n' + 'LTE,452,4\n'.repeat(50_000)));
    const head = await decodeHead(toBuffer(gz.subarray(0, gz.length / 2)), 100);
    expect(head.startsWith('radio,mcc,net')).toBe(true);
  });

  it('reads plain text up to the limit', async () => {
    expect(await decodeHead(toBuffer(new TextEncoder().encode('abcdef')), 3)).toBe('abc');
  });
});

describe('isGzip', () => {
  it('needs both magic bytes', () => {
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f, 0x8c]))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
  });
});
