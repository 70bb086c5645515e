/**
 * `npm run bench:heatmap`: the RSRP heat map of the app (core/coverage/rsrp-heatmap.ts) on the embedded dataset
 * (the merged city's 2025 land mask, data/sites.csv, data/households.csv.gz), 4G all operators: the full grid at
 * 100 m (first request after a run), the refresh after one 3-sector site moves 500 m (median and p95 over 20 seeded
 * moves, checked against a full recomputation), and the naive Turf baseline (every analysed cell's link budget
 * with turf distance and bearing) on a sample of grid cells, scaled to the grid, with the ratio. Prints a table.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { bearing as turfBearing, distance as turfDistance, point as turfPoint } from '@turf/turf';
import { indexWards } from '../src/core/assign-wards.ts';
import { isAnalysedCell } from '../src/core/coverage/analysed-cell.ts';
import { CoverageEngine } from '../src/core/coverage/coverage-engine.ts';
import { DEFAULT_HEATMAP_CELL_M, heatmapCellCentre, refreshRsrpHeatmap, rsrpHeatmapSteps, type HeatmapRegion } from '../src/core/coverage/rsrp-heatmap.ts';
import { prepareCell, rsrpAtDbm } from '../src/core/link-budget.ts';
import { DEFAULT_SETTINGS } from '../src/core/model.ts';
import { PlaceEnvironment, resolveEnvironment } from '../src/core/resolve-environment.ts';
import { runSteps } from '../src/core/steps.ts';
import { parseHouseholds } from '../src/io/parse-households.ts';
import { parseSites } from '../src/io/parse-sites.ts';
import { mulberry32, readLand, readWards } from './generate-city.ts';

const MOVES = 20;
const NAIVE_SAMPLE = 300;
const settings = DEFAULT_SETTINGS;
const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};
const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);

log('loading the embedded dataset');
const wards = readWards('data/hp2025_wards_polygons.geojson');
const land = readLand('data/hp2025_land.geojson');
const cells = parseSites(readFileSync('data/sites.csv', 'utf8'), 'data/sites.csv').data;
const households = parseHouseholds(gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8'), 'data/households.csv.gz').data;
const place = new PlaceEnvironment(households, indexWards(wards));
const engine = new CoverageEngine({ place, cells, households, settings });
log('analysis');
const [, analysisMs] = time(() => engine.run());

log('heat map, full grid');
const [heatmap, fullMs] = time(() => runSteps(rsrpHeatmapSteps(land ?? wards.map((ward) => ward.geometry), DEFAULT_HEATMAP_CELL_M, engine)));
if (heatmap === null) throw new Error('no land');
const { grid } = heatmap;
const landCells = heatmap.rsrpDbm.reduce((n, value) => (Number.isNaN(value) ? n : n + 1), 0);

log(`${MOVES} site moves`);
const random = mulberry32(20261202);
const analysedSites = [...new Set(cells.filter((cell) => isAnalysedCell(cell, settings)).map((cell) => cell.siteId))];
const refreshMs: number[] = [];
const refreshedCells: number[] = [];
for (let move = 0; move < MOVES; move++) {
  const siteId = analysedSites[Math.floor(random() * analysedSites.length)];
  const angle = random() * 2 * Math.PI;
  const regions: HeatmapRegion[] = [];
  const indices = engine.cells.flatMap((cell, index) => (cell.siteId === siteId && isAnalysedCell(cell, settings) ? [index] : []));
  for (const index of indices) {
    const cell = engine.cells[index];
    const before = engine.footprintOf(index);
    engine.updateCell(index, { ...cell, lon: cell.lon + (500 * Math.sin(angle)) / 104_000, lat: cell.lat + (500 * Math.cos(angle)) / 110_700 });
    const after = engine.footprintOf(index);
    for (const region of [before, after]) if (region !== null) regions.push(region);
  }
  const [evaluated, ms] = time(() => refreshRsrpHeatmap(heatmap, regions, engine));
  refreshMs.push(ms);
  refreshedCells.push(evaluated);
}
const [fresh] = time(() => runSteps(rsrpHeatmapSteps(land ?? wards.map((ward) => ward.geometry), DEFAULT_HEATMAP_CELL_M, engine)));
let differences = 0;
for (let k = 0; k < heatmap.rsrpDbm.length; k++) if (!Object.is(heatmap.rsrpDbm[k], fresh?.rsrpDbm[k])) differences++;

log(`naive Turf baseline on ${NAIVE_SAMPLE} grid cells`);
const analysed = engine.cells.flatMap((cell, index) => (isAnalysedCell(cell, settings) ? [{ cell, index }] : []));
const prepared = analysed.map(({ cell, index }) => prepareCell(cell, index, resolveEnvironment(cell, place), { handsetHeightM: settings.handsetHeightM, los3gpp: settings.los3gpp }));
const sites = analysed.map(({ cell }) => turfPoint([cell.lon, cell.lat]));
const onLand = heatmap.rsrpDbm.reduce<number[]>((list, value, k) => (Number.isNaN(value) ? list : (list.push(k), list)), []);
let naiveDisagreements = 0;
const naiveStart = performance.now();
for (let s = 0; s < NAIVE_SAMPLE; s++) {
  const k = onLand[Math.floor(random() * onLand.length)];
  const here = turfPoint(heatmapCellCentre(grid, k % grid.columns, Math.floor(k / grid.columns)));
  let best = -Infinity;
  for (let c = 0; c < prepared.length; c++) best = Math.max(best, rsrpAtDbm(prepared[c], turfDistance(sites[c], here, { units: 'meters' }), turfBearing(sites[c], here)));
  // the engine keeps a server down to its search floor (the 4G cut-off): compare above the weak floor
  if (best >= settings.thresholdsDbm.weak && !(Math.abs(best - heatmap.rsrpDbm[k]) <= 0.5)) naiveDisagreements++;
}
const naiveSampleMs = performance.now() - naiveStart;
const naiveGridMs = (naiveSampleMs / NAIVE_SAMPLE) * landCells;

const rows: Array<[string, string]> = [
  ['grid', `${grid.columns} × ${grid.rows} cells of ${grid.cellM.toFixed(0)} m, ${landCells.toLocaleString('en-US')} on land`],
  ['analysis (engine.run, for scale)', `${analysisMs.toFixed(0)} ms`],
  ['heat map, full grid', `${fullMs.toFixed(0)} ms`],
  ['refresh after a site move (median / p95)', `${percentile(refreshMs, 50).toFixed(1)} / ${percentile(refreshMs, 95).toFixed(1)} ms, ${percentile(refreshedCells, 50).toLocaleString('en-US')} cells (median)`],
  ['refreshed grid vs full recomputation', `${differences} cells differ`],
  [`naive Turf, ${NAIVE_SAMPLE} grid cells`, `${naiveSampleMs.toFixed(0)} ms (${naiveDisagreements} differ by > 0.5 dB above the weak floor)`],
  ['naive Turf scaled to the grid', `${(naiveGridMs / 1000).toFixed(1)} s`],
  ['speed-up (naive / heat map)', `${(naiveGridMs / fullMs).toFixed(0)}×`],
];
const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n');
