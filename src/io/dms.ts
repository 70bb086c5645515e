/**
 * Degrees-minutes-seconds as survey documents and GPS tools write them, read into decimal degrees:
 * `20°51′30″N`, `20°51'30"N`, `20° 51' 30,5" B`, `N 20°51.5'`, `20d51m30s`, `106º41'15'' E`, `-20°51'30"`,
 * `20 51 30 N`. Hemispheres: N/S/E/W and Vietnamese B/Bắc, Nam, Đ/Đông, T/Tây (a lone N is north). A decimal
 * comma is read as a decimal point (Vietnamese documents write 30,5″).
 */

export type DmsAxis = 'lat' | 'lon';

export interface DmsValue {
  degrees: number;
  /** Which axis the hemisphere letter names, or null when the text has none. */
  axis: DmsAxis | null;
}

/** Hemisphere letters (after folding Đ to D): sign and axis. "N" is north (Nam = south is spelled out). */
const HEMISPHERES: Record<string, { sign: 1 | -1; axis: DmsAxis }> = {
  n: { sign: 1, axis: 'lat' },
  s: { sign: -1, axis: 'lat' },
  b: { sign: 1, axis: 'lat' },
  bac: { sign: 1, axis: 'lat' },
  nam: { sign: -1, axis: 'lat' },
  e: { sign: 1, axis: 'lon' },
  w: { sign: -1, axis: 'lon' },
  d: { sign: 1, axis: 'lon' },
  dong: { sign: 1, axis: 'lon' },
  t: { sign: -1, axis: 'lon' },
  tay: { sign: -1, axis: 'lon' },
};

/** Marks after a number: degrees, minutes, seconds (two apostrophes are seconds, as typed without ″). */
const MARK_SLOT: Array<[RegExp, 0 | 1 | 2]> = [
  [/^(?:''|′′|’’|["″”“s])/, 2],
  [/^[°º˚d]/, 0],
  [/^['′’‘m]/, 1],
];

const HEMISPHERE_WORD = /^(bac|nam|dong|tay|[nsewbdt])\b/;

/**
 * Reads a DMS string; null when the text is not one (a plain decimal number is not DMS: read it as a number).
 * Minutes and seconds must be below 60, only the last part may have decimals, and a hemisphere letter and a
 * minus sign may not both be given.
 *
 * @example readDms('20°51′30″N') // { degrees: 20.858333…, axis: 'lat' }
 * @example readDms("106°41'15\" Đ") // { degrees: 106.6875, axis: 'lon' }
 */
export function readDms(text: string): DmsValue | null {
  if (text.length > 64) return null;
  let body = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1.$2')
    .trim();
  let hemisphere: { sign: 1 | -1; axis: DmsAxis } | null = null;
  const leading = HEMISPHERE_WORD.exec(body);
  if (leading) {
    hemisphere = HEMISPHERES[leading[1]];
    body = body.slice(leading[0].length).trim();
  } else {
    // a letter right after a digit may be a mark (20d51m30s): s and d there are seconds and degrees
    const trailing = /(\s*)(bac|nam|dong|tay|[nsewbdt])$/.exec(body);
    if (trailing && !(trailing[1] === '' && /^[sd]$/.test(trailing[2]) && /\d$/.test(body.slice(0, trailing.index)))) {
      hemisphere = HEMISPHERES[trailing[2]];
      body = body.slice(0, trailing.index).trim();
    }
  }
  let sign = 1;
  if (body.startsWith('-') || body.startsWith('+')) {
    if (hemisphere !== null) return null;
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1).trim();
  }
  const values: number[] = [];
  let marked = false;
  let next = 0; // the slot a number without a mark fills: 0 degrees, 1 minutes, 2 seconds
  while (body !== '') {
    const number = /^\d+(?:\.\d+)?/.exec(body);
    if (number === null) return null;
    body = body.slice(number[0].length).trimStart();
    let slot = next;
    for (const [mark, markSlot] of MARK_SLOT) {
      const found = mark.exec(body);
      if (found) {
        slot = markSlot;
        marked = true;
        body = body.slice(found[0].length).trimStart();
        break;
      }
    }
    if (slot < next || slot > 2) return null;
    while (values.length < slot) values.push(0);
    values[slot] = Number(number[0]);
    next = slot + 1;
  }
  // without marks it takes a hemisphere ("20 51 30 N", "20.8583 N"): a bare number is not DMS
  if (values.length === 0 || (!marked && hemisphere === null)) return null;
  const [degrees, minutes = 0, seconds = 0] = values;
  if (minutes >= 60 || seconds >= 60) return null;
  for (let k = 0; k < values.length - 1; k++) if (!Number.isInteger(values[k])) return null;
  const decimal = degrees + minutes / 60 + seconds / 3600;
  return { degrees: (hemisphere?.sign ?? 1) * sign * decimal, axis: hemisphere?.axis ?? null };
}

/** Decimal degrees of a DMS string, or NaN when it is not one (see readDms). */
export function parseDms(text: string): number {
  return readDms(text)?.degrees ?? NaN;
}

/**
 * Formats decimal degrees as DMS with the hemisphere: formatDms(20.858333, 'lat') = 20°51′30.0″N.
 * Seconds to 0.1″ (about 3 m), rounding carried into minutes and degrees.
 */
export function formatDms(degrees: number, axis: DmsAxis): string {
  const hemisphere = axis === 'lat' ? (degrees < 0 ? 'S' : 'N') : degrees < 0 ? 'W' : 'E';
  const tenths = Math.round(Math.abs(degrees) * 36000);
  const d = Math.floor(tenths / 36000);
  const m = Math.floor((tenths % 36000) / 600);
  const s = (tenths % 600) / 10;
  return `${d}°${String(m).padStart(2, '0')}′${s.toFixed(1).padStart(4, '0')}″${hemisphere}`;
}
