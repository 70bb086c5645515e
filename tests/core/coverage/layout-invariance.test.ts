/**
 * The reporting layout never changes a prediction: on the embedded dataset, analysing with the 114 units of
 * 2025 or the 488 units of the 2019 layout gives every household the same best server, RSRP and class. Both runs go
 * through the pipeline every host uses (`analyse`), which builds the cells' environment from the households.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analyse.ts';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { DEFAULT_SETTINGS, type Technology, type Ward } from '../../../src/core/model.ts';
import { parseHouseholds } from '../../../src/io/parse-households.ts';
import { parseSites } from '../../../src/io/parse-sites.ts';
import { parseWards } from '../../../src/io/parse-wards.ts';

const wardsOf = (file: string): Ward[] => parseWards(readFileSync(`data/${file}`, 'utf8'), file).data;
const layout2025 = wardsOf('hp2025_wards_polygons.geojson');
const layout2019 = [...wardsOf('hp_wards_polygons.geojson'), ...wardsOf('hd_wards_polygons.geojson')];
const households = parseHouseholds(gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8'), 'households.csv.gz').data;
const cells = parseSites(readFileSync('data/sites.csv', 'utf8'), 'sites.csv').data;

describe('switching the ward layer between the 2025 and 2019 layouts', () => {
  it('leaves the units of many sites with another type (the groupings really differ)', () => {
    expect([layout2025.length, layout2019.length]).toEqual([114, 488]);
    const index2025 = indexWards(layout2025);
    const index2019 = indexWards(layout2019);
    const sites = new Map(cells.map((cell) => [cell.siteId, cell]));
    let retyped = 0;
    for (const { lon, lat } of sites.values()) {
      const a = index2025.locate(lon, lat).wardIndex;
      const b = index2019.locate(lon, lat).wardIndex;
      if (a !== -1 && b !== -1 && layout2025[a].type !== layout2019[b].type) retyped++;
    }
    // e.g. the xã and thị trấn of Thuỷ Nguyên and An Dương became phường: a rule by unit type would have moved
    // these sites' environment, and with it their households' RSRP
    expect(retyped).toBeGreaterThan(300);
  });

  for (const technology of ['4G', '5G'] as Technology[]) {
    it(`gives every household the same ${technology} best server, RSRP and class`, () => {
      const settings = { ...DEFAULT_SETTINGS, technology };
      const run = (wards: Ward[]) => analyse({ wards, cells, households, fibre: null, land: null }, settings, { zones: false }).coverage;
      const by2025 = run(layout2025);
      const by2019 = run(layout2019);
      expect(by2025.bestCell.some((cell) => cell !== -1)).toBe(true);
      expect(Buffer.from(by2019.bestCell.buffer).equals(Buffer.from(by2025.bestCell.buffer))).toBe(true);
      expect(Buffer.from(by2019.rsrpDbm.buffer).equals(Buffer.from(by2025.rsrpDbm.buffer))).toBe(true);
      expect(Buffer.from(by2019.signalClass.buffer).equals(Buffer.from(by2025.signalClass.buffer))).toBe(true);
    }, 120_000);
  }
});
