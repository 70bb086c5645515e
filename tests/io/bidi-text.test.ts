/**
 * A quoted value with right-to-left text or bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE in a spoofed name) must
 * not reorder the sentence around it: describeIssue isolates it between U+2068 FIRST STRONG ISOLATE and U+2069
 * POP DIRECTIONAL ISOLATE (Unicode UAX #9), in the app and in the CLI's rejected.csv alike.
 */
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/io/issue-messages.ts';

const issue = (value: string) => ({ file: 'sites.csv', index: 3, indexKind: 'row' as const, column: 'lon', code: 'not-a-number' as const, params: { value }, severity: 'error' as const });

describe('quoted values with bidi text', () => {
  it('isolates a value holding an override, so the rest of the sentence keeps its order', () => {
    expect(describeIssue(issue('\u202Egnp.exe'), 'en')).toBe("Row 3, column 'lon': “\u2068\u202Egnp.exe\u2069” is not a number.");
  });

  it('isolates Arabic or Hebrew text too, and leaves other values as they are', () => {
    expect(describeIssue(issue('١٢٣ شارع'), 'vi')).toBe("Dòng 3, cột 'lon': “\u2068١٢٣ شارع\u2069” không phải là số.");
    expect(describeIssue(issue('Phường 7'), 'en')).toBe("Row 3, column 'lon': “Phường 7” is not a number.");
  });
});
