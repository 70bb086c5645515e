/**
 * Cells that a spreadsheet would run (OWASP "CSV injection"): Excel, LibreOffice Calc and Google Sheets read a
 * CSV cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), and a
 * leading tab or carriage return can hide such a start. Every CSV the app and the CLI write passes its cells
 * through `neutraliseFormula`; XLSX needs no prefix because `toXlsx` writes text as string cells, which a
 * spreadsheet never evaluates.
 *
 * The decision is made by the value's type, not by its look: numbers (a negative RSRP, a western longitude)
 * are written as numbers and never prefixed; text is prefixed when it starts with a trigger, even text that
 * reads as a number (a household id `-12` from an imported file), because a spreadsheet would evaluate it.
 */

/**
 * Whether a text starting with UTF-16 code unit `code` starts like a formula: `=`, `+`, `-`, `@`, tab or carriage
 * return (OWASP's list of first characters that make a spreadsheet treat a text cell as a formula).
 */
export function isFormulaStartCode(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/** Whether a text cell would be evaluated by a spreadsheet as written. */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && isFormulaStartCode(text.charCodeAt(0));
}

/**
 * The cell as it must be written to a CSV: text starting like a formula gets a leading apostrophe (the
 * spreadsheets' "this is text" mark, shown by none of them); anything else is returned unchanged.
 *
 * @example neutraliseFormula('=1+1') // "'=1+1"
 * @example neutraliseFormula(-95.5) // -95.5
 */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && startsLikeFormula(value) ? `'${value}` : value;
}
