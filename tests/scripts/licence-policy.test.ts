/** The licence rule for bundled code: a permissive choice is enough; GPL-family only alternatives are copyleft. */
import { describe, expect, it } from 'vitest';
import { isCopyleftOnly } from '../../scripts/licence-policy.ts';

describe('isCopyleftOnly', () => {
  it.each([
    ['MIT', false],
    ['(MIT OR GPL-3.0-or-later)', false],
    ['(MIT AND Zlib)', false],
    ['Unlicense', false],
    ['GPL-3.0', true],
    ['LGPL-3', true],
    ['AGPL-3.0-only', true],
    ['(GPL-2.0 OR LGPL-2.1)', true],
    ['MIT AND GPL-2.0', true],
  ])('%s → %s', (licence, copyleft) => {
    expect(isCopyleftOnly(licence)).toBe(copyleft);
  });
});
