/**
 * The app's refusal of files too large for a browser tab, before they are read (MAX_TEXT_BYTES says why the
 * limit is what it is): a file larger than the limit, or a gzip file whose trailer declares more text than
 * that once inflated. Only the first 2 and last 4 bytes of a gzip file are read for it.
 */
import { gzipTrailerSize, isGzip, MAX_TEXT_BYTES } from '../worker/decode-bytes.ts';

/** A refused file: its size (inflated, for gzip) and the limit, bytes. */
export interface Oversize {
  sizeBytes: number;
  limitBytes: number;
}

/** null when the file may be read; else its size and the limit (for the message). */
export async function checkImportSize(file: File, limitBytes = MAX_TEXT_BYTES): Promise<Oversize | null> {
  if (file.size > limitBytes) return { sizeBytes: file.size, limitBytes };
  if (file.size < 18) return null;
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (!isGzip(magic)) return null;
  const declared = gzipTrailerSize(new Uint8Array(await file.slice(file.size - 4).arrayBuffer()));
  return declared > limitBytes ? { sizeBytes: declared, limitBytes } : null;
}
