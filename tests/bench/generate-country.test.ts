/**
 * The country generator of `npm run bench:country` (bench/generate-country.ts): seeded and byte-for-byte
 * reproducible, province by province independent of how many are generated, and at full scale the real country's
 * counts (34 provinces, 3,321 units, 27 M households, 40,000 three-sector sites = 120,000 cells) over Vietnam's extent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTRY, planCountry, writeCountry } from '../../bench/generate-country.ts';
import { tempDir } from '../cli/run-cli.ts';

/** Every file of a generated country, by relative path. */
function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('generate-country', () => {
  it('writes the same files for the same seed and scale, other files for another seed', () => {
    const options = { seed: 5, scale: 0.002, provinces: 2 };
    const first = filesOf(writeCountry(tempDir('phusong-country-a'), options).dir);
    const again = filesOf(writeCountry(tempDir('phusong-country-b'), options).dir);
    const README = '/README.txt';
    expect(Object.keys(first).sort()).toEqual([README, '/p01/households.csv', '/p01/sites.csv', '/p01/wards.geojson', '/p02/households.csv', '/p02/sites.csv', '/p02/wards.geojson']);
    for (const [path, text] of Object.entries(first)) if (path !== README) expect(again[path], path).toBe(text);
    const other = filesOf(writeCountry(tempDir('phusong-country-c'), { ...options, seed: 6 }).dir);
    expect(other['/p01/households.csv']).not.toBe(first['/p01/households.csv']);
  });

  it('generates a province the same whether or not the provinces after it are generated', () => {
    const one = filesOf(writeCountry(tempDir('phusong-country-d'), { seed: 5, scale: 0.002, provinces: 1 }).dir);
    const two = filesOf(writeCountry(tempDir('phusong-country-e'), { seed: 5, scale: 0.002, provinces: 2 }).dir);
    for (const file of ['/p01/households.csv', '/p01/sites.csv', '/p01/wards.geojson']) expect(one[file], file).toBe(two[file]);
  });

  it('plans the real country at full scale: 34 provinces, 3,321 units, 27 M households, 120,000 cells, inside Vietnam’s extent', () => {
    const plan = planCountry({ seed: 20251201, scale: 1 });
    expect(plan.length).toBe(34);
    expect(plan.reduce((sum, province) => sum + province.units, 0)).toBe(3321);
    expect(plan.reduce((sum, province) => sum + province.households, 0)).toBe(27_000_000);
    expect(plan.reduce((sum, province) => sum + province.sites, 0) * 3).toBe(120_000);
    expect(COUNTRY.provinces).toBe(34);
    for (const { box: [west, south, east, north] } of plan) {
      expect(west).toBeGreaterThanOrEqual(102.1);
      expect(east).toBeLessThanOrEqual(109.5);
      expect(south).toBeGreaterThanOrEqual(8.5);
      expect(north).toBeLessThanOrEqual(23.4);
    }
    // the two provinces of a row share their border; consecutive rows touch (so border cells exist on every side)
    expect(plan[0].box[2]).toBeCloseTo(plan[1].box[0], 9);
    expect(plan[0].box[1]).toBeCloseTo(plan[2].box[3], 9);
  });

  it('writes households, units and cells in the counts planned, every household inside its province, every cell with an environment', () => {
    const written = writeCountry(tempDir('phusong-country-f'), { seed: 9, scale: 0.002, provinces: 3 });
    written.provinces.forEach((province) => {
      const lines = readFileSync(join(written.dir, province.id, 'households.csv'), 'utf8').trim().split('\n').slice(1);
      expect(lines.length).toBe(province.households);
      const [west, south, east, north] = province.box;
      for (const line of lines) {
        const [, lon, lat] = line.split(',').map(Number);
        expect(lon >= west - 1e-6 && lon <= east + 1e-6 && lat >= south - 1e-6 && lat <= north + 1e-6, line).toBe(true);
      }
      const wards = JSON.parse(readFileSync(join(written.dir, province.id, 'wards.geojson'), 'utf8')).features;
      expect(wards.length).toBe(province.units);
    });
    expect(written.cells.length).toBe(written.provinces.reduce((sum, province) => sum + province.sites * 3, 0));
    expect(written.cells.every((cell) => cell.environment !== null && cell.environment !== 'rural')).toBe(true);
    expect(new Set(written.cells.map((cell) => cell.technology)).size).toBeGreaterThan(1);
  });
});
