/**
 * Generates the synthetic layers of the embedded dataset of the merged Hải Phòng (2025) from the real units, land
 * and census: `data/households.csv.gz`, `data/sites.csv`, `data/fibre.geojson` (data/SOURCES.md says what they
 * model), and two files derived from real or approximate data the app loads with them: the land mask of both
 * former provinces (`data/hp2025_land.geojson`) and the approximate zones (`data/hp2025_zones.geojson`); and the
 * compact binary forms of the three synthetic layers the app loads at start (`data/*.bin.gz`, src/io/layer-binary.ts).
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
import { encodeLayerBinary, fnv1a, type BinaryLayerImport } from '../src/io/layer-binary.ts';
import { parseFibre } from '../src/io/parse-fibre.ts';
import { parseHouseholds } from '../src/io/parse-households.ts';
import { parseSites } from '../src/io/parse-sites.ts';
import { generateFibre, fibreGeojson, type GeneratedFibre } from './generate/fibre.ts';
import { landMaskGeojson, readMergedCity, type MergedCity } from './generate/geography.ts';
import { isInPolygons, polygonsOf } from './generate/geometry.ts';
import { generateHouseholds, type GeneratedHouseholds } from './generate/households.ts';
import { CENTRAL_URBAN_ZONES, FIVE_G_ZONES } from './generate/places.ts';
import { mulberry32 } from './generate/random.ts';
import { generateSites } from './generate/sites.ts';
import { mapWardLand, type WardLand } from './generate/ward-land.ts';
import { householdsCsv, sitesCsv } from './generate/write-csv.ts';
import { zonesGeojson } from './generate/zones.ts';

/** The seed of the committed dataset (31 = Hải Phòng's province code, 2019 = the census year). */
export const DATA_SEED = 312019;
export const DATA_DIR = 'data';

/** The synthetic files by name in data/. */
export const SYNTHETIC_FILES = ['households.csv.gz', 'sites.csv', 'fibre.geojson'] as const;
export type SyntheticFile = (typeof SYNTHETIC_FILES)[number];
/** The compact binary forms of the synthetic layers the app loads at start (src/io/layer-binary.ts). */
export const BINARY_FILES = ['households.bin.gz', 'sites.bin.gz', 'fibre.bin.gz'] as const;
export type BinaryFile = (typeof BINARY_FILES)[number];
/** The files generated from real (land) or approximate (zones) data, not synthetic. */
export const DERIVED_FILES = ['hp2025_land.geojson', 'hp2025_zones.geojson'] as const;
export const GENERATED_FILES = [...SYNTHETIC_FILES, ...BINARY_FILES, ...DERIVED_FILES] as const;
export type GeneratedFile = (typeof GENERATED_FILES)[number];

export interface GeneratedData {
  city: MergedCity;
  /** The generating units: the 2019 units of both provinces and Bạch Long Vĩ (`city.units2019`). */
  wardLand: WardLand;
  households: GeneratedHouseholds;
  cells: Cell[];
  fibre: GeneratedFibre;
  files: Record<GeneratedFile, Buffer>;
}

/**
 * Generates every synthetic layer. Households are placed in the 2019 units (each gets its census count) and
 * inside the 2025 unit that took it; the files give each household, access node and cable the new unit's code
 * (crosswalk), the default layout of the app. Each layer draws from its own stream (seed, seed + 1, seed + 2), so
 * retuning one layer leaves the others unchanged. Gzip level 9 without a file name or time stamp: the bytes depend
 * only on the data (and the zlib version).
 */
export function generateData(seed = DATA_SEED, dataDir = DATA_DIR): GeneratedData {
  const city = readMergedCity(dataDir);
  const newCodeOf = (oldCode: string): string => {
    const code = city.newCodeOf.get(oldCode);
    if (code === undefined) throw new Error(`generateData: 2019 unit ${oldCode} is not in the crosswalk`);
    return code;
  };
  const polygons2025 = new Map(city.units2025.map((unit) => [unit.id, polygonsOf(unit.geometry)]));
  const polygonsOfNewUnit = city.units2019.map((unit) => polygons2025.get(newCodeOf(unit.id)) ?? []);
  const wardLand = mapWardLand(
    city.units2019,
    city.land.map((feature) => feature.geometry),
    (w, lon, lat) => isInPolygons(polygonsOfNewUnit[w], lon, lat),
  );
  const households = generateHouseholds(wardLand, mulberry32(seed));
  const cells = generateSites(wardLand, households, mulberry32(seed + 1));
  const fibre = generateFibre(wardLand, households, mulberry32(seed + 2));
  const byNewCode = <T extends string | null>(id: T): T | string => (id === null ? id : newCodeOf(id));
  const householdsText = householdsCsv({ ...households.points, wardId: households.points.wardId.map(byNewCode) });
  const sitesText = sitesCsv(cells);
  const fibreText = fibreGeojson({ ...fibre, nodeWardId: fibre.nodeWardId.map(byNewCode), routeWardId: fibre.routeWardId.map(byNewCode) });
  const text = {
    'households.csv.gz': gzipSync(householdsText, { level: 9 }),
    'sites.csv': Buffer.from(sitesText),
    'fibre.geojson': Buffer.from(fibreText),
  };
  return {
    city,
    wardLand,
    households,
    cells,
    fibre,
    files: {
      ...text,
      ...binaryForms([
        { layer: 'households', result: parseHouseholds(householdsText, 'households.csv.gz') },
        { layer: 'sites', result: parseSites(sitesText, 'sites.csv') },
        { layer: 'fibre', result: parseFibre(fibreText, 'fibre.geojson') },
      ], text),
      'hp2025_land.geojson': Buffer.from(landMaskGeojson(city.land)),
      'hp2025_zones.geojson': Buffer.from(zonesGeojson([...CENTRAL_URBAN_ZONES, ...FIVE_G_ZONES])),
    },
  };
}

/**
 * The compact binary forms of the synthetic layers (src/io/layer-binary.ts), gzipped as the text files are: each
 * made from the layer as the app's parser reads its text file, so that the app loads the same data without parsing.
 */
function binaryForms(parsed: BinaryLayerImport[], text: Record<SyntheticFile, Buffer>): Record<BinaryFile, Buffer> {
  const forms = {} as Record<BinaryFile, Buffer>;
  for (const layer of parsed) {
    const source = layer.result.file as SyntheticFile;
    const bytes = encodeLayerBinary(layer, { file: source, bytes: text[source].length, fnv1a: fnv1a(text[source]) });
    forms[`${layer.layer}.bin.gz`] = gzipSync(bytes, { level: 9 });
  }
  return forms;
}

/** Names of the files in `dir` whose bytes differ from the generated ones (or are missing). */
export function differingFiles(data: GeneratedData, dir = DATA_DIR): GeneratedFile[] {
  return GENERATED_FILES.filter((name) => {
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
    for (const name of GENERATED_FILES) writeFileSync(join(dir, name), data.files[name]);
    process.stdout.write(`${summary}\n${GENERATED_FILES.map((name) => `${join(dir, name)}: ${data.files[name].length} bytes`).join('\n')}\n`);
  }
}
