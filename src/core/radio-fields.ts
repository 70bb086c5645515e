/**
 * The radio fields of a cell, once: for each, the key on `Cell`, the sites-file column with its other accepted
 * names, the unit, the accepted values and what an empty value means (the technology's default, or null). The
 * RF defaults, the site parser, the site templates, the scenario file and the site writers (CSV, GeoJSON, KML)
 * all read this table; the sites format is documented in docs/data-formats.md "Sites", the defaults in
 * docs/models.md. Identity and status (site and cell id, position, operator, technology, status) are not radio
 * fields: a template never supplies them.
 */
import { ENVIRONMENTS, PATH_LOSS_MODELS, type Cell, type Technology } from './model.ts';

interface FieldNames {
  /** The documented column (CSV header, GeoJSON property), written by the site writers. */
  column: string;
  /** Other accepted column names, tried after `column`, in order. */
  aliases: readonly string[];
}

/** A number the sites file may leave empty; empty means the technology's default. */
interface DefaultedNumberField extends FieldNames {
  kind: 'number';
  unit: string;
  /** Accepted values, inclusive. */
  range: readonly [min: number, max: number];
  integer: boolean;
  defaults: Readonly<Record<Technology, number>>;
  optional: false;
}

/** A number whose empty value means null (omni, no tilt, not given). */
interface NullableNumberField extends Omit<DefaultedNumberField, 'defaults' | 'optional'> {
  defaults: null;
  /**
   * A column added after the first sites files (issue 12: `channel`, `bandwidth_mhz`): absent from older files
   * and scenarios (read as null), written only where a cell has a value so that older outputs stay as they were.
   */
  optional: boolean;
}

/** An enumerated field whose empty value means null (chosen later: model from band, environment from the ward). */
interface KeywordField<T extends string> extends FieldNames {
  kind: 'keyword';
  /** The documented values (the parser also folds common spellings, src/io/parse-sites.ts). */
  values: readonly T[];
  optional: false;
}

/** The field description a `Cell` value type calls for. */
type FieldFor<V> = [V] extends [number]
  ? DefaultedNumberField
  : [V] extends [number | null]
    ? NullableNumberField
    : [V] extends [string | null]
      ? KeywordField<NonNullable<V>>
      : never;

/**
 * Every radio field, in the order of the sites columns (docs/data-formats.md). Default powers are per reference
 * signal / pilot, the quantity the link budget is written in:
 * - 2G: one GSM carrier of 20 W (43 dBm) on 900 MHz; received level compares with RxLev.
 * - 3G: CPICH at 10 % of 20 W (33 dBm) on 2100 MHz.
 * - 4G: 40 W over 20 MHz = 1200 subcarriers → 46 − 10·log10(1200) ≈ 15.2 dBm per RE, on 1800 MHz.
 * - 5G: 80 W over 100 MHz at 30 kHz SCS = 3276 subcarriers → 49 − 10·log10(3276) ≈ 13.8 dBm per RE,
 *   on 3500 MHz (n78), with a higher-gain array antenna.
 */
export const RADIO_FIELDS = {
  bandMhz: {
    kind: 'number', column: 'band_mhz', aliases: ['băng tần', 'băng tần (mhz)'], unit: 'MHz', range: [30, 100_000], integer: false, optional: false,
    defaults: { '2G': 900, '3G': 2100, '4G': 1800, '5G': 3500 },
  },
  heightM: {
    kind: 'number', column: 'height_m', aliases: ['độ cao', 'độ cao (m)', 'chiều cao', 'chiều cao (m)'], unit: 'm', range: [1, 1000], integer: false, optional: false,
    defaults: { '2G': 30, '3G': 30, '4G': 30, '5G': 25 },
  },
  /** Degrees clockwise from true north; empty = omnidirectional. */
  azimuthDeg: { kind: 'number', column: 'azimuth_deg', aliases: ['góc phương vị', 'phương vị'], unit: '°', range: [0, 360], integer: false, defaults: null, optional: false },
  beamwidthDeg: {
    kind: 'number', column: 'beamwidth_deg', aliases: [], unit: '°', range: [1, 360], integer: false, optional: false,
    defaults: { '2G': 65, '3G': 65, '4G': 65, '5G': 65 },
  },
  /** Downtilt, positive = down; empty = no vertical pattern. */
  tiltDeg: { kind: 'number', column: 'tilt_deg', aliases: ['góc nghiêng'], unit: '°', range: [-90, 90], integer: false, defaults: null, optional: false },
  rsPowerDbm: {
    kind: 'number', column: 'rs_power_dbm', aliases: [], unit: 'dBm', range: [-50, 70], integer: false, optional: false,
    defaults: { '2G': 43, '3G': 33, '4G': 15.2, '5G': 13.8 },
  },
  antennaGainDbi: {
    kind: 'number', column: 'antenna_gain_dbi', aliases: [], unit: 'dBi', range: [-20, 40], integer: false, optional: false,
    defaults: { '2G': 15, '3G': 17, '4G': 17, '5G': 24 },
  },
  feederLossDb: {
    kind: 'number', column: 'feeder_loss_db', aliases: [], unit: 'dB', range: [0, 30], integer: false, optional: false,
    defaults: { '2G': 3, '3G': 2, '4G': 2, '5G': 1 },
  },
  model: { kind: 'keyword', column: 'model', aliases: [], values: PATH_LOSS_MODELS, optional: false },
  environment: { kind: 'keyword', column: 'environment', aliases: [], values: ENVIRONMENTS, optional: false },
  /**
   * Channel number (ARFCN / UARFCN / EARFCN / NR-ARFCN): a whole number up to NR-ARFCN's 3,279,165
   * (3GPP TS 38.104 §5.4.2.1). Two cells of one operator, technology and band interfere unless both give a
   * channel and the channels differ (docs/models.md "Co-channel cells").
   */
  channel: { kind: 'number', column: 'channel', aliases: ['earfcn'], unit: '', range: [0, 3_279_165], integer: true, defaults: null, optional: true },
  /**
   * Channel bandwidth: from a 0.2 MHz GSM carrier to NR FR2's 400 MHz (3GPP TS 38.101-2 §5.3.5). The throughput
   * model multiplies by it; empty = `defaultBandwidthMhz` of the cell's technology and band.
   */
  bandwidthMhz: {
    kind: 'number', column: 'bandwidth_mhz', aliases: [], unit: 'MHz', range: [0.2, 400], integer: false, defaults: null, optional: true,
  },
} as const satisfies { [K in keyof Cell]?: FieldFor<Cell[K]> };

export type RadioFieldKey = keyof typeof RADIO_FIELDS;

/** The radio fields in column order. */
export const RADIO_FIELD_KEYS = Object.keys(RADIO_FIELDS) as RadioFieldKey[];

/** The enumerated radio fields (model, environment). */
export type KeywordRadioField = {
  [K in RadioFieldKey]: (typeof RADIO_FIELDS)[K]['kind'] extends 'keyword' ? K : never;
}[RadioFieldKey];

/** The radio fields a sites file may leave empty for the technology's default. */
export type DefaultedRadioField = {
  [K in RadioFieldKey]: (typeof RADIO_FIELDS)[K] extends { defaults: Readonly<Record<Technology, number>> } ? K : never;
}[RadioFieldKey];

export const DEFAULTED_RADIO_FIELDS = RADIO_FIELD_KEYS.filter((key): key is DefaultedRadioField => {
  const field = RADIO_FIELDS[key];
  return 'defaults' in field && field.defaults !== null;
});

/** A cell's radio fields. */
export type RadioFields = Pick<Cell, RadioFieldKey>;

/**
 * The radio fields of a cell of `technology` that gives none: the technology's defaults, null elsewhere (omni,
 * no tilt, model and environment chosen per household, no channel or bandwidth).
 *
 * @example defaultRadioFields('4G').rsPowerDbm // 15.2
 */
export function defaultRadioFields(technology: Technology): RadioFields {
  const fields: Record<string, number | null> = {};
  for (const key of RADIO_FIELD_KEYS) {
    const field = RADIO_FIELDS[key];
    fields[key] = 'defaults' in field && field.defaults !== null ? field.defaults[technology] : null;
  }
  return fields as unknown as RadioFields;
}

/**
 * Default channel bandwidth per technology and band (MHz), for cells whose sites row leaves `bandwidth_mhz` empty,
 * in rising band order: the first row whose `belowMhz` exceeds the band applies. Documented in docs/models.md
 * "Channel bandwidth": LTE's widest channel (20 MHz, TS 36.101 Table 5.6.1-1) above 1 GHz and 10 MHz in the
 * sub-GHz bands where operators hold narrower blocks; NR 10 MHz below 1 GHz, 20 MHz in the FDD bands to 2.3 GHz,
 * 100 MHz in the TDD mid-bands (n40/n41/n77/n78/n79 at 30 kHz, TS 38.101-1 Table 5.3.5-1) and 200 MHz in FR2.
 * 2G and 3G carriers (0.2 and 5 MHz) are listed for completeness: their throughput is not modelled.
 */
export const DEFAULT_BANDWIDTH_MHZ: Readonly<Record<Technology, ReadonlyArray<{ belowMhz: number; bandwidthMhz: number }>>> = {
  '2G': [{ belowMhz: Infinity, bandwidthMhz: 0.2 }],
  '3G': [{ belowMhz: Infinity, bandwidthMhz: 5 }],
  '4G': [
    { belowMhz: 1000, bandwidthMhz: 10 },
    { belowMhz: Infinity, bandwidthMhz: 20 },
  ],
  '5G': [
    { belowMhz: 1000, bandwidthMhz: 10 },
    { belowMhz: 2300, bandwidthMhz: 20 },
    { belowMhz: 7125, bandwidthMhz: 100 },
    { belowMhz: Infinity, bandwidthMhz: 200 },
  ],
};

/**
 * The channel bandwidth a cell of `technology` on `bandMhz` is taken to have when its row gives none, MHz.
 * @example defaultBandwidthMhz('5G', 3500) // 100
 */
export function defaultBandwidthMhz(technology: Technology, bandMhz: number): number {
  const rows = DEFAULT_BANDWIDTH_MHZ[technology];
  return (rows.find((row) => bandMhz < row.belowMhz) ?? rows[rows.length - 1]).bandwidthMhz;
}
