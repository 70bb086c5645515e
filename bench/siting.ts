/**
 * `node --import tsx bench/siting.ts`: automatic siting on the embedded dataset (data/sites.csv,
 * data/households.csv[.gz]) or, while those are not generated, on the seeded bench city (same wards, same
 * generator family). Per scenario (4G all operators, 4G of the smallest operator, 5G all operators): weak-signal
 * zones, candidate grid, coverage sets, then lazy greedy and the exact HiGHS model for 10 and 50 sites and for
 * 98 % / 100 % of households out of weak/none. Every greedy plan is checked against the coverage engine (its
 * sites added, the engine's count must equal the plan's). The coverage sets are measured twice: on one thread, and
 * as the CLI measures them, with a partner thread (the same sets, checked). Prints a table and writes
 * bench/out/siting.json.
 * Options: --time-limit S (HiGHS, default 30), --spacing M (grid, default 500), --keep-sites F (bench city
 * only: keep this seeded share of its sites, default 0.3: the full bench city leaves nothing in weak/none).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import loadHighs from 'highs';
import { assignWards, indexWards } from '../src/core/assign-wards.ts';
import { CoverageEngine } from '../src/core/coverage/coverage-engine.ts';
import { computeWeakZones } from '../src/core/coverage/weak-zones.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_SETTINGS, type AnalysisSettings, type Cell, type HouseholdPoints, type Ward } from '../src/core/model.ts';
import { DEFAULT_MIN_SEPARATION_M, filterCandidates, generateCandidateGrid } from '../src/core/siting/candidate-grid.ts';
import { PlaceEnvironment } from '../src/core/resolve-environment.ts';
import { coverageSetsPartnerThread } from '../src/cli/coverage-sets-partner-thread.ts';
import { buildCoverageSets, collectWeakHouseholds, type SitingCandidate } from '../src/core/siting/coverage-sets.ts';
import { selectSitesExact } from '../src/core/siting/select-sites-exact.ts';
import { coverableWeight, selectSitesGreedy, type SitingGoal } from '../src/core/siting/select-sites-greedy.ts';
import { cellsOfSite, defaultSiteTemplate } from '../src/core/siting/site-templates.ts';
import { parseHouseholds } from '../src/io/parse-households.ts';
import { parseSites } from '../src/io/parse-sites.ts';
import { DEFAULT_CITY, generateCity, mulberry32, readLand, readWards } from './generate-city.ts';

const { values } = parseArgs({ options: { 'time-limit': { type: 'string' }, spacing: { type: 'string' }, 'keep-sites': { type: 'string' } } });
const KEEP_SITES = Number(values['keep-sites'] ?? 0.3);
const TIME_LIMIT_S = Number(values['time-limit'] ?? 30);
const SPACING_M = Number(values.spacing ?? 500);
const OUT_DIR = 'bench/out';
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);
const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};
const rows: string[][] = [];

/** The embedded dataset (the merged city's 2025 units and land mask) when generated, else the seeded bench city. */
function loadDataset(): { source: string; wards: Ward[]; land: Array<Polygon | MultiPolygon>; cells: Cell[]; households: HouseholdPoints } {
  const householdsPath = ['data/households.csv.gz', 'data/households.csv'].find((path) => existsSync(path));
  if (existsSync('data/sites.csv') && householdsPath !== undefined) {
    const bytes = readFileSync(householdsPath);
    const text = (householdsPath.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    return {
      source: `embedded dataset (data/sites.csv, ${householdsPath})`,
      wards: readWards('data/hp2025_wards_polygons.geojson'),
      land: readLand('data/hp2025_land.geojson'),
      cells: parseSites(readFileSync('data/sites.csv', 'utf8'), 'data/sites.csv').data,
      households: parseHouseholds(text, householdsPath).data,
    };
  }
  const city = generateCity(DEFAULT_CITY);
  const random = mulberry32(DEFAULT_CITY.seed + 1);
  const kept = new Set([...new Set(city.cells.map((cell) => cell.siteId))].filter(() => random() < KEEP_SITES));
  return {
    source: `seeded bench city (seed ${DEFAULT_CITY.seed}, ${Math.round(KEEP_SITES * 100)} % of its sites kept; data/sites.csv not generated yet)`,
    wards: city.wards,
    land: city.land,
    cells: city.cells.filter((cell) => kept.has(cell.siteId)),
    households: city.households,
  };
}

log('loading');
const { source, wards, land, cells, households } = loadDataset();
const wardIndex = indexWards(wards);
const wardOfHousehold = assignWards(households, wardIndex).wardIndex;
const highs = await loadHighs();
let total = 0;
for (let h = 0; h < households.length; h++) total += households.count[h];

// the operator with the fewest 4G cells: a sparse network, the case where siting matters most
const fourGCells = new Map<string, number>();
for (const cell of cells) if (cell.technology === '4G') fourGCells.set(cell.operator, (fourGCells.get(cell.operator) ?? 0) + 1);
const smallest = [...fourGCells].sort((a, b) => a[1] - b[1])[0]?.[0] ?? null;
const scenarios: Array<[string, AnalysisSettings]> = [
  ['4G, all operators', { ...DEFAULT_SETTINGS, technology: '4G', operator: null }],
  [`4G, ${smallest}`, { ...DEFAULT_SETTINGS, technology: '4G', operator: smallest }],
  ['5G, all operators', { ...DEFAULT_SETTINGS, technology: '5G', operator: null }],
];
const results: Record<string, unknown> = { source, householdPoints: households.length, households: total, cells: cells.length, timeLimitS: TIME_LIMIT_S, spacingM: SPACING_M, scenarios: [] };
const summaries: string[] = [];

for (const [name, settings] of scenarios) {
  log(`${name}: coverage of the existing network`);
  const place = new PlaceEnvironment(households, wardIndex);
  const engineInput = { place, cells, households, settings };
  const engine = new CoverageEngine(engineInput);
  const [coverage, runMs] = time(() => engine.run());
  let outBefore = 0;
  for (let h = 0; h < households.length; h++) if (coverage.signalClass[h] <= 1) outBefore += households.count[h];

  log(`${name}: weak-signal zones, candidate grid, coverage sets`);
  const [zones, zonesMs] = time(() => computeWeakZones({ wards, land, households, wardOfHousehold, coverage, engine }, settings));
  const weak = collectWeakHouseholds(households, coverage);
  const template = { ...defaultSiteTemplate(settings.technology), operator: settings.operator ?? 'Planned' };
  const [candidates, gridMs] = time(() => {
    const points = generateCandidateGrid({ households, weak, zones: zones.features.map((feature) => feature.geometry), spacingM: SPACING_M });
    const all: SitingCandidate[] = points.map((point, i) => ({ ...point, siteId: `G${i + 1}`, cells: cellsOfSite(`G${i + 1}`, point.lon, point.lat, template) }));
    return filterCandidates(all, { exclusions: [], existingSites: cells, minSeparationM: DEFAULT_MIN_SEPARATION_M }).kept;
  });
  const [sets, setsMs] = time(() => buildCoverageSets({ candidates, households, weak, place, settings }));
  // the CLI's way: a partner thread measures chunks too (it starts from the sources: tsx compiles them in it first)
  const [shared, sharedSetsMs] = time(() => buildCoverageSets({ candidates, households, weak, place, settings, partner: coverageSetsPartnerThread }));
  if (!(Buffer.from(shared.offsets.buffer).equals(Buffer.from(sets.offsets.buffer)) && Buffer.from(shared.elements.buffer).equals(Buffer.from(sets.elements.buffer)))) {
    throw new Error(`${name}: the coverage sets with a partner thread differ from one thread's`);
  }
  const coverable = coverableWeight(sets);
  const pctOf = (households: number): string => `${((households * 100) / total).toFixed(2)} %`;
  summaries.push(
    `${name}: out of weak/none ${pctOf(outBefore)}, ${weak.household.length.toLocaleString('en-US')} weak/none points; ` +
      `${candidates.length.toLocaleString('en-US')} candidates, ${sets.elements.length.toLocaleString('en-US')} set entries, best reachable ${pctOf(outBefore + coverable)}; ` +
      `coverage ${runMs.toFixed(0)} ms, zones ${zonesMs.toFixed(0)} ms, grid ${gridMs.toFixed(0)} ms, sets ${setsMs.toFixed(0)} ms (${sharedSetsMs.toFixed(0)} ms with a partner thread, the same sets)`,
  );
  const runs: unknown[] = [];
  (results.scenarios as unknown[]).push({
    name, outBefore, weakPoints: weak.household.length, candidates: candidates.length, setEntries: sets.elements.length, coverable,
    timingsMs: { coverage: runMs, zones: zonesMs, grid: gridMs, sets: setsMs, setsWithPartnerThread: sharedSetsMs }, runs,
  });

  /** Households out of weak/none according to the engine after adding the chosen candidates' cells. */
  const engineOutAfter = (chosen: number[]): number => {
    const check = new CoverageEngine(engineInput);
    check.run();
    for (const c of chosen) for (const cell of candidates[c].cells) check.addCell(cell);
    let out = 0;
    const { signalClass } = check.result!;
    for (let h = 0; h < households.length; h++) if (signalClass[h] <= 1) out += households.count[h];
    return out;
  };

  const goals: Array<[string, SitingGoal]> = [
    ['10 sites', { kind: 'count', count: 10 }],
    ['50 sites', { kind: 'count', count: 50 }],
  ];
  for (const pct of [98, 100]) {
    const needed = Math.max(0, Math.ceil((pct * total) / 100 - 1e-9) - outBefore);
    goals.push([`${pct} %${needed > coverable ? ' (best reachable)' : ''}`, { kind: 'weight', weight: Math.min(needed, coverable) }]);
  }
  for (const [label, goal] of goals) {
    log(`${name}: ${label}`);
    const [greedy, greedyMs] = time(() => selectSitesGreedy(sets, goal));
    const chosen = greedy.picks.map((pick) => pick.candidate);
    const outAfter = outBefore + greedy.coveredWeight;
    const checked = engineOutAfter(chosen) === outAfter;
    const [exact, exactMs] = time(() => selectSitesExact(highs, sets, goal, { timeLimitS: TIME_LIMIT_S, maxNonzeros: Number.POSITIVE_INFINITY, start: chosen }));
    const exactValue = goal.kind === 'count' ? exact.objective : exact.picks?.length ?? null;
    runs.push({
      goal: label,
      greedy: { sites: greedy.picks.length, householdsGained: greedy.coveredWeight, outAfter, ms: greedyMs, evaluations: greedy.evaluations, upperBound: greedy.upperBound, checkedAgainstEngine: checked },
      exact: { status: exact.status, detail: exact.detail, value: exactValue, bound: exact.bound, gap: exact.gap, model: exact.model, ms: exactMs },
    });
    const unit = goal.kind === 'count' ? 'hh' : 'sites';
    rows.push([
      name,
      label,
      `${greedy.picks.length} sites, +${greedy.coveredWeight.toLocaleString('en-US')} hh → ${pctOf(outAfter)}` +
        (greedy.upperBound !== null && greedy.upperBound > 0 ? `, ≤ ${(((greedy.upperBound - greedy.coveredWeight) * 100) / greedy.upperBound).toFixed(2)} % short (own bound)` : '') +
        (checked ? '' : ' (ENGINE MISMATCH)'),
      `${greedyMs.toFixed(1)} ms`,
      `${exact.status}: ${exactValue?.toLocaleString('en-US') ?? '—'} ${unit}, bound ${exact.bound === null ? '—' : (Math.round(exact.bound * 100) / 100).toLocaleString('en-US')}, gap ${exact.gap === null ? '—' : `${(exact.gap * 100).toFixed(2)} %`}`,
      `${(exactMs / 1000).toFixed(2)} s`,
      `${exact.model.candidates}×${exact.model.elements}, ${exact.model.nonzeros.toLocaleString('en-US')}`,
      goal.kind === 'count'
        ? exactValue === null ? '—' : `${(((exactValue - greedy.coveredWeight) * 100) / Math.max(exactValue, 1)).toFixed(2)} % hh`
        : exactValue === null ? '—' : `${greedy.picks.length - exactValue} sites`,
    ]);
  }
}

process.stdout.write(`\nphusong siting benchmark — ${source}\n`);
process.stdout.write(
  `${households.length.toLocaleString('en-US')} household points (${total.toLocaleString('en-US')} households), ${cells.length.toLocaleString('en-US')} cells; ` +
    `${SPACING_M} m candidate grid, ${DEFAULT_MIN_SEPARATION_M} m from existing sites; HiGHS time limit ${TIME_LIMIT_S} s\n`,
);
for (const line of summaries) process.stdout.write(`  ${line}\n`);
process.stdout.write('\n');
const header = ['scenario', 'goal', 'greedy answer', 'greedy', 'exact (HiGHS)', 'exact', 'model (cand×rows, terms)', 'greedy gap'];
const widths = header.map((title, k) => Math.max(title.length, ...rows.map((row) => row[k].length)));
for (const row of [header, ...rows]) process.stdout.write(row.map((cell, k) => cell.padEnd(widths[k])).join(' │ ') + '\n');
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/siting.json`, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`\nwritten ${OUT_DIR}/siting.json\n`);
