/**
 * The analysis computed ahead (issue 14's "4G analysis click → result"): while the analysis tab offers a run and
 * the engine worker is idle, the worker computes that run; the click then takes it, done or under way. Its result
 * must be the one a run computed on the click gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_COMPLETE, openApp, readVietnameseNumber, rerunAnalysis, type AppSession } from './app-session.ts';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

/** The panel's totals as shown, and what the last run says of itself. */
async function shown(): Promise<{ totals: number[]; weakHouseholds: string | null; computedAhead: string | null }> {
  const { page } = app;
  const totals: number[] = [];
  for (const name of ['good', 'fair', 'weak', 'none']) {
    totals.push(readVietnameseNumber((await page.locator(`[data-total=${name}] .total-value`).textContent()) ?? ''));
  }
  return {
    totals,
    weakHouseholds: await page.getAttribute('.analysis-panel', 'data-weak-households'),
    computedAhead: await page.getAttribute('.analysis-panel', 'data-computed-ahead'),
  };
}

describe('the analysis the open tab offers, computed while the worker is idle', () => {
  it('is taken by the click, with the totals of a run computed on the click', async () => {
    const { page } = app;
    await page.click('[data-tab=analysis]');
    // a user looking at the map: the worker's idle work (fibre reach, warm-up, then the offered run) goes on
    await page.waitForTimeout(8_000);
    await page.click('[data-action=run-analysis]');
    await page.waitForSelector(ANALYSIS_COMPLETE, { timeout: 120_000 });
    const ahead = await shown();
    expect(['part', 'whole']).toContain(ahead.computedAhead);
    // the summary's time is the click's: it says the run was computed before
    const said = ahead.computedAhead === 'whole' ? 'Đã tính sẵn trong lúc chờ bạn bấm.' : 'Một phần đã tính sẵn trong lúc chờ bạn bấm.';
    expect(await page.locator('.analysis-summary').textContent()).toContain(said);
    expect(ahead.totals.every((total) => total > 0)).toBe(true);
    // run again: the panel now holds a result, so nothing was computed ahead
    await rerunAnalysis(page, 120_000);
    const onClick = await shown();
    expect(onClick.computedAhead).toBe('none');
    expect(await page.locator('.analysis-summary').textContent()).not.toContain('tính sẵn');
    expect(onClick.totals).toEqual(ahead.totals);
    expect(onClick.weakHouseholds).toBe(ahead.weakHouseholds);
    expect(app.errors).toEqual([]);
  });
});
