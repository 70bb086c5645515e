/**
 * Which licences the app may bundle (scripts/licences.ts applies it to every bundled package): anything with a
 * permissive choice; GPL-family code (GPL, LGPL, AGPL) only when listed in ALLOWED_COPYLEFT with the reason.
 */

/** Copyleft packages knowingly bundled, with the reason. */
export const ALLOWED_COPYLEFT: Record<string, string> = {
  'geojson-validation':
    'LGPL-3.0, one of the libraries the product is built on (README). LGPL §4 allows it in a combined work whose users can ' +
    'replace it: the app is distributed as its source (this repository), with geojson-validation an unmodified npm ' +
    'dependency that a rebuild swaps for any compatible version.',
};

/** Whether an SPDX expression leaves only GPL-family choices (an OR with a permissive licence is fine). */
export function isCopyleftOnly(licence: string): boolean {
  const alternatives = licence.replace(/[()]/g, '').split(/\s+OR\s+/i);
  return alternatives.every((alternative) => /\b(A|L)?GPL\b|GPL-/i.test(alternative));
}
