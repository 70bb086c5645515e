/**
 * What closes each target, in the targets tab of a real browser (issue 9 "In the app"), offline, on the embedded
 * merged city: a target planned on demand in the worker (the tab stays usable), its figure in the "What closes it"
 * column, the plan opened in its tab (the siting tab's chosen sites, the fibre tab's cables) naming the target it
 * closes; a whole-city plan cancelled; and the 2019 layout with its 489 units (Bạch Long Vĩ among them, as the
 * CLI's `--layout 2019`). Screenshots at 1440×900 go to tests/browser/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, OUT_DIR, type OpenApp } from './open-app.ts';

let app: OpenApp;

/** Vietnamese number ("1.234,5") → number. */
const readNumber = (text: string) => Number(text.replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

describe('the targets tab plans what closes each target', () => {
  beforeAll(async () => {
    app = await openApp();
    await app.page.goto(app.server.url);
    await app.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('plans the 5G central-urban target in the worker, shows its sites and opens them in the siting tab', async () => {
    const { page } = app;
    await page.selectOption('[data-control=target-set]', 'hp-2020-2022');
    await page.waitForSelector('.targets-panel[data-evaluated=true]', { timeout: 180_000 });
    const row = page.locator('tr.target-row[data-target-id="5g-central-urban"]');
    expect(await row.getAttribute('data-status')).toBe('not-met');
    // a percentage's gap is in points: value + gap = the target
    const [value, target, gap] = await row.locator('td.number').allTextContents();
    expect(gap).toMatch(/^\d+(,\d)? điểm %$/);
    // the unit fits its narrow column (under the figure), not running into the status beside it
    const unitFits = await row.locator('.target-gap-unit').evaluate((unit) => unit.scrollWidth <= unit.clientWidth);
    expect(unitFits).toBe(true);
    expect(readNumber(value) + readNumber(gap)).toBeCloseTo(readNumber(target), 0);
    await row.locator('[data-action=close-target]').click();
    // the tab stays usable while the worker plans: another target can be selected meanwhile
    await page.locator('tr.target-row[data-target-id="ftth-80"]').click();
    await row.locator('[data-closing=sites]').waitFor({ timeout: 300_000 });
    const figure = (await row.locator('.closing-figure').textContent()) ?? '';
    const sites = readNumber(figure);
    expect(figure).toMatch(/trạm mới/);
    expect(sites).toBeGreaterThan(0);
    const detail = page.locator('tr.target-row[data-target-id="5g-central-urban"] + tr.target-detail .target-closing');
    expect(await detail.textContent()).toContain('5G');
    await page.screenshot({ path: `${OUT_DIR}/targets-closing.png` });

    await detail.locator('[data-action=open-closing]').click();
    const result = page.locator('[data-testid=siting-result]');
    await result.waitFor();
    expect(await page.getAttribute('[data-tab=siting]', 'aria-selected')).toBe('true');
    expect(await result.getAttribute('data-origin')).toBe('5g-central-urban');
    expect(Number(await result.getAttribute('data-sites'))).toBe(sites);
    expect(await page.locator('[data-testid=siting-origin]').textContent()).toContain('5G');
    expect(await result.locator('.chosen-list li').first().textContent()).toContain('NEW-001');
    await page.screenshot({ path: `${OUT_DIR}/targets-closing-siting.png` });
    expect(app.pageErrors).toEqual([]);
  }, 400_000);

  it('plans the 90 % fibre target (km and VND) and opens the extension plan in the fibre tab', async () => {
    const { page } = app;
    await page.click('[data-tab=targets]');
    const row = page.locator('tr.target-row[data-target-id="ftth-90"]');
    await row.locator('[data-action=close-target]').click();
    await row.locator('[data-closing=fibre]').waitFor({ timeout: 300_000 });
    const figure = (await row.locator('.closing-figure').textContent()) ?? '';
    expect(figure).toMatch(/km · [\d,.]+ tỷ VND/);
    const km = readNumber(figure.split('km')[0]);
    expect(km).toBeGreaterThan(0);
    await page.locator('tr.target-row[data-target-id="ftth-90"] + tr.target-detail [data-action=open-closing]').click();
    const plan = page.locator('[data-testid=fibre-plan-result]');
    await plan.waitFor();
    expect(await plan.getAttribute('data-origin')).toBe('ftth-90');
    // the form says which plan is shown: the target's 90 % over the whole city
    expect(await page.inputValue('[data-testid=fibre-target]')).toBe('90');
    expect(await page.inputValue('[data-testid=fibre-scope]')).toBe('city');
    // the plan reaches the target: the fibre tab's figure after it is at least 90 %
    expect(Number(await page.getAttribute('[data-testid=fibre-plan-pct]', 'data-pct-after'))).toBeGreaterThanOrEqual(90);
    await page.screenshot({ path: `${OUT_DIR}/targets-closing-fibre.png` });
    expect(app.pageErrors).toEqual([]);
  }, 400_000);

  it('cancels a whole-city plan: the worker stops, the button comes back', async () => {
    const { page } = app;
    await page.click('[data-tab=targets]');
    // 5G for 100 % of the city's population: hundreds of sites, the longest plan of the shipped sets
    await page.selectOption('[data-control=target-set]', 'hp-2026-2030');
    await page.waitForSelector('.targets-panel[data-evaluated=true]', { timeout: 180_000 });
    const row = page.locator('tr.target-row[data-target-id="5g-population-2030"]');
    expect(await row.getAttribute('data-status')).toBe('not-met');
    await row.locator('[data-action=close-target]').click();
    await row.locator('[data-action=cancel-closing]').click({ timeout: 60_000 });
    await row.locator('[data-action=close-target]').waitFor({ timeout: 30_000 });
    expect(await row.locator('.closing-figure').count()).toBe(0);
    await page.screenshot({ path: `${OUT_DIR}/targets-closing-cancelled.png` });
    expect(app.pageErrors).toEqual([]);
  }, 300_000);

  it('switches to the 2019 layout of 489 units, Bạch Long Vĩ among them', async () => {
    const { page } = app;
    await page.click('[data-layout-option="2019"]');
    await page.waitForSelector('.layout-switch[data-layout="2019"]:not(.busy)', { timeout: 120_000 });
    expect(await page.textContent('[data-layout-option="2019"]')).toContain('489');
    await page.click('[data-tab=report]');
    expect(await page.textContent('.report-panel, [data-tab-panel=report], .tab-body')).toContain('489');
    await page.click('.report-radio:has(input[value=unit])');
    await page.fill('.report-unit-filter', 'bach long');
    expect(await page.locator('.report-unit-list .report-unit-name').first().textContent()).toBe('Huyện Bạch Long Vĩ');
    await page.screenshot({ path: `${OUT_DIR}/layout-2019-bach-long-vi.png` });
    expect(app.pageErrors).toEqual([]);
  }, 200_000);
});
