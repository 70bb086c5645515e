/**
 * data/'s households file gives each household the code of its 2025 unit, and 113 of the 114 codes of 2025 are also
 * 2019 codes of another, smaller unit (11824: the 2025 Xã Vĩnh Bảo, six 2019 units, and the 2019 Thị trấn Vĩnh
 * Bảo, one of them). Reported by 2019 units, that file's households must be placed in the 2019 unit they lie in,
 * whether the file is read as the embedded dataset, named on the command line, or copied elsewhere, with or
 * without `--layout 2019`: before this test, the named file put the whole 2025 unit's 11,757 households in the 2019
 * unit 11824. The expected counts are computed here by Turf's point in polygon over the CSV, not by the CLI's code.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../src/core/assign-wards.ts';
import type { HouseholdPoints } from '../../src/core/model.ts';
import { readLayerInputs, RejectionLog } from '../../src/cli/common.ts';
import { Dataset, readDatasetChoice } from '../../src/cli/dataset.ts';
import { PROJECT_ROOT } from '../../src/cli/project-root.ts';
import { tempDir } from './run-cli.ts';

const DATA = join(PROJECT_ROOT, 'data');
const HOUSEHOLDS = join(DATA, 'households.csv.gz');
const WARDS_2019_HP = join(DATA, 'hp_wards_polygons.geojson');
/** Thị trấn Vĩnh Bảo and Xã Dũng Tiến, 2019 codes (the scope of the report that showed the fault). */
const SCOPE = ['11824', '11827'];

/** Households (sum of `count`) of the CSV whose point lies in each 2019 unit of SCOPE, by Turf. */
function independentCounts(): Map<string, number> {
  const features = (JSON.parse(readFileSync(WARDS_2019_HP, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features;
  const units = SCOPE.map((code) => features.find((feature) => String(feature.properties?.gso_code) === code)!) as Array<Feature<Polygon | MultiPolygon>>;
  const counts = new Map(SCOPE.map((code) => [code, 0]));
  const lines = gunzipSync(readFileSync(HOUSEHOLDS)).toString('utf8').split('\n');
  expect(lines[0]).toBe('household_id,lon,lat,count,ward_id');
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [, lon, lat, count] = line.split(',');
    units.forEach((unit, u) => {
      if (booleanPointInPolygon([Number(lon), Number(lat)], unit)) counts.set(SCOPE[u], counts.get(SCOPE[u])! + Number(count));
    });
  }
  return counts;
}

/** Households (sum of `count`) the dataset's assignment puts in each unit of SCOPE. */
async function assignedCounts(dataset: Dataset, households: HouseholdPoints): Promise<Map<string, number>> {
  const wards = await dataset.wards();
  const { wardIndex } = await dataset.assign(households, indexWards(wards));
  const counts = new Map(SCOPE.map((code) => [code, 0]));
  for (let h = 0; h < households.length; h++) {
    const id = wardIndex[h] === -1 ? null : wards[wardIndex[h]].id;
    if (id !== null && counts.has(id)) counts.set(id, counts.get(id)! + households.count[h]);
  }
  return counts;
}

function open(options: { dataset?: string; layout?: string }, files: { wards?: string; households?: string }): { dataset: Dataset; log: RejectionLog } {
  const log = new RejectionLog();
  return { dataset: new Dataset(readDatasetChoice(options), { sites: join(DATA, 'sites.csv'), ...files }, log, readLayerInputs({})), log };
}

describe("data/'s households (2025 codes) reported by 2019 units", () => {
  it('are placed in the 2019 unit they lie in, however the file is given', async () => {
    const expected = independentCounts();
    // 2,555 and 2,776: each unit's 2019 census households, which the synthetic file reproduces
    expect([...expected.values()].reduce((a, b) => a + b)).toBe(5331);
    const copy = join(tempDir('phusong-households-copy'), 'households.csv.gz');
    copyFileSync(HOUSEHOLDS, copy);
    const embedded = open({ dataset: 'embedded', layout: '2019' }, {});
    // read once: the assignment depends on where the file came from, not on reading it again
    const households = await embedded.dataset.households();
    const runs: Array<[string, { dataset: Dataset; log: RejectionLog }]> = [
      ['--dataset embedded --layout 2019', embedded],
      ['the file named, --layout 2019', open({ layout: '2019' }, { wards: WARDS_2019_HP, households: HOUSEHOLDS })],
      ['the file named, no layout', open({}, { wards: WARDS_2019_HP, households: HOUSEHOLDS })],
      ['a copy of the file, --layout 2019', open({ layout: '2019' }, { wards: WARDS_2019_HP, households: copy })],
      ['a copy of the file, no layout', open({}, { wards: WARDS_2019_HP, households: copy })],
    ];
    for (const [how, { dataset, log }] of runs) {
      expect(Object.fromEntries(await assignedCounts(dataset, households)), how).toEqual(Object.fromEntries(expected));
      // without a layout the codes are not read, and the user is told so
      const noted = log.notes.filter((note) => note.code === 'ward-ids-other-layout').map((note) => note.file);
      expect(noted, how).toEqual(how.endsWith('no layout') ? [dataset.require('households').paths[0]] : []);
    }
  }, 120_000);
});
