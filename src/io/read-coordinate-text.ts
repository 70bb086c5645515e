/**
 * A position typed by a user (the map's search box), in any form the app reads elsewhere: decimal degrees
 * ("20.8583, 106.6833", "20,8583 106,6833" with decimal commas), degrees-minutes-seconds ("20°51′30″N
 * 106°41′00″E", read by dms.ts) or metres of a projected CRS as the cursor readout writes them ("X 2.305.870 m,
 * Y 597.756 m": X = northing, Y = easting, the Vietnamese survey order) or as two bare numbers (the larger is the
 * northing). Each value goes to the existing readers (readDms, parseDecimal) and metres through the CRS's proj4
 * transformation (crs.ts); this module only cuts the text in two and orders the axes.
 */
import type { Crs } from './crs.ts';
import { crsTransform } from './crs-transform.ts';
import { readDms, type DmsAxis } from './dms.ts';
import { looksProjected } from './guess-crs.ts';
import { parseDecimal } from './read-csv.ts';

export interface TypedPosition {
  /** WGS84 degrees. */
  lon: number;
  lat: number;
  /** How it was written: decimal degrees, DMS, or metres of the projected CRS. */
  form: 'degrees' | 'dms' | 'projected';
}

/** Longest text read as a position (anything longer is a name). */
const MAX_CHARS = 80;

type Value = { value: number; axis: DmsAxis | null; dms: boolean };

/** Thousands in groups of three, as the cursor readout writes metres: 2.305.870 (vi), 2,305,870 (en), 597 756. */
const GROUPED = /^\d{1,3}(?:([.,\s\u00a0])\d{3})(?:\1\d{3})*$/;

/**
 * One value: DMS (with its axis when a hemisphere is given), else a number. Digits grouped in threes are read as
 * thousands when the value is `metres` (597.756 m is 597 756 m), or from two groups on (2.305.870 is no degree).
 */
function readValue(text: string, metres: boolean): Value | null {
  const dms = metres ? null : readDms(text);
  if (dms !== null) return { value: dms.degrees, axis: dms.axis, dms: true };
  const groups = GROUPED.test(text) ? text.split(/[.,\s\u00a0]/).length - 1 : 0;
  const thousands = groups >= (metres ? 1 : 2);
  const value = thousands ? Number(text.replace(/[.,\s\u00a0]/g, '')) : parseDecimal(text, true);
  return Number.isFinite(value) ? { value, axis: null, dms: false } : null;
}

/** The two values of a pair cut at each run of separators in turn: the first cut where both halves read. */
function readPair(text: string, metres: boolean): [Value, Value] | null {
  const separators = /[\s,;/]+/g;
  for (let match = separators.exec(text); match !== null; match = separators.exec(text)) {
    const first = readValue(text.slice(0, match.index).trim(), metres);
    const second = first === null ? null : readValue(text.slice(match.index + match[0].length).trim(), metres);
    if (first !== null && second !== null) return [first, second];
  }
  return null;
}

/**
 * Reads a typed position; null when the text is not one (a name, a single number, values out of range).
 * Degrees without hemispheres are latitude first unless the first cannot be a latitude (|value| > 90). Metres
 * are read in `projectedCrs` (the province's VN-2000 TM-3 zone in the app).
 *
 * @example readCoordinateText('20°51′30″N 106°41′00″E', tm3) // { lat: 20.858333, lon: 106.683333, form: 'dms' }
 * @example readCoordinateText('X 2.305.870 m, Y 597.756 m', tm3) // VN-2000 TM-3 105°45′ → WGS84
 */
export function readCoordinateText(text: string, projectedCrs: Crs): TypedPosition | null {
  if (text.length > MAX_CHARS) return null;
  const source = text.trim();
  const labelled = /^x\s*[:=]?\s*(.+?)\s*m?\s*[,;]?\s+y\s*[:=]?\s*(.+?)\s*m?$/i.exec(source);
  if (labelled !== null) {
    const northing = readValue(labelled[1], true);
    const easting = readValue(labelled[2], true);
    return northing === null || easting === null ? null : projected(easting.value, northing.value, projectedCrs);
  }
  const pair = readPair(source, false);
  if (pair === null) return null;
  const [a, b] = pair;
  if (!a.dms && !b.dms && looksProjected(a.value, b.value)) {
    // metres: read again with every group of three digits as thousands
    const metres = readPair(source, true);
    if (metres === null) return null;
    const [x, y] = [metres[0].value, metres[1].value];
    return projected(Math.min(x, y), Math.max(x, y), projectedCrs);
  }
  let [lat, lon] = [a.value, b.value];
  if (a.axis === 'lon' || b.axis === 'lat' || (a.axis === null && b.axis === null && Math.abs(a.value) > 90)) [lat, lon] = [b.value, a.value];
  if (a.axis !== null && a.axis === b.axis) return null;
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
  return { lon, lat, form: a.dms || b.dms ? 'dms' : 'degrees' };
}

function projected(eastingM: number, northingM: number, crs: Crs): TypedPosition | null {
  const lonLat = crsTransform(crs).toWgs84(eastingM, northingM);
  return lonLat === null ? null : { lon: lonLat[0], lat: lonLat[1], form: 'projected' };
}
