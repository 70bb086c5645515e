/**
 * Generates the synthetic layers of the embedded Hải Phòng dataset from the real wards, land mask and census:
 * `data/households.csv.gz`, `data/sites.csv`, `data/fibre.geojson` (data/SOURCES.md says what they model).
 * Seeded: rerunning reproduces the committed files byte for byte.
 *
 *   npm run generate-data                 # writes the files into data/
 *   npm run generate-data -- --out DIR    # writes them elsewhere
 *   npm run generate-data -- --check      # regenerates in memory, compares with data/, exit 1 on any difference
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Cell } from '../src/core/model.ts';
import { generateFibre, fibreGeojson, type GeneratedFibre } from './generate/fibre.ts';
import { readLand, readWards } from './generate/geography.ts';
import { generateHouseholds, type GeneratedHouseholds } from './generate/households.ts';
import { mulberry32 } from './generate/random.ts';
import { generateSites } from './generate/sites.ts';
import { mapWardLand, type WardLand } from './generate/ward-land.ts';
import { householdsCsv, sitesCsv } from './generate/write-csv.ts';

/** The seed of the committed dataset (31 = Hải Phòng's province code, 2019 = the census year). */
export const DATA_SEED = 312019;
export const DATA_DIR = 'data';

/** The synthetic files by name in data/. */
export const SYNTHETIC_FILES = ['households.csv.gz', 'sites.csv', 'fibre.geojson'] as const;
export type SyntheticFile = (typeof SYNTHETIC_FILES)[number];

export interface GeneratedData {
  wardLand: WardLand;
  households: GeneratedHouseholds;
  cells: Cell[];
  fibre: GeneratedFibre;
  files: Record<SyntheticFile, Buffer>;
}

/**
 * Generates every synthetic layer. Each layer draws from its own stream (seed, seed + 1, seed + 2), so retuning
 * one layer leaves the others unchanged. Gzip level 9 without a file name or time stamp: the bytes depend only on
 * the data (and the zlib version).
 */
export function generateData(seed = DATA_SEED, dataDir = DATA_DIR): GeneratedData {
  const wardLand = mapWardLand(readWards(join(dataDir, 'hp_wards_polygons.geojson')), readLand(join(dataDir, 'hp_districts_polygons.geojson')));
  const households = generateHouseholds(wardLand, mulberry32(seed));
  const cells = generateSites(wardLand, households, mulberry32(seed + 1));
  const fibre = generateFibre(wardLand, households, mulberry32(seed + 2));
  return {
    wardLand,
    households,
    cells,
    fibre,
    files: {
      'households.csv.gz': gzipSync(householdsCsv(households.points), { level: 9 }),
      'sites.csv': Buffer.from(sitesCsv(cells)),
      'fibre.geojson': Buffer.from(fibreGeojson(fibre)),
    },
  };
}

/** Names of the files in `dir` whose bytes differ from the generated ones (or are missing). */
export function differingFiles(data: GeneratedData, dir = DATA_DIR): SyntheticFile[] {
  return SYNTHETIC_FILES.filter((name) => {
    try {
      return !readFileSync(join(dir, name)).equals(data.files[name]);
    } catch {
      return true;
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, check: { type: 'boolean' } } });
  const started = performance.now();
  const data = generateData();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sites = new Set(data.cells.map((cell) => cell.siteId)).size;
  const summary =
    `${data.households.points.length} household points, ${sites} sites / ${data.cells.length} cells, ` +
    `${data.fibre.network.routes.length} fibre routes, ${data.fibre.network.nodes.length} access nodes (${seconds} s)`;
  if (values.check) {
    const differing = differingFiles(data);
    process.stdout.write(`${summary}\n${differing.length === 0 ? 'data/ is up to date' : `differs: ${differing.join(', ')}`}\n`);
    process.exitCode = differing.length === 0 ? 0 : 1;
  } else {
    const dir = values.out ?? DATA_DIR;
    mkdirSync(dir, { recursive: true });
    for (const name of SYNTHETIC_FILES) writeFileSync(join(dir, name), data.files[name]);
    process.stdout.write(`${summary}\n${SYNTHETIC_FILES.map((name) => `${join(dir, name)}: ${data.files[name].length} bytes`).join('\n')}\n`);
  }
}
