/**
 * A large households file in no spatial order, imported in Chromium: the app's worker keeps such a layer (65,536
 * points or more) in locality order (src/core/locality-order.ts `layerInLocalityOrder`), and the page then draws and
 * analyses it in that order. The same points listed by commune (the embedded households) must give the same totals.
 * (The reordering itself, and the page's points agreeing with the results, are checked in
 * tests/worker/engine-session.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_COMPLETE } from './app-session.ts';
import { openApp, ROOT, type OpenApp } from './open-app.ts';

let app: OpenApp;

beforeAll(async () => {
  app = await openApp();
  await app.page.goto(app.server.url);
  await app.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
});

afterAll(async () => {
  await app?.close();
});

/** Runs the 4G analysis and reads its households per class, as shown. */
async function totals(): Promise<string[]> {
  const { page } = app;
  await page.click('[data-tab=analysis]');
  await page.click('[data-action=run-analysis]');
  await page.locator('.analysis-progress').waitFor({ timeout: 5_000 });
  await page.waitForSelector(ANALYSIS_COMPLETE, { timeout: 120_000 });
  const total = async (name: string) => (await page.locator(`[data-total=${name}] .total-value`).textContent()) ?? '';
  return [await total('good'), await total('fair'), await total('weak'), await total('none')];
}

describe('a large households file in no order, in Chromium', () => {
  it('is analysed as the same points listed by commune', async () => {
    const byCommune = await totals();
    // the embedded households (532,614 points, listed by commune) shuffled by a seeded draw
    const [header, ...rows] = gunzipSync(readFileSync(`${ROOT}data/households.csv.gz`)).toString('utf8').trim().split('\n');
    let seed = 20261207;
    for (let i = rows.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const j = seed % (i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    await app.page.click('[data-tab=import]');
    await app.page.setInputFiles('input[data-layer=households]', {
      name: 'households-shuffled.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n')),
    });
    await app.page.locator('.report-card[data-report-file="households-shuffled.csv"]').waitFor({ timeout: 60_000 });
    expect(await totals()).toEqual(byCommune);
    expect(byCommune.every((text) => /\d/.test(text))).toBe(true);
  });

  it('made no page errors and no console errors', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
