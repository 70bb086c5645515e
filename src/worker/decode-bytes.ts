/**
 * Turns a file's bytes into text: gzip (recognised by its magic bytes 1f 8b, whatever the file is called) is
 * inflated with the platform's `DecompressionStream`, then UTF-8 is decoded (a leading BOM is dropped).
 * Works in the browser, in the worker and in Node ≥ 18.
 */

/** Whether the bytes start with the gzip magic number (RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b). */
export function isGzip(bytes: ArrayBuffer | Uint8Array): boolean {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return view.length >= 2 && view[0] === 0x1f && view[1] === 0x8b;
}

/** Decodes the whole file; rejects with an Error naming the problem when a gzip stream is damaged. */
export async function decodeText(bytes: ArrayBuffer): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder('utf-8').decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new TextDecoder('utf-8').decode(await new Response(stream).arrayBuffer());
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
