/**
 * Folds a keyword for lenient matching of enumerated values: lower case, Vietnamese diacritics removed
 * (đ → d), everything but letters and digits dropped. "Phân phối" → "phanphoi", "3GPP-UMa" → "3gppuma".
 */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
