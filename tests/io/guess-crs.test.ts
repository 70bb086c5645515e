/**
 * The CRS guess of coordinates in metres: the medians and the likely system as data, worded in Vietnamese and
 * English (the Vietnamese UI no longer shows the English sentence).
 */
import { describe, expect, it } from 'vitest';
import { describeProjectedGuess, guessProjected, projectedGuessOfParams, projectedGuessParams } from '../../src/io/guess-crs.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';

describe('guessProjected', () => {
  it('takes the smaller of each pair as the easting (X = northing in survey order) and the medians', () => {
    // Hải Phòng's centre in its TM-3 105°45′ zone: about E 597 km, N 2 306 km; given in both orders
    const guess = guessProjected([
      [597_432, 2_306_067],
      [2_306_100, 597_500],
      [597_000, 2_305_000],
    ]);
    expect(guess).toEqual({ eastingM: 597_432, northingM: 2_306_067, likely: 'tm3' });
  });

  it('says UTM first for eastings of UTM 48N in Hải Phòng (640–720 km), nothing for metres outside Việt Nam', () => {
    expect(guessProjected([[680_000, 2_306_000]]).likely).toBe('utm');
    expect(guessProjected([[250, 400]]).likely).toBeNull();
    expect(guessProjected([[5_000_000, 6_000_000]]).likely).toBeNull();
  });
});

describe('describeProjectedGuess', () => {
  const tm3 = { eastingM: 597_432, northingM: 2_306_067, likely: 'tm3' as const };

  it('words the guess in English with English digit grouping', () => {
    const text = describeProjectedGuess(tm3, 'en');
    expect(text).toMatch(/^VN-2000 metres \(easting 597,432, northing 2,306,067\): a VN-2000 TM-3 zone \(Hải Phòng: vn2000-tm3:105\.75/);
    expect(text).toMatch(/, or VN-2000 \/ UTM 48N/);
  });

  it('words it in Vietnamese with Vietnamese digit grouping and no English words', () => {
    const text = describeProjectedGuess(tm3, 'vi');
    expect(text).toMatch(/^mét VN-2000 \(hoành độ 597\.432, tung độ 2\.306\.067\): một múi TM-3 của VN-2000 \(Hải Phòng: vn2000-tm3:105\.75; Hải Dương cũ/);
    expect(text).toMatch(/, hoặc VN-2000 \/ UTM 48N \(EPSG:3405\) hoặc 49N/);
    expect(text).not.toMatch(/\b(easting|northing|metres|zone|or)\b/);
    expect(describeProjectedGuess({ ...tm3, likely: 'utm' }, 'vi')).toMatch(/: VN-2000 \/ UTM 48N .*, hoặc một múi TM-3/);
    expect(describeProjectedGuess({ eastingM: 250, northingM: 400, likely: null }, 'vi')).toBe('mét của một hệ tọa độ phẳng chưa rõ (hoành độ 250, tung độ 400)');
  });

  it('travels in an import issue as parameters and is worded in the message of the reader’s language', () => {
    const params = projectedGuessParams(tm3);
    expect(projectedGuessOfParams(params)).toEqual(tm3);
    expect(projectedGuessOfParams({ value: '1, 2' })).toBeNull();
    const issue = { file: 'ho.csv', index: null, indexKind: 'row' as const, code: 'crs-required' as const, severity: 'error' as const, params: { value: '2306067, 597432', ...params } };
    expect(describeIssue(issue, 'vi')).toMatch(/có vẻ là mét VN-2000 \(hoành độ 597\.432, tung độ 2\.306\.067\)/);
    expect(describeIssue(issue, 'en')).toMatch(/they look like VN-2000 metres \(easting 597,432, northing 2,306,067\)/);
  });
});
