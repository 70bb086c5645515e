/**
 * Property-based tests of the scenario file (src/io/scenario-file.ts): any scenario the app can hold round-trips
 * exactly; a file damaged anywhere (a value replaced by junk, a key deleted, the text cut or garbled) never
 * makes the reader throw, and is either read whole (every cell and decision kept) or refused with an error
 * whose path is the damaged place, one of its parents or one of its members.
 * The target-set file (issue 15) plugs in the same way once its reader lands: a generator of valid sets, its
 * serialise/parse pair, and the same damage properties below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, PATH_LOSS_MODELS, SITE_STATUSES, TECHNOLOGIES, type AnalysisSettings, type Cell } from '../../../src/core/model.ts';
import { parseScenario, serializeScenario, type Scenario } from '../../../src/io/scenario-file.ts';
import { SITE_RANGES } from '../../../src/io/parse-sites.ts';
import { propertyParameters } from './harness.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 16 });
const nonBlank = text.map((value) => `x${value}`);
/** A number in [min, max]; −0 is written as 0 (JSON has no negative zero, and it means the same here). */
const inRange = ([min, max]: readonly [number, number]) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((value) => value + 0);
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const cell: fc.Arbitrary<Cell> = fc.record({
  cellId: nonBlank,
  siteId: nonBlank,
  lon: inRange([-180, 180]),
  lat: inRange([-90, 90]),
  operator: nonBlank,
  technology: fc.constantFrom(...TECHNOLOGIES),
  bandMhz: inRange(SITE_RANGES.bandMhz),
  heightM: inRange(SITE_RANGES.heightM),
  azimuthDeg: nullable(inRange(SITE_RANGES.azimuthDeg)),
  beamwidthDeg: inRange(SITE_RANGES.beamwidthDeg),
  tiltDeg: nullable(inRange(SITE_RANGES.tiltDeg)),
  rsPowerDbm: inRange(SITE_RANGES.rsPowerDbm),
  antennaGainDbi: inRange(SITE_RANGES.antennaGainDbi),
  feederLossDb: inRange(SITE_RANGES.feederLossDb),
  model: nullable(fc.constantFrom(...PATH_LOSS_MODELS)),
  environment: nullable(fc.constantFrom(...ENVIRONMENTS)),
  status: fc.constantFrom(...SITE_STATUSES),
});

const cells = fc.uniqueArray(cell, { maxLength: 4, selector: (value) => value.cellId });

/** Thresholds falling good > fair > weak inside (−200, 0) dBm. */
const thresholds = fc
  .tuple(fc.integer({ min: -199, max: -3 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }))
  .filter(([good, step1, step2]) => good - step1 - step2 > -200)
  .map(([good, step1, step2]) => ({ good, fair: good - step1, weak: good - step1 - step2 }));

const settings: fc.Arbitrary<AnalysisSettings> = fc.record({
  thresholdsDbm: thresholds,
  handsetHeightM: fc.double({ min: 0.1, max: 30, noNaN: true }),
  los3gpp: fc.boolean(),
  technology: fc.constantFrom(...TECHNOLOGIES),
  operator: nullable(nonBlank),
  fibre: fc.record({ maxDropM: fc.double({ min: 1, max: 5000, noNaN: true }), backbonePasses: fc.boolean() }),
  zoneGridM: fc.double({ min: 10, max: 1000, noNaN: true }),
});

const isoTime = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString());

const scenario: fc.Arbitrary<Scenario> = fc.record({
  name: text,
  savedAt: nullable(isoTime),
  revision: fc.nat(),
  settings,
  cells: fc.record({ added: cells, edited: cells, removed: fc.array(nonBlank, { maxLength: 3 }) }),
  decisions: fc.array(
    fc.record({ siteId: nonBlank, decision: fc.constantFrom('approved' as const, 'rejected' as const), comment: text, decidedAt: nullable(isoTime) }),
    { maxLength: 3 },
  ),
  templates: fc.constant({}),
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in a JSON value, as scenario errors write them: `cells.added[0].bandMhz`. */
function pathsOf(value: Json, path = ''): string[] {
  const paths = path === '' ? [] : [path];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, `${path}[${i}]`)));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, path === '' ? key : `${path}.${key}`));
  }
  return paths;
}

/** Splits `cells.added[0].bandMhz` into ['cells', 'added', 0, 'bandMhz']. */
function steps(path: string): Array<string | number> {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]));
}

/** A copy of `root` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function damageAt(root: Json, path: string, replacement: Json | undefined): Json {
  const copy = structuredClone(root) as Record<string | number, Json>;
  const parts = steps(path);
  let parent: Record<string | number, Json> = copy;
  for (const part of parts.slice(0, -1)) parent = parent[part] as Record<string | number, Json>;
  const last = parts[parts.length - 1];
  if (replacement !== undefined) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

const junk: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<Json>(null, true, 0, -1, 1e308, '', 'abc', '=1+1', [], {}, [1, 2], { type: 'Feature' }),
  fc.double().map((value) => (Number.isFinite(value) ? value : null)),
  text,
);

/** Whether two paths are the same place, or one contains the other. */
function related(a: string, b: string): boolean {
  const within = (inner: string, outer: string) => outer === '' || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return within(a, b) || within(b, a);
}

describe('scenario file (property-based)', () => {
  it('round-trips every scenario the app can hold', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const parsed = parseScenario(serializeScenario(value));
        expect(parsed).toEqual({ ok: true, scenario: value });
      }),
      propertyParameters(),
    );
  });

  it('a value damaged anywhere: never throws; read whole, or refused at the damaged place', () => {
    const damaged = scenario.chain((value) => {
      const root = JSON.parse(serializeScenario(value)) as Json;
      return fc.tuple(fc.constant(root), fc.constantFrom(...pathsOf(root)), junk);
    });
    fc.assert(
      fc.property(damaged, ([root, path, replacement]) => {
        const file = damageAt(root, path, replacement) as { cells?: { added?: unknown; edited?: unknown }; decisions?: unknown };
        const result = parseScenario(JSON.stringify(file));
        if (result.ok) {
          // nothing dropped: every cell and decision of the file is in the scenario
          const length = (list: unknown) => (Array.isArray(list) ? list.length : 0);
          expect(result.scenario.cells.added.length).toBe(length(file.cells?.added));
          expect(result.scenario.cells.edited.length).toBe(length(file.cells?.edited));
          expect(result.scenario.decisions.length).toBe(length(file.decisions));
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          expect(result.errors.some((error) => related(error.path, path)), `${path} → ${JSON.stringify(result.errors)}`).toBe(true);
          for (const error of result.errors) expect(error.vi.length * error.en.length).toBeGreaterThan(0);
        }
      }),
      propertyParameters(),
    );
  });

  it('garbled or cut text: never throws, and a refusal says why', () => {
    const garbled = fc.tuple(scenario, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('', '"', '}', ',', '\u0000', 'é')).map(
      ([value, at, insert]) => {
        const serialized = serializeScenario(value);
        const cut = Math.floor(at * serialized.length);
        return serialized.slice(0, cut) + insert + serialized.slice(cut + 1);
      },
    );
    fc.assert(
      fc.property(garbled, (damaged) => {
        const result = parseScenario(damaged);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        // broken JSON is placed by line and column, inside the text
        const place = /^not valid JSON: line (\d+), column (\d+): ./.exec(result.errors[0].en);
        if (place !== null) expect(Number(place[1])).toBeLessThanOrEqual(damaged.split(/\r\n|\r|\n/).length);
      }),
      propertyParameters(),
    );
  });
});
