/**
 * Opening ZIP archives from strangers (KMZ, zipped Shapefiles, XLSX workbooks) without letting a zip bomb
 * fill the memory: the central directory is read first and the archive refused when it declares more than
 * MAX_ZIP_ENTRIES entries or more than MAX_INFLATED_BYTES in all; entries are then inflated into buffers of
 * exactly their declared size (fflate never grows a buffer it is given), so an entry that lies about its
 * size is cut short and fails to parse, never inflates further.
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';

/** Largest total size the entries of one archive may inflate to (256 MiB): far above any layer a browser can show. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Most entries one archive may hold. */
export const MAX_ZIP_ENTRIES = 10_000;

export type ZipReading = { ok: true; files: Unzipped } | { ok: false; error: string };

/** ZIP local file header signature "PK\x03\x04" (every archive starts with one; an empty archive with "PK\x05\x06"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/**
 * Inflates the entries of an archive whose names pass `wanted` (all by default), within the limits.
 * Never throws: a damaged archive or one over the limits gives `{ ok: false, error }` (English, for the report).
 */
export function unzipLimited(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
  limits: { maxBytes: number; maxEntries: number } = { maxBytes: MAX_INFLATED_BYTES, maxEntries: MAX_ZIP_ENTRIES },
): ZipReading {
  let entries = 0;
  let declared = 0;
  let tooLarge: string | null = null;
  try {
    // first pass: sizes only (the filter sees the central directory and inflates nothing)
    unzipSync(bytes, {
      filter(file) {
        entries++;
        if (wanted(file.name)) declared += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    return { ok: false, error: `damaged ZIP archive (${(error as Error).message})` };
  }
  if (entries > limits.maxEntries) tooLarge = `${entries} entries (the limit is ${limits.maxEntries})`;
  else if (declared > limits.maxBytes) {
    tooLarge = `${formatMiB(declared)} once unpacked (the limit is ${formatMiB(limits.maxBytes)})`;
  }
  if (tooLarge !== null) return { ok: false, error: `the archive would unpack to ${tooLarge}: refused (zip bomb protection)` };
  try {
    return { ok: true, files: unzipSync(bytes, { filter: (file) => wanted(file.name) }) };
  } catch (error) {
    return { ok: false, error: `damaged ZIP archive (${(error as Error).message})` };
  }
}

/**
 * The archive re-packed with its entries stored (not compressed), after unzipLimited: a reader with its own
 * unzip (exceljs) then sees entries whose sizes are true, so it cannot be made to inflate beyond the limit.
 */
export function repackStored(files: Unzipped): Uint8Array {
  return zipSync(files, { level: 0 });
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}
