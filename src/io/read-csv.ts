/**
 * CSV reading shared by the sites and households parsers: papaparse without header mode (arrays of
 * strings, no per-row objects), a UTF-8 BOM removed, the delimiter detected from the header line, blank
 * lines kept as empty records so that every reported row number is the spreadsheet row (header = row 1).
 * A text without quotes is split as papaparse splits it, without papaparse, a piece at a time when it comes in
 * pieces (text-pieces.ts), and a parser may read its valid lines where they lie (`CsvLineVisitor`).
 */
import Papa from 'papaparse';
import { grown } from '../core/grown-array.ts';
import { normalizeKeyword } from '../core/normalize-keyword.ts';
import { checkLonLat } from './check-position.ts';
import { formatMeridian, type CrsTransform } from './crs.ts';
import { readDms } from './dms.ts';
import type { IssueLog } from './issue-log.ts';
import { applyColumnMap, type TableOptions, type TableSource } from './layer-source.ts';
import { countLines, wholeText, type TextPieces } from './text-pieces.ts';

export type CsvDelimiter = ',' | ';' | '\t';

/** What a parser learns before the first data row. */
export interface CsvHeader {
  /** Header cells as written, trimmed (and renamed by a column map). */
  cells: string[];
  /** The CSV delimiter; null for a workbook sheet (cells, no delimiter). */
  delimiter: CsvDelimiter | null;
  /**
   * Whether "20,8449" reads as 20.8449: in ';'-delimited CSV (Vietnamese-locale Excel writes them so) and in
   * sheets, where numbers stored as text carry the locale's decimal comma.
   */
  decimalComma: boolean;
  /** Spreadsheet row of the header (1 unless blank lines precede it). */
  row: number;
}

/** A quoting problem papaparse found in a record. */
export type QuoteProblem = 'unclosed-quote' | 'bad-quotes';

/**
 * Called for every non-blank data record with its spreadsheet row number, and the quoting problem
 * papaparse found in it, if any.
 */
export type CsvRowVisitor = (record: string[], row: number, quoteProblem: QuoteProblem | null) => void;

/**
 * The fields of one line of a text without quotes, where they lie in it: field k is `text` from `starts[k]` to
 * `ends[k]` (k < `count`, the line's number of fields). Reused from line to line.
 */
export interface CsvLine {
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Reads a line of a text without quotes from its positions, making no string of its cells (a city's 600,000
 * households, a country's 27 M). Returns false to decline the line: it is then split into cells and given to the
 * record visitor, like any line, so a line visitor only takes the lines it reads exactly as the record visitor
 * would (a valid row) and declines the rest (blank lines among them), whose reading it need not repeat.
 */
export type CsvLineVisitor = (line: CsvLine, row: number) => boolean;

/** What a parser's `start` returns: a record visitor, with a line visitor for the lines of texts without quotes. */
export interface CsvVisitors {
  record: CsvRowVisitor;
  line: CsvLineVisitor;
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/** Picks the delimiter that occurs most often, outside quotes, in the first non-blank line; ',' on a tie. */
export function detectDelimiter(text: string | TextPieces): CsvDelimiter {
  const counts = [0, 0, 0];
  let quoted = false;
  let seenContent = false;
  read: for (const piece of piecesOf(text).pieces()) {
    for (let i = 0; i < piece.length; i++) {
      const char = piece[i];
      if (char === '"') quoted = !quoted;
      else if (!quoted && (char === '\n' || char === '\r')) {
        if (seenContent) break read;
      } else if (!quoted) {
        const k = DELIMITERS.indexOf(char as CsvDelimiter);
        if (k !== -1) counts[k]++;
        if (char !== ' ' && char !== '\t') seenContent = true;
      }
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}

/** A text as pieces: a string is one. */
function piecesOf(text: string | TextPieces): TextPieces {
  return typeof text === 'string' ? wholeText(text) : text;
}

/** A record that a spreadsheet would show as an empty row (a blank line, or only delimiters and spaces). */
function isBlankRecord(record: string[]): boolean {
  for (let i = 0; i < record.length; i++) if (record[i].trim() !== '') return false;
  return true;
}

/**
 * What a binary file under a .csv name most likely is, from its signature (as decoded text: a byte that is not
 * UTF-8 reads as U+FFFD, or as its Windows-1258 character when the file was decoded as such: 0x89 is ‰), in English
 * and Vietnamese: a picture or a PDF is named as such, a ZIP may be a workbook.
 */
function describeBinary(head: string): { detail: string; detailVi: string } {
  const kind: Array<[RegExp, string, string]> = [
    [/^[\uFFFD\u2030]?PNG\r\n/, 'a PNG picture', 'ảnh PNG'],
    [/^[\s\S]{0,12}(JFIF|Exif)/, 'a JPEG picture', 'ảnh JPEG'],
    [/^GIF8/, 'a GIF picture', 'ảnh GIF'],
    [/^%PDF-/, 'a PDF document', 'tài liệu PDF'],
  ];
  for (const [signature, en, vi] of kind) {
    if (signature.test(head)) return { detail: `this is ${en}, not a table`, detailVi: `đây là ${vi}, không phải bảng dữ liệu` };
  }
  if (head.startsWith('PK\u0003\u0004')) {
    return { detail: 'a ZIP archive (an Excel workbook? save it as CSV UTF-8)', detailVi: 'tệp nén ZIP (sổ tính Excel? hãy lưu thành CSV UTF-8)' };
  }
  return { detail: 'binary content, not text (save the table as CSV UTF-8)', detailVi: 'nội dung nhị phân, không phải văn bản (hãy lưu bảng thành CSV UTF-8)' };
}

/**
 * A text with quotes is given to papaparse in chunks of about 64 K characters: papaparse splits a chunk without quotes
 * at its line breaks and delimiters (its fast mode) and reads only the chunks with quotes character by character;
 * whole, the text would be read character by character. Rows, cells and quoting problems are the same (papaparse
 * carries a chunk's last, partial line into the next chunk).
 */
const CHUNK_CHARS = 1 << 16;
/** Papaparse reads a chunk's next chunk from inside it (recursion): a huge file is read in at most this many chunks. */
const MAX_CHUNKS = 512;

/** The line break papaparse guesses for the whole text (from its first MiB, as it does unchunked). */
function lineBreakOf(text: TextPieces, delimiter: CsvDelimiter): '\n' | '\r' | '\r\n' {
  // papaparse's guess is one of the three (anything else reads as '\n')
  return Papa.parse<string[]>(text.head(1 << 20), { delimiter, preview: 1 }).meta.linebreak as '\n' | '\r' | '\r\n';
}

/** The start of a text read for a preview before the whole (enough for a few hundred rows of most tables). */
const PREVIEW_CHARS = 1 << 18;

/**
 * The first `records` non-blank records of a CSV text without its BOM, cells as written. Read from the text's start
 * when that holds them and one more (the start's last record may be cut short): papaparse splits a text without
 * quotes into all its lines before it stops at `preview` (~0.1 s and 600,000 strings for a city's households).
 */
export function previewCsv(body: string | TextPieces, records: number): string[][] {
  const text = piecesOf(body);
  const delimiter = detectDelimiter(text);
  const options = { delimiter, skipEmptyLines: 'greedy' as const, newline: lineBreakOf(text, delimiter) };
  const head = text.head(PREVIEW_CHARS + 1);
  if (head.length > PREVIEW_CHARS) {
    const start = Papa.parse<string[]>(head.slice(0, PREVIEW_CHARS), { ...options, preview: records + 1 }).data;
    if (start.length > records) return start.slice(0, records);
  }
  return Papa.parse<string[]>(text.whole(), { ...options, preview: records }).data;
}

/**
 * Streams CSV text record by record (no array of all rows is kept, which matters for 600,000 households).
 * `start` receives the header (the first non-blank record) and returns the row visitor (with a line visitor, see
 * `CsvLine`), or null to stop (e.g. a required column is missing). An empty or binary file is logged as a
 * whole-file failure and `start` is not called. A text with quotes is read by papaparse (`step`), whole; one without
 * them, as papaparse would read it, by `readQuoteFree`, a piece at a time (text-pieces.ts).
 */
export function readCsv(
  text: string | TextPieces,
  log: IssueLog,
  start: (header: CsvHeader) => CsvRowVisitor | CsvVisitors | null,
): void {
  const body = typeof text === 'string' ? wholeText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : text;
  if (isBlankText(body)) {
    log.failFile('file-empty');
    return;
  }
  // NUL characters never occur in text: this is a workbook or an archive saved under a .csv name
  const head = body.head(4096);
  if (head.includes('\u0000')) {
    log.failFile('file-unparseable', { format: 'CSV', ...describeBinary(head.slice(0, 64)) });
    return;
  }
  const delimiter = detectDelimiter(body);
  const newline = lineBreakOf(body, delimiter);
  let visitors: { record: CsvRowVisitor; line: CsvLineVisitor | null } | null = null;
  /** One record with its row (blank lines are not rows, but they keep their spreadsheet row number); false to stop. */
  const onRecord = (record: string[], row: number, quoteProblem: QuoteProblem | null): boolean => {
    if (isBlankRecord(record)) return true;
    if (visitors === null) {
      const chosen = start({ cells: record.map((cell) => cell.trim()), delimiter, decimalComma: delimiter === ';', row });
      if (chosen === null) return false;
      visitors = typeof chosen === 'function' ? { record: chosen, line: null } : chosen;
      return true;
    }
    visitors.record(record, row, quoteProblem);
    return true;
  };
  if (!body.hasQuote()) {
    readQuoteFree(body, delimiter, newline, onRecord, () => visitors?.line ?? null);
    return;
  }
  const whole = body.whole();
  let row = 0;
  Papa.parse<string[]>(whole, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    // chunked, papaparse guesses the line break from the first chunk: guessed as from the whole text
    newline,
    chunkSize: Math.max(CHUNK_CHARS, Math.ceil(whole.length / MAX_CHUNKS)),
    step(results, parser) {
      row++;
      let quoteProblem: QuoteProblem | null = null;
      for (const error of results.errors) {
        if (error.code === 'MissingQuotes') quoteProblem = 'unclosed-quote';
        else if (quoteProblem === null && error.type === 'Quotes') quoteProblem = 'bad-quotes';
      }
      if (!onRecord(results.data, row, quoteProblem)) parser.abort();
    },
  });
}

/** Whether the text is only white space (or nothing). */
function isBlankText(text: TextPieces): boolean {
  for (const piece of text.pieces()) if (piece.trim() !== '') return false;
  return true;
}

/**
 * A text without quotes read as papaparse reads one (its "fast mode": split at the line break, each line at the
 * delimiter), without its chunks, arrays of lines and a string per cell where a line visitor takes the line. Read
 * a piece at a time: a line that a piece cuts (a piece ends at a line feed, which ends no line of a CR-only text)
 * is carried into the next.
 */
function readQuoteFree(
  body: TextPieces,
  delimiter: CsvDelimiter,
  newline: string,
  onRecord: (record: string[], row: number, quoteProblem: null) => boolean,
  lineVisitor: () => CsvLineVisitor | null,
): void {
  const line: CsvLine = { text: '', count: 0, starts: new Int32Array(16), ends: new Int32Array(16) };
  const delimiterCode = delimiter.charCodeAt(0);
  let row = 0;
  /** Reads the line of `text` from `start` to `end`; false to stop. */
  const readLine = (text: string, start: number, end: number): boolean => {
    row++;
    const visit = lineVisitor();
    line.text = text;
    if (visit !== null && end !== start && visit(splitLine(line, start, end, delimiterCode), row)) return true;
    return onRecord(text.slice(start, end).split(delimiter), row, null);
  };
  let carried = '';
  for (const piece of body.pieces()) {
    const text = carried === '' ? piece : carried + piece;
    let lineStart = 0;
    for (let lineEnd = text.indexOf(newline); lineEnd !== -1; lineEnd = text.indexOf(newline, lineStart)) {
      if (!readLine(text, lineStart, lineEnd)) return;
      lineStart = lineEnd + newline.length;
    }
    carried = text.slice(lineStart);
  }
  // the text's last line: after its last line break, empty when it ends with one
  readLine(carried, 0, carried.length);
}

/** Finds the fields of the text from `start` to `end` (one line) into `line`, its arrays grown as needed. */
function splitLine(line: CsvLine, start: number, end: number, delimiterCode: number): CsvLine {
  const text = line.text;
  let count = 0;
  let fieldStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== delimiterCode) continue;
    if (count === line.starts.length) {
      line.starts = grown(line.starts, 2 * count);
      line.ends = grown(line.ends, 2 * count);
    }
    line.starts[count] = fieldStart;
    line.ends[count] = i;
    count++;
    fieldStart = i + 1;
  }
  line.count = count;
  return line;
}

/**
 * Reads a table, CSV text (streamed by readCsv) or a workbook sheet, through the same `start`/visitor calls;
 * the header is renamed by the column map first. A sheet without a header row is an empty file.
 */
export function readTable(
  source: TableSource,
  log: IssueLog,
  options: TableOptions,
  start: (header: CsvHeader) => CsvRowVisitor | CsvVisitors | null,
): void {
  if (typeof source === 'string' || source.kind === 'pieces') {
    readCsv(source, log, (header) => start({ ...header, cells: applyColumnMap(header.cells, options.columnMap) }));
    return;
  }
  if (source.header.cells.length === 0) {
    log.failFile('file-empty');
    return;
  }
  const cells = applyColumnMap(source.header.cells, options.columnMap);
  const chosen = start({ cells, delimiter: null, decimalComma: true, row: source.header.row });
  if (chosen === null) return;
  const visit = typeof chosen === 'function' ? chosen : chosen.record;
  for (const { row, cells: record } of source.rows) visit(record, row, null);
}

/** An upper bound on a table's records (CSV: `countLines`), to preallocate typed arrays. */
export function recordBound(source: TableSource): number {
  if (typeof source === 'string') return countLines(source);
  return source.kind === 'pieces' ? source.lineBound() : source.rows.length;
}

/**
 * Index of the first header cell matching an alias (aliases in priority order), or −1. Both are compared folded
 * (`normalizeKeyword`: case, Vietnamese diacritics, spaces and punctuation ignored), so "Kinh độ", "KINH_DO" and
 * "kinh do" all match the alias `kinh độ`, and "Site ID" matches `site_id`.
 */
export function findColumn(header: readonly string[], aliases: readonly string[]): number {
  const folded = header.map(normalizeKeyword);
  for (const alias of aliases) {
    const index = folded.indexOf(normalizeKeyword(alias));
    if (index !== -1) return index;
  }
  return -1;
}

/** Powers of ten that are exact doubles (10^0 … 10^22). */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Fast path for the common plain decimal ("106.688512", "-3", "20,8449" with `decimalComma`) written in
 * `text` from `start` to `end`: at most 15 digits and no exponent, so the digits form an exact integer m and
 * m / 10^k is one correctly rounded division, the same double `Number()` gives (Clinger, "How to read floating
 * point numbers accurately", PLDI 1990). Returns undefined when the text is anything else, for the general path
 * to decide.
 */
export function parsePlainDecimal(text: string, decimalComma: boolean, start = 0, end = text.length): number | undefined {
  let i = start;
  let negative = false;
  const first = start < end ? text.charCodeAt(start) : -1;
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = start + 1;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (decimals !== -1) decimals++;
    } else if ((code === 46 || (code === 44 && decimalComma)) && decimals === -1) decimals = 0;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = decimals > 0 ? mantissa / EXACT_POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -value : value;
}

/**
 * Parses a decimal number as written in a CSV cell; NaN when it is not one. `Number()` alone would accept
 * '' and blanks (as 0), hexadecimal/binary/octal literals and "Infinity": those are ruled out. With
 * `decimalComma` (files delimited by ';', as Vietnamese-locale Excel writes them) "20,85" reads as 20.85.
 */
export function parseDecimal(text: string, decimalComma: boolean): number {
  const plain = parsePlainDecimal(text, decimalComma);
  if (plain !== undefined) return plain;
  let source = text.trim();
  if (decimalComma && source.indexOf(',') !== -1) source = source.replace(',', '.');
  if (source === '') return NaN;
  const last = source.charCodeAt(source.length - 1);
  // a number ends with a digit or a '.'; this also rejects "Infinity" and "1e"
  if (!((last >= 48 && last <= 57) || last === 46)) return NaN;
  if (source.length > 1 && source.charCodeAt(0) === 48) {
    const second = source.charCodeAt(1) | 32;
    if (second === 120 || second === 98 || second === 111) return NaN; // 0x…, 0b…, 0o…
  }
  return +source;
}

/** Header aliases for coordinates, shared by every CSV layer (matched folded: `findColumn`, in this order). */
export const LON_ALIASES = ['lon', 'lng', 'long', 'longitude', 'x', 'kinh độ'] as const;
export const LAT_ALIASES = ['lat', 'latitude', 'y', 'vĩ độ'] as const;

/**
 * Rejects a row that papaparse found badly quoted, or that has non-empty fields beyond the header's
 * `columns` (a value probably holds an unquoted delimiter, shifting the columns after it; trailing empty
 * fields are harmless). Returns true when the row was rejected.
 */
export function rejectMalformedRow(
  record: string[],
  row: number,
  quoteProblem: QuoteProblem | null,
  columns: number,
  delimiter: CsvDelimiter | null,
  log: IssueLog,
): boolean {
  if (quoteProblem !== null) {
    log.reject(row, quoteProblem);
    return true;
  }
  for (let i = columns; i < record.length; i++) {
    if (record[i].trim() !== '') {
      log.reject(row, 'too-many-fields', undefined, { count: record.length, expected: columns, value: delimiter ?? '' });
      return true;
    }
  }
  return false;
}

/**
 * Reads the longitude and latitude cells of one row into `out` ([lon, lat], reused by the caller to avoid
 * an allocation per row). Logs every problem (empty, not a number, out of range, swapped) against the
 * row and returns false when the row must be rejected. Degrees may be written as DMS. With a `transform`, the
 * cells are the CRS's x and y (easting and northing in metres for UTM/TM-3, in either order: the Vietnamese
 * survey order puts the northing in X), converted to WGS84; a point outside the CRS's area is rejected.
 */
export function readCoordinates(
  lonText: string,
  latText: string,
  row: number,
  columns: { lon: string; lat: string },
  decimalComma: boolean,
  log: IssueLog,
  out: Float64Array,
  transform: CrsTransform | null = null,
): boolean {
  let lon = parseDecimal(lonText, decimalComma);
  let lat = parseDecimal(latText, decimalComma);
  // degrees may be DMS (20°51′30″N); only looked at when the cell is not a plain number
  let swapped = false;
  if ((Number.isNaN(lon) || Number.isNaN(lat)) && (transform === null || transform.crs.kind === 'geographic')) {
    const lonDms = Number.isNaN(lon) ? readDms(lonText) : null;
    const latDms = Number.isNaN(lat) ? readDms(latText) : null;
    if (lonDms !== null) lon = lonDms.degrees;
    if (latDms !== null) lat = latDms.degrees;
    // hemispheres that contradict the columns: 20°51′N in the longitude column
    swapped = lonDms?.axis === 'lat' || latDms?.axis === 'lon';
  }
  let valid = true;
  if (Number.isNaN(lon)) {
    valid = false;
    if (lonText.trim() === '') log.reject(row, 'missing-value', columns.lon);
    else log.reject(row, 'not-a-number', columns.lon, { value: lonText });
  }
  if (Number.isNaN(lat)) {
    valid = false;
    if (latText.trim() === '') log.reject(row, 'missing-value', columns.lat);
    else log.reject(row, 'not-a-number', columns.lat, { value: latText });
  }
  if (!valid) return false;
  if (swapped) {
    log.reject(row, 'lon-lat-swapped', undefined, { lon: lonText.trim(), lat: latText.trim() });
    return false;
  }
  if (transform !== null) {
    let x = lon;
    let y = lat;
    // in Việt Nam a northing (≥ 900 km) always exceeds an easting (≤ 900 km): X = northing is the survey order
    if (transform.crs.kind === 'transverse-mercator' && x > y) {
      [x, y] = [y, x];
      log.tallyNote('survey-axis-order', { crs: transform.crs.name });
    }
    const lonLat = transform.toWgs84(x, y);
    if (lonLat === null) {
      log.reject(row, 'outside-crs-area', undefined, { x: lonText.trim(), y: latText.trim(), crs: crsLabel(transform) });
      return false;
    }
    [lon, lat] = lonLat;
  }
  const problem = checkLonLat(lon, lat);
  if (problem !== null) {
    const column = problem === 'lon-out-of-range' ? columns.lon : problem === 'lat-out-of-range' ? columns.lat : undefined;
    log.reject(row, problem, column, { lon: lonText.trim(), lat: latText.trim() });
    return false;
  }
  out[0] = lon;
  out[1] = lat;
  return true;
}

/** The CRS as quoted in messages: its name, with the TM-3 meridian when it has one. */
function crsLabel(transform: CrsTransform): string {
  const { crs } = transform;
  return crs.kind === 'transverse-mercator' && !crs.name.includes('°') ? `${crs.name} (${formatMeridian(crs.lon0Deg)})` : crs.name;
}
