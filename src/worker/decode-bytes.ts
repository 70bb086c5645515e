/**
 * Turns a file's bytes into text: gzip (recognised by its magic bytes 1f 8b, whatever the file is called) is
 * inflated with the platform's `DecompressionStream`, then UTF-8 is decoded (a leading BOM is dropped).
 * Works in the browser, in the worker and in Node ≥ 18.
 */

/** Default of MAX_TEXT_BYTES, in MB (10^6 bytes). */
const DEFAULT_MAX_TEXT_MB = 512;

/**
 * The most text (UTF-8 bytes, after inflating gzip) the app reads in a browser tab: 512 MB unless the build
 * sets `VITE_MAX_IMPORT_MB`. Why: the text must fit one JavaScript string, and V8 (Chrome, Edge, Node) caps a
 * string at 2^29 − 24 ≈ 536.9 million characters; one UTF-8 byte decodes to at most one character, so 512 MB
 * always fits, and the tab holds the bytes, the string and the parsed layer at once (≈ 2–3 GB at the limit).
 * Larger files go to the command line (`npm run phusong`), which has no browser tab to run out of.
 */
export const MAX_TEXT_BYTES = readLimitMb(import.meta.env?.VITE_MAX_IMPORT_MB) * 1_000_000;

function readLimitMb(configured: unknown): number {
  const mb = Number(configured);
  return typeof configured === 'string' && Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_TEXT_MB;
}

/** A file (or its inflated gzip stream) holds more text than `limitBytes`. */
export class TextTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(
      `the file holds more than ${formatMb(limitBytes)} of text, the most the app reads in a browser; ` +
        'run the phusong command line (npm run phusong -- analyze …) on it instead',
    );
    this.name = 'TextTooLargeError';
  }
}

/** Bytes as whole megabytes (10^6 bytes) without separators, the same in every language: "512 MB", "2000 MB". */
export function formatMb(bytes: number): string {
  return `${Math.round(bytes / 1_000_000)} MB`;
}

/**
 * The inflated size a gzip file declares in its trailer (ISIZE, its last 4 bytes, little-endian: the size modulo
 * 2^32, RFC 1952 §2.3.1). A damaged or hostile file may lie: `decodeText` counts while inflating all the same.
 */
export function gzipTrailerSize(lastFourBytes: Uint8Array): number {
  return new DataView(lastFourBytes.buffer, lastFourBytes.byteOffset, 4).getUint32(0, true);
}

/** Whether the bytes start with the gzip magic number (RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b). */
export function isGzip(bytes: ArrayBuffer | Uint8Array): boolean {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return view.length >= 2 && view[0] === 0x1f && view[1] === 0x8b;
}

/**
 * Decodes the whole file; rejects with an Error naming the problem when a gzip stream is damaged, and with a
 * TextTooLargeError as soon as the text passes `maxBytes` (a gzip stream is inflated chunk by chunk and
 * abandoned there, so a decompression bomb never fills the memory).
 */
export async function decodeText(bytes: ArrayBuffer, maxBytes = MAX_TEXT_BYTES): Promise<string> {
  return new TextDecoder('utf-8').decode(await decodeBytes(bytes, maxBytes));
}

/** The file's bytes, inflated when gzipped, within `maxBytes` as for `decodeText` (for readers that take bytes). */
export async function decodeBytes(bytes: ArrayBuffer, maxBytes = MAX_TEXT_BYTES): Promise<Uint8Array> {
  if (!isGzip(bytes)) {
    if (bytes.byteLength > maxBytes) throw new TextTooLargeError(maxBytes);
    return new Uint8Array(bytes);
  }
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TextTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const inflated = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    inflated.set(chunk, offset);
    offset += chunk.length;
  }
  return inflated;
}

/**
 * The first `maxChars` characters of the file or fewer (enough to recognise its layer), inflating only as much
 * of a gzip stream as needed. A damaged gzip stream gives the text inflated so far.
 */
export async function decodeHead(bytes: ArrayBuffer, maxChars = 65_536): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder('utf-8').decode(bytes.slice(0, maxChars * 4)).slice(0, maxChars);
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  try {
    while (text.length < maxChars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a truncated or damaged stream: what was inflated is still enough to recognise the layer
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text.slice(0, maxChars);
}
