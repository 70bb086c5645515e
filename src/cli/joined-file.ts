/**
 * An output file made of part files written elsewhere (by the worker threads of `analyze --provinces`), joined in
 * the order they are appended: a head, the parts (each maybe without its own head), a tail. Parts are copied in
 * chunks, never held whole, and deleted once copied.
 */
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { csvText } from '../io/csv-writer.ts';

const CHUNK_BYTES = 4 * 2 ** 20;

export class JoinedFile {
  private readonly fd: number;
  private empty = true;
  private readonly chunk = Buffer.alloc(CHUNK_BYTES);

  /** `separator` goes between two non-empty parts (a comma between two runs of GeoJSON features). */
  constructor(
    path: string,
    head: string,
    private readonly separator = '',
  ) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, head);
  }

  /** Appends part file `path` from byte `skipBytes` on (its own header dropped), then deletes it. */
  append(path: string, skipBytes = 0): void {
    const part = openSync(path, 'r');
    try {
      const size = fstatSync(part).size;
      if (size > skipBytes) {
        if (!this.empty) writeSync(this.fd, this.separator);
        this.empty = false;
        for (let position = skipBytes; position < size; ) {
          const read = readSync(part, this.chunk, 0, CHUNK_BYTES, position);
          writeSync(this.fd, this.chunk, 0, read);
          position += read;
        }
      }
    } finally {
      closeSync(part);
    }
    rmSync(path);
  }

  close(tail = ''): void {
    writeSync(this.fd, tail);
    closeSync(this.fd);
  }
}

/** The header line `CsvFile` writes for `columns` (each CSV part starts with it: `append` skips its bytes). */
export function csvHeaderLine(columns: readonly string[]): string {
  return csvText(columns, [], { newline: '\n' });
}
