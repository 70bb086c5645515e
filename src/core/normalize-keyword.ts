/** The folds remembered, and how many at most (a file of all-distinct values starts over when it is full). */
const FOLDED = new Map<string, string>();
const FOLDED_LIMIT = 4096;

/**
 * Folds a keyword for lenient matching of enumerated values: lower case, Vietnamese diacritics removed
 * (đ → d), everything but letters and digits dropped. "Phân phối" → "phanphoi", "3GPP-UMa" → "3gppuma".
 *
 * A file repeats a few spellings on every row, so the folds are remembered: the four passes over each of the
 * 360,000 keywords of 120,000 sites rows took ~80 ms of their ~600 ms parse (bench/HISTORY.md step 92).
 */
export function normalizeKeyword(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    if (FOLDED.size >= FOLDED_LIMIT) FOLDED.clear();
    folded = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    FOLDED.set(text, folded);
  }
  return folded;
}
