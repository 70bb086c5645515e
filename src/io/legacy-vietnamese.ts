/**
 * Detects Vietnamese typed in the pre-Unicode font encodings, which old .dbf and .xls files still carry:
 * TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts). Read as Windows-1258 or Latin-1 they show as mojibake:
 * TCVN3 "Ph­êng Lª Ch©n, H¶i Phßng" (Phường Lê Chân, Hải Phòng) puts Latin-1 symbols (­ ª © ¶ § ¬ µ ¸ ¹ …)
 * inside words; VNI "Phöôøng Leâ Chaân, Haûi Phoøng" puts letters Vietnamese never uses (ø û ï ö ñ ä ë ü) after
 * vowels. The text is kept as read; the import says so and how to convert it (Unikey's "Chuyển mã" to Unicode).
 */

export type LegacyEncoding = 'TCVN3' | 'VNI';

/** A Latin-1 symbol inside a word: TCVN3's lowercase letters with tones sit at U+00A1…U+00BF. */
const TCVN3_WORD = /[A-Za-z][\u00a1-\u00bf]|[\u00a1-\u00bf][A-Za-z]/;
/** A vowel followed by a VNI tone or shape byte that no Vietnamese letter uses (ñ is VNI's đ). */
const VNI_WORD = /[aeiouyAEIOUYôÔ][øûïöäëüåØÛÏÖÄËÜÅ]|[ñÑ][a-zA-Zôâ]/;

/**
 * The legacy encoding most of the sample's non-ASCII words look like, or null. At least two words must show
 * it, and they must be at least a third of the words with non-ASCII letters (a German "Müller" is not VNI).
 */
export function detectLegacyVietnamese(texts: Iterable<string>): LegacyEncoding | null {
  let nonAscii = 0;
  let tcvn3 = 0;
  let vni = 0;
  for (const text of texts) {
    for (const word of text.split(/[\s,.;:()/\\-]+/)) {
      if (!/[^\x00-\x7f]/.test(word)) continue;
      nonAscii++;
      if (TCVN3_WORD.test(word)) tcvn3++;
      else if (VNI_WORD.test(word)) vni++;
    }
  }
  const best = Math.max(tcvn3, vni);
  if (best < 2 || best * 3 < nonAscii) return null;
  return tcvn3 >= vni ? 'TCVN3' : 'VNI';
}
