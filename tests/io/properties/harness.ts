/**
 * Property-based checks of the layer parsers (fast-check). A layer case is one parser fed one kind of
 * generated file; every case gets the same properties:
 *
 * 1. the parser never throws;
 * 2. read = kept + rejected, and read is the number of data rows or features in the file;
 * 3. every row or feature is either kept (under the id the generator expects, which for an id-less household is
 *    its place: `row-<spreadsheet row>`) or rejected by an error issue at its place; no issue points elsewhere;
 * 4. places are what a spreadsheet shows: header = row 1, blank lines counted, a quoted cell spanning several
 *    lines is one row (the generator computes the places from the records it writes, not from the parser).
 *
 * A new parser or format plugs in with one entry in `layers.test.ts` (a file generator, the parse call, the kept
 * ids).
 * CI runs a fixed seed and a bounded number of runs; the benchmark machine runs many more:
 * `npm run test:properties` (PHUSONG_PROPERTY_RUNS, PHUSONG_PROPERTY_SEED override both).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ImportResult } from '../../../src/io/import-result.ts';

/** Runs per property: small in CI (the whole suite stays fast), large on the benchmark machine. */
export const PROPERTY_RUNS = Number(process.env.PHUSONG_PROPERTY_RUNS ?? 40);
/** Fixed so that a CI failure reproduces; fast-check prints the seed and path of any counterexample. */
export const PROPERTY_SEED = Number(process.env.PHUSONG_PROPERTY_SEED ?? 150_2026);

/** fast-check parameters for one property: the fixed seed, the bounded runs (`scale` for costly ones). */
export function propertyParameters(scale = 1): fc.Parameters<unknown> {
  return { seed: PROPERTY_SEED, numRuns: Math.max(1, Math.round(PROPERTY_RUNS * scale)), endOnFailure: true };
}

/** One data row or feature of a generated file: where it is and the id it must be kept under. */
export interface GeneratedEntry {
  /** CSV: spreadsheet row (header = 1); GeoJSON: 0-based feature index. */
  place: number;
  id: string;
}

export interface GeneratedFile {
  /** File name as the user would pick it (the extension matters to format sniffing). */
  name: string;
  /** Text for CSV/GeoJSON; bytes for binary formats (XLSX, Shapefile…). */
  content: string | Uint8Array;
  entries: GeneratedEntry[];
}

export interface LayerCase<T> {
  name: string;
  file: fc.Arbitrary<GeneratedFile>;
  /** The parser, or readLayerFile (asynchronous: a workbook is opened asynchronously). */
  parse: (file: GeneratedFile) => ImportResult<T> | Promise<ImportResult<T>>;
  /** Ids of the kept rows or features, in any order. */
  keptIds: (data: T) => string[];
}

/** Every (id, place) a kept or rejected row must account for. */
function sorted(values: string[]): string[] {
  return [...values].sort();
}

/** Asserts properties 2–4 on one parse of one generated file. */
export function checkAccounting<T>(layer: LayerCase<T>, file: GeneratedFile, result: ImportResult<T>): void {
  const places = new Set(file.entries.map((entry) => entry.place));
  expect(result.read).toBe(file.entries.length);
  expect(result.kept + result.rejected).toBe(result.read);

  const errorPlaces = new Set<number>();
  for (const issue of result.issues) {
    if (issue.index === null) continue;
    // a note or a rejection always points at a row or feature of the file
    expect(places.has(issue.index), `issue at ${issue.index} (${issue.code}) points at no row`).toBe(true);
    if (issue.severity === 'error') errorPlaces.add(issue.index);
  }
  const fileFailure = result.issues.some((issue) => issue.index === null && issue.severity === 'error' && issue.code !== 'no-valid-rows');
  if (fileFailure) {
    expect(result.kept).toBe(0);
    return;
  }
  expect(errorPlaces.size).toBe(result.rejected);
  const expectedKept = file.entries.filter((entry) => !errorPlaces.has(entry.place)).map((entry) => entry.id);
  expect(sorted(layer.keptIds(result.data))).toEqual(sorted(expectedKept));
}

/** Runs every property of a layer case (await it inside a vitest `it`). */
export async function assertLayerProperties<T>(layer: LayerCase<T>, scale = 1): Promise<void> {
  await fc.assert(
    fc.asyncProperty(layer.file, async (file) => {
      let result: ImportResult<T>;
      try {
        result = await layer.parse(file);
      } catch (error) {
        throw new Error(`${layer.name} threw on ${JSON.stringify(file.content).slice(0, 400)}: ${(error as Error).stack}`);
      }
      checkAccounting(layer, file, result);
    }),
    propertyParameters(scale),
  );
}

/** Runs the parser on arbitrary damaged text or bytes: it must not throw, and its counts must add up (await it). */
export async function assertSurvivesDamage<T>(
  name: string,
  text: fc.Arbitrary<string | Uint8Array>,
  parse: (text: string | Uint8Array) => ImportResult<T> | Promise<ImportResult<T>>,
  scale = 1,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(text, async (damaged) => {
      let result: ImportResult<T>;
      try {
        result = await parse(damaged);
      } catch (error) {
        throw new Error(`${name} threw on ${JSON.stringify(damaged).slice(0, 400)}: ${(error as Error).stack}`);
      }
      expect(result.kept + result.rejected).toBe(result.read);
      for (const issue of result.issues) if (issue.index !== null) expect(issue.index).toBeGreaterThanOrEqual(0);
    }),
    propertyParameters(scale),
  );
}
