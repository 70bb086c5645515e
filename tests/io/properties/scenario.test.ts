/**
 * Property-based tests of the scenario file (src/io/scenario-file.ts), with the properties of json-documents.ts:
 * exact round trip; damaged anywhere, read whole (every cell and decision kept) or refused at the damaged place;
 * garbled text never throws.
 */
import fc from 'fast-check';
import { ENVIRONMENTS, NR_SUBCARRIER_SPACINGS_KHZ, PATH_LOSS_MODELS, SITE_STATUSES, TECHNOLOGIES, type AnalysisSettings, type Cell } from '../../../src/core/model.ts';
import { parseScenario, serializeScenario, type Scenario } from '../../../src/io/scenario-file.ts';
import { RADIO_FIELDS } from '../../../src/core/radio-fields.ts';
import { THRESHOLD_RANGE_DBM } from '../../../src/io/parse-settings.ts';
import { describeJsonDocument } from './json-documents.ts';

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
  bandMhz: inRange(RADIO_FIELDS.bandMhz.range),
  heightM: inRange(RADIO_FIELDS.heightM.range),
  azimuthDeg: nullable(inRange(RADIO_FIELDS.azimuthDeg.range)),
  beamwidthDeg: inRange(RADIO_FIELDS.beamwidthDeg.range),
  tiltDeg: nullable(inRange(RADIO_FIELDS.tiltDeg.range)),
  rsPowerDbm: inRange(RADIO_FIELDS.rsPowerDbm.range),
  antennaGainDbi: inRange(RADIO_FIELDS.antennaGainDbi.range),
  feederLossDb: inRange(RADIO_FIELDS.feederLossDb.range),
  model: nullable(fc.constantFrom(...PATH_LOSS_MODELS)),
  environment: nullable(fc.constantFrom(...ENVIRONMENTS)),
  status: fc.constantFrom(...SITE_STATUSES),
  channel: nullable(fc.integer({ min: RADIO_FIELDS.channel.range[0], max: RADIO_FIELDS.channel.range[1] })),
  bandwidthMhz: nullable(inRange(RADIO_FIELDS.bandwidthMhz.range)),
});

const cells = fc.uniqueArray(cell, { maxLength: 4, selector: (value) => value.cellId });

/** Thresholds falling good > fair > weak inside the accepted range (bounds included). */
const { min: minDbm, max: maxDbm } = THRESHOLD_RANGE_DBM;
const thresholds = fc
  .tuple(fc.integer({ min: minDbm + 2, max: maxDbm }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }))
  .filter(([good, step1, step2]) => good - step1 - step2 >= minDbm)
  .map(([good, step1, step2]) => ({ good, fair: good - step1, weak: good - step1 - step2 }));

const settings: fc.Arbitrary<AnalysisSettings> = fc.record({
  thresholdsDbm: thresholds,
  handsetHeightM: fc.double({ min: 0.1, max: 30, noNaN: true }),
  los3gpp: fc.boolean(),
  technology: fc.constantFrom(...TECHNOLOGIES),
  operator: nullable(nonBlank),
  fibre: fc.record({ maxDropM: fc.double({ min: 1, max: 5000, noNaN: true }), backbonePasses: fc.boolean() }),
  zoneGridM: fc.double({ min: 10, max: 1000, noNaN: true }),
  loadFactor: fc.double({ min: 0, max: 1, noNaN: true }),
  noiseFigureDb: fc.double({ min: 0, max: 20, noNaN: true }),
  nrSubcarrierSpacingKhz: fc.constantFrom(...NR_SUBCARRIER_SPACINGS_KHZ),
  interferenceCutoffDb: fc.double({ min: 0, max: 30, noNaN: true }),
  mimoLayers: fc.record({ '4G': fc.integer({ min: 1, max: 8 }), '5G': fc.integer({ min: 1, max: 8 }) }),
  speedTargetMbps: fc.record({ '4G': fc.double({ min: 0.1, max: 10000, noNaN: true }), '5G': fc.double({ min: 0.1, max: 10000, noNaN: true }) }),
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

describeJsonDocument({
  name: 'scenario file',
  value: scenario,
  serialize: serializeScenario,
  parse: (text) => {
    const result = parseScenario(text);
    return result.ok ? { ok: true, value: result.scenario } : result;
  },
  lists: (value) => ({ 'cells.added': value.cells.added.length, 'cells.edited': value.cells.edited.length, decisions: value.decisions.length }),
});
