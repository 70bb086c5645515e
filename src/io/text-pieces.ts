/**
 * A table's text as read-csv.ts reads it: a string given whole, or a UTF-8 file's bytes decoded a piece at a time
 * as the reading reaches them. V8 makes a string above its regular object size (~128 KB) in fresh pages of its
 * large-object space: a province's 115 MB households file decoded whole took 345–360 ms, in 64 KB pieces 21–29 ms
 * (bench/HISTORY.md step 103), and read in pieces its text is never held whole beside the parsed rows.
 */

/** The text of a table, in pieces that joined give the whole text. */
export interface TextPieces {
  kind: 'pieces';
  /** The pieces in order, each made when reached (a piece not kept by the caller is garbage at once). */
  pieces(): Iterable<string>;
  /** The first `chars` characters of the text (all of it when shorter). */
  head(chars: number): string;
  /** The whole text in one string, for a reader that needs it so (papaparse, on a text with quotes). */
  whole(): string;
  /** Whether the text has a double quote anywhere. */
  hasQuote(): boolean;
  /** `countLines` of the whole text: an upper bound on its records. */
  lineBound(): number;
}

/**
 * An upper bound on the records of the text, to preallocate typed arrays: every record break is one newline
 * sequence of the file (LF, CRLF or, in old Mac files, CR), so records ≤ max(LF count, CR count) + 1. Both are
 * counted: a CR-only file may hold LFs inside quoted cells, and counting those alone would fall short.
 */
export function countLines(text: string): number {
  return Math.max(occurrences(text, '\n'), occurrences(text, '\r')) + 1;
}

function occurrences(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** A string as one piece. */
export function wholeText(text: string): TextPieces {
  return {
    kind: 'pieces',
    pieces: () => [text],
    head: (chars) => text.slice(0, chars),
    whole: () => text,
    hasQuote: () => text.indexOf('"') !== -1,
    lineBound: () => countLines(text),
  };
}

/**
 * Bytes a piece takes at least: it ends at the next line feed after them. 32 KB decode to at most 64 KB of two-byte
 * string (text beyond Latin-1, as Vietnamese letters), below V8's large-object size whatever the text.
 */
const PIECE_BYTES = 1 << 15;
const LINE_FEED = 0x0a;

/**
 * A UTF-8 file's bytes as text pieces, each cut after a line feed (a byte that is never inside a multi-byte
 * sequence, so each piece is valid UTF-8 on its own when the whole is); null when the bytes are not UTF-8. A leading
 * byte order mark is skipped, and a second one after it: decodeText removes one and readCsv another from the text.
 * Reads the bytes once here, to validate them and count what `hasQuote` and `lineBound` say, and once more as
 * the pieces are read.
 */
export function utf8Pieces(bytes: Uint8Array): TextPieces | null {
  let start = 0;
  while (start < 6 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const ends: number[] = [];
  let lineFeeds = 0;
  let carriageReturns = 0;
  let quote = false;
  for (let from = start; from < bytes.length; ) {
    const to = pieceEnd(bytes, from);
    let piece: string;
    try {
      piece = decoder.decode(bytes.subarray(from, to));
    } catch {
      return null;
    }
    lineFeeds += occurrences(piece, '\n');
    carriageReturns += occurrences(piece, '\r');
    quote ||= piece.indexOf('"') !== -1;
    ends.push(to);
    from = to;
  }
  function* pieces(): Generator<string> {
    for (let k = 0; k < ends.length; k++) yield decoder.decode(bytes.subarray(k === 0 ? start : ends[k - 1], ends[k]));
  }
  return {
    kind: 'pieces',
    pieces,
    head(chars) {
      let text = '';
      for (const piece of pieces()) {
        text += piece;
        if (text.length >= chars) break;
      }
      return text.slice(0, chars);
    },
    whole: () => decoder.decode(bytes.subarray(start)),
    hasQuote: () => quote,
    lineBound: () => Math.max(lineFeeds, carriageReturns) + 1,
  };
}

/** Where the piece from `from` ends: after the first line feed at least PIECE_BYTES on, or at the end of the bytes. */
function pieceEnd(bytes: Uint8Array, from: number): number {
  if (bytes.length - from <= PIECE_BYTES) return bytes.length;
  const lineFeed = bytes.indexOf(LINE_FEED, from + PIECE_BYTES - 1);
  return lineFeed === -1 ? bytes.length : lineFeed + 1;
}
