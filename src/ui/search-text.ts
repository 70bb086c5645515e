/**
 * Search of names (units, sites, cells) by whole words, without diacritics, ranked: the one search behind the
 * ward tables and the map's search box. "hai an" finds "Phường Hải An" first, then "Phường An Hải", and never
 * "Xã Thái Tân" (whose folded name holds the letters "hai" and "an" inside other words); a word being typed matches
 * as a prefix ("bach long v" → "Bạch Long Vĩ"). Text is folded once per entry (NFD, combining marks removed,
 * đ → d, lower case) and cut into words at anything that is not a letter or a digit.
 */

/** Folds text for comparison: `foldForSearch('Phường Đằng Hải') === 'phuong dang hai'`. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Separates an entry's name from its context (district, former district) in a search text. */
const CONTEXT_MARK = ' | ';

/**
 * What a search reads of one entry, folded once: its name, and context words (the district) that a query may
 * also match, ranked after matches in the name alone.
 *
 * @example searchTextOf('Phường Đằng Lâm', 'Quận Hải An') // 'phuong dang lam | quan hai an'
 */
export function searchTextOf(name: string, context?: string | null): string {
  const folded = foldForSearch(name).replaceAll('|', ' ');
  const extra = context == null ? '' : foldForSearch(context).replaceAll('|', ' ');
  return extra === '' ? folded : `${folded}${CONTEXT_MARK}${extra}`;
}

const words = (folded: string): string[] => folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');

/** Words naming a unit's type, which a query may leave out: "hai an" is the whole name of "Phường Hải An". */
const UNIT_TYPES: readonly string[][] = [['phuong'], ['xa'], ['thi', 'tran'], ['dac', 'khu'], ['quan'], ['huyen'], ['thanh', 'pho'], ['thi', 'xa']];

/** The name's words without a leading unit type. */
function coreWords(name: readonly string[]): readonly string[] {
  const type = UNIT_TYPES.find((type) => type.length < name.length && type.every((word, i) => name[i] === word));
  return type === undefined ? name : name.slice(type.length);
}

/**
 * How well an entry matches a query, as a key compared element by element (smaller is better), or null when it
 * does not match. Every query word must equal a word of the entry or begin one ("prefix"); each entry word serves
 * one query word; words of the context count only as a whole (`usesContextWhole`). The key orders: matched in the name alone before needing the context; the query is the whole
 * name (unit type aside); fewer prefix matches; the query's words in order and adjacent; the first matched word
 * earlier in the name; a shorter name.
 */
export function searchRank(searchText: string, query: string): number[] | null {
  const queryWords = words(foldForSearch(query));
  if (queryWords.length === 0) return [];
  const mark = searchText.indexOf(CONTEXT_MARK);
  const name = words(mark === -1 ? searchText : searchText.slice(0, mark));
  const context = mark === -1 ? [] : words(searchText.slice(mark + CONTEXT_MARK.length));
  const inName = assignWords(queryWords, name);
  const inContext = inName === null ? assignWords(queryWords, context) : null;
  const combined = inName === null && inContext === null ? assignWords(queryWords, [...name, ...context]) : null;
  const matched =
    inName ??
    (inContext === null ? null : { ...inContext, positions: inContext.positions.map((position) => position + name.length) }) ??
    (combined !== null && usesContextWhole(combined.positions, name.length, context) ? combined : null);
  if (matched === null) return null;
  const core = coreWords(name);
  const wholeName = inName !== null && core.length === queryWords.length && core.every((word, i) => word === queryWords[i]);
  const adjacent = matched.positions.every((position, i) => i === 0 || position === matched.positions[i - 1] + 1);
  return [inName === null ? 1 : 0, wholeName ? 0 : 1, matched.prefixes, adjacent ? 0 : 1, Math.min(...matched.positions), name.length];
}

/**
 * Whether a match over name and context uses the context's whole name ("cat bi hai an": Phường Cát Bi of Quận Hải
 * An). Otherwise one word of a district's name would let any ward match: "an hoa" would find Phường Đồng Hoà of
 * Quận Kiến An. (A query whose words are all in the context, "hai an", lists the district's wards.)
 */
function usesContextWhole(positions: readonly number[], nameLength: number, context: readonly string[]): boolean {
  const used = new Set(positions.filter((position) => position >= nameLength).map((position) => position - nameLength));
  const core = coreWords(context);
  const coreStart = context.length - core.length;
  return core.every((_, i) => used.has(coreStart + i));
}

/**
 * Gives each query word an entry word it equals, else one it begins (leftmost free one), exact matches claimed
 * first so a prefix never takes the word an exact match needs. Null when some query word finds none.
 */
function assignWords(queryWords: readonly string[], entryWords: readonly string[]): { positions: number[]; prefixes: number } | null {
  const used = new Array<boolean>(entryWords.length).fill(false);
  const positions = new Array<number>(queryWords.length).fill(-1);
  queryWords.forEach((word, i) => {
    const at = entryWords.findIndex((candidate, k) => !used[k] && candidate === word);
    if (at !== -1) {
      used[at] = true;
      positions[i] = at;
    }
  });
  let prefixes = 0;
  for (let i = 0; i < queryWords.length; i++) {
    if (positions[i] !== -1) continue;
    const at = entryWords.findIndex((candidate, k) => !used[k] && candidate.startsWith(queryWords[i]));
    if (at === -1) return null;
    used[at] = true;
    positions[i] = at;
    prefixes++;
  }
  return { positions, prefixes };
}

/** Compares two rank keys element by element. */
function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The entries matching the query, best first; entries ranked alike keep their order (so a table sorted by a
 * column stays sorted within each rank). An empty query keeps every entry in order.
 *
 * @example rankBySearch(rows, (row) => row.searchText, 'hai an') // [Phường Hải An, Phường An Hải]
 */
export function rankBySearch<T>(entries: readonly T[], searchTextOfEntry: (entry: T) => string, query: string): T[] {
  if (words(foldForSearch(query)).length === 0) return entries.slice();
  const ranked: Array<{ entry: T; rank: number[]; order: number }> = [];
  entries.forEach((entry, order) => {
    const rank = searchRank(searchTextOfEntry(entry), query);
    if (rank !== null) ranked.push({ entry, rank, order });
  });
  ranked.sort((a, b) => compareRanks(a.rank, b.rank) || a.order - b.order);
  return ranked.map(({ entry }) => entry);
}
