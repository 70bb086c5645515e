/**
 * Property-based tests of the target-set file (src/io/target-set-file.ts), with the properties of
 * json-documents.ts: exact round trip of every set the app can export; a value damaged anywhere never throws and
 * the set is read whole or refused at the damaged place (a rejected target is refused at `targets[i]`, a broken
 * header fails the file); garbled text never throws.
 */
import fc from 'fast-check';
import { INDICATORS, TARGET_INDICATORS, TARGET_SCHEMA_VERSION, type Target, type TargetSet } from '../../../src/core/targets/target-set.ts';
import { describeIssue } from '../../../src/io/issue-messages.ts';
import { parseTargetSet, targetSetJson } from '../../../src/io/target-set-file.ts';
import { describeJsonDocument } from './json-documents.ts';

/** Text as the reader keeps it: trimmed and not blank (it trims what it reads). */
const text = fc.string({ unit: 'grapheme', maxLength: 16 }).map((value) => `x${value.trim()}`);
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const localized = fc.record({ vi: text, en: text });
const date = fc
  .tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(1, 2, 3))
  .map(([year, month, day, parts]) =>
    [String(year), String(month).padStart(2, '0'), String(day).padStart(2, '0')].slice(0, parts).join('-'),
  );

const target: fc.Arbitrary<Target> = fc.constantFrom(...TARGET_INDICATORS).chain((indicator) => {
  const definition = INDICATORS[indicator];
  return fc.record({
    id: text,
    indicator: fc.constant(indicator),
    technology: fc.constantFrom(...definition.technologies),
    scope: fc.oneof(
      fc.constant({ kind: 'city' as const }),
      fc.record({ kind: fc.constant('units' as const), unitIds: fc.array(text, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('zones' as const), zoneKinds: fc.array(text, { minLength: 1, maxLength: 3 }) }),
    ),
    threshold:
      definition.unit === '%'
        ? fc.double({ min: 0, max: 100, noNaN: true }).map((value) => value + 0)
        : fc.double({ min: 0, max: 10_000, noNaN: true }).map((value) => value + 0),
    unit: fc.constant(definition.unit),
    deadline: date,
    name: nullable(localized),
    source: fc.record({ document: text, date: nullable(date), article: nullable(text), url: nullable(text), note: nullable(text) }),
  });
});

const targetSet: fc.Arbitrary<TargetSet> = fc.record({
  schemaVersion: fc.constant(TARGET_SCHEMA_VERSION),
  id: text,
  name: localized,
  description: nullable(localized),
  // a set without targets is refused on reading ("the file has no targets"), so the app never exports one
  targets: fc.uniqueArray(target, { minLength: 1, maxLength: 4, selector: (value) => value.id }),
});

describeJsonDocument({
  name: 'target-set file',
  value: targetSet,
  serialize: targetSetJson,
  parse: (json) => {
    const result = parseTargetSet(json, 'targets.json');
    const errors = result.issues
      .filter((issue) => issue.severity === 'error')
      .map((issue) => ({
        // a rejected target is refused at its place in `targets`, a whole-file failure at the field it names
        path: [issue.index === null ? '' : `targets[${issue.index}]`, issue.column ?? ''].filter((part) => part !== '').join('.'),
        en: describeIssue(issue, 'en'),
        vi: describeIssue(issue, 'vi'),
      }));
    return errors.length === 0 && result.data !== null ? { ok: true, value: result.data } : { ok: false, errors };
  },
  lists: (value) => ({ targets: value.targets.length }),
});
