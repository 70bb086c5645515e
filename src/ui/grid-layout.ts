/**
 * The column template of the sortable tables' grids (SortableTable.tsx), apart so that it is tested without a DOM.
 */

/** A numeric cell's right padding (styles.css, `.grid-row > span.numeric`), px. */
const NUMERIC_PADDING_PX = 11;
/** The grid's column gap (styles.css, `.grid-header, .grid-row`), px. */
const COLUMN_GAP_PX = 8;
/** Least width of the first column (the unit's name) and of the other text columns, ch. */
const FIRST_COLUMN_MIN_CH = 12;
const TEXT_COLUMN_MIN_CH = 6;

/** What the grid's layout needs of a column: its share of the width, and for a numeric one its widest value's length. */
export interface ColumnExtent {
  width: number;
  /** Characters of the column's widest value; null for a text column. */
  numericChars: number | null;
  /** Characters of its heading's longest word (a heading wraps between words). */
  headingWordChars: number;
}

/**
 * The grid's column template and least width (CSS). A number is never cut: a numeric column is at least as wide as
 * its widest value (a digit is 1ch in tabular figures; the table is laid out in the rows' font size, so that the
 * header's and rows' ch agree) and as its heading's longest word (a heading wraps between words; in its smaller type a
 * letter is about 1ch). Text columns keep a few characters and are cut with an ellipsis. A table whose columns do
 * not fit the panel scrolls sideways rather than squeezing them.
 */
export function gridLayout(columns: readonly ColumnExtent[]): { template: string; minWidth: string } {
  const least = columns.map(({ numericChars, headingWordChars }, k) =>
    numericChars === null ? { ch: k === 0 ? FIRST_COLUMN_MIN_CH : TEXT_COLUMN_MIN_CH, px: 0 } : { ch: Math.max(numericChars, headingWordChars), px: NUMERIC_PADDING_PX },
  );
  const template = columns.map(({ width }, k) => `minmax(calc(${least[k].ch}ch + ${least[k].px}px), ${width}fr)`).join(' ');
  const ch = least.reduce((sum, { ch }) => sum + ch, 0);
  const px = least.reduce((sum, { px }) => sum + px, 0) + COLUMN_GAP_PX * Math.max(0, columns.length - 1);
  return { template, minWidth: `calc(${ch}ch + ${px}px)` };
}
