/**
 * Diacritics-insensitive search for Vietnamese names: "hai an" finds "Hải An", "d" matches "đ".
 * Text is folded once per row (NFD, combining marks removed, đ → d, lower case, spaces collapsed).
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

/** Whether every word of the query occurs in the folded text (in any order). */
export function matchesSearch(foldedText: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter((word) => word !== '');
  return words.every((word) => foldedText.includes(word));
}
