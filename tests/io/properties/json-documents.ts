/**
 * Property-based checks of JSON documents the app writes and reads back (scenario.test.ts, target-set.test.ts;
 * another document plugs in with one `describeJsonDocument` call):
 * 1. every document the app can write round-trips exactly;
 * 2. a value damaged anywhere (replaced by junk of any JSON type, or deleted) never makes the reader throw: the
 *    document is read whole (every item of its lists kept) or refused with an error whose path is the damaged
 *    place, one of its parents or one of its members, in English and Vietnamese;
 * 3. garbled or cut text never makes it throw, and broken JSON is placed by a line inside the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyParameters } from './harness.ts';

/** A problem found by a reader: where (JSON path) and why, in both languages. */
export interface DocumentError {
  path: string;
  en: string;
  vi: string;
}

export interface JsonDocumentCase<T> {
  name: string;
  /** Documents the app can write. */
  value: fc.Arbitrary<T>;
  serialize: (value: T) => string;
  parse: (text: string) => { ok: true; value: T } | { ok: false; errors: DocumentError[] };
  /** Item counts of the document's lists by JSON path (e.g. `cells.added`): a document read whole keeps them all. */
  lists: (value: T) => Record<string, number>;
}

const text = fc.string({ unit: 'grapheme', maxLength: 16 });

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

/** The value at a JSON path, or undefined. */
function valueAt(root: Json, path: string): Json | undefined {
  let value: Json | undefined = root;
  for (const part of steps(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, Json>)[part];
  }
  return value;
}

/** The three properties of one kind of JSON document (call at the top level of a test file). */
export function describeJsonDocument<T>(document: JsonDocumentCase<T>): void {
  describe(`${document.name} (property-based)`, () => {
    it('round-trips every document the app can write', () => {
      fc.assert(
        fc.property(document.value, (value) => {
          expect(document.parse(document.serialize(value))).toEqual({ ok: true, value });
        }),
        propertyParameters(),
      );
    });

    it('a value damaged anywhere: never throws; read whole, or refused at the damaged place', () => {
      const damaged = document.value.chain((value) => {
        const root = JSON.parse(document.serialize(value)) as Json;
        return fc.tuple(fc.constant(root), fc.constantFrom(...pathsOf(root)), junk);
      });
      fc.assert(
        fc.property(damaged, ([root, path, replacement]) => {
          const file = damageAt(root, path, replacement);
          const result = document.parse(JSON.stringify(file));
          if (result.ok) {
            // nothing dropped: every item of the file's lists is in what was read
            for (const [listPath, count] of Object.entries(document.lists(result.value))) {
              const list = valueAt(file, listPath);
              expect(count, listPath).toBe(Array.isArray(list) ? list.length : 0);
            }
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
      const garbled = fc.tuple(document.value, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('', '"', '}', ',', '\u0000', 'é')).map(
        ([value, at, insert]) => {
          const serialized = document.serialize(value);
          const cut = Math.floor(at * serialized.length);
          return serialized.slice(0, cut) + insert + serialized.slice(cut + 1);
        },
      );
      fc.assert(
        fc.property(garbled, (damaged) => {
          const result = document.parse(damaged);
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
}
