import { describe, expect, it } from 'vitest';
import { gridLayout } from '../../src/ui/grid-layout.ts';

describe('the sortable tables’ column template', () => {
  it('gives a numeric column the width of its widest value or its heading’s longest word, never less', () => {
    // name, district (text); households "184,588" (7 characters) under "Households"; weak % "65.4" under "Weak %"
    const { template, minWidth } = gridLayout([
      { width: 2.5, numericChars: null, headingWordChars: 4 },
      { width: 1.8, numericChars: null, headingWordChars: 8 },
      { width: 1, numericChars: 7, headingWordChars: 10 },
      { width: 0.8, numericChars: 4, headingWordChars: 4 },
    ]);
    expect(template).toBe(
      'minmax(calc(12ch + 0px), 2.5fr) minmax(calc(6ch + 0px), 1.8fr) minmax(calc(10ch + 11px), 1fr) minmax(calc(4ch + 11px), 0.8fr)',
    );
    // 12 + 6 + 10 + 4 characters; two paddings of 11 px and three gaps of 8 px
    expect(minWidth).toBe('calc(32ch + 46px)');
  });

  it('has no gap for a single column', () => {
    expect(gridLayout([{ width: 1, numericChars: 3, headingWordChars: 2 }]).minWidth).toBe('calc(3ch + 11px)');
  });
});
