/**
 * The figures of the map's measuring tool: the length of a path and the area of a polygon clicked on the map,
 * by Turf on the sphere of Turf's mean Earth radius 6 371 008.8 m: great-circle (haversine) lengths, @turf/length,
 * and areas by the formula of Chamberlain & Duquette ("Some algorithms for polygons on a sphere", JPL 2007),
 * @turf/area. Over a city's few tens of kilometres these are within 0.5 % of the WGS84 ellipsoid's geodesics.
 * Formatted in m / km and m² / ha / km² for the language of the interface.
 */
import turfArea from '@turf/area';
import turfLength from '@turf/length';
import { formatCount, formatDecimal } from '../format-number.ts';
import type { Language } from '../i18n.ts';

/** A clicked point, WGS84 degrees. */
export type LonLat = readonly [lon: number, lat: number];

/** Length of the path through the points in order, metres (0 for fewer than two points). */
export function pathLengthM(points: readonly LonLat[]): number {
  if (points.length < 2) return 0;
  const line = { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: points.map(([lon, lat]) => [lon, lat]) } };
  return turfLength(line, { units: 'kilometers' }) * 1000;
}

/** Perimeter of the polygon the points outline (the path closed back to its first point), metres. */
export function perimeterM(points: readonly LonLat[]): number {
  return points.length < 3 ? pathLengthM(points) : pathLengthM([...points, points[0]]);
}

/** Area of the polygon the points outline (closed automatically), m² (0 for fewer than three points). */
export function polygonAreaM2(points: readonly LonLat[]): number {
  if (points.length < 3) return 0;
  const ring = [...points, points[0]].map(([lon, lat]) => [lon, lat]);
  return turfArea({ type: 'Polygon', coordinates: [ring] });
}

/** A length as a surveyor reads it: "850 m" below 1 km, "12,35 km" (vi) / "12.35 km" (en) from 1 km. */
export function formatLength(lengthM: number, language: Language): string {
  if (lengthM < 1000) return `${formatDecimal(lengthM, language, lengthM < 10 ? 1 : 0)} m`;
  return `${formatDecimal(lengthM / 1000, language, lengthM < 100_000 ? 2 : 1)} km`;
}

/** m² in a hectare and in a km². */
const HECTARE_M2 = 10_000;
const SQUARE_KM_M2 = 1_000_000;

/**
 * An area: "8.400 m²" below one hectare, "12,50 ha" below one km² (the unit planners use for land), then
 * "3,42 km²" (vi; en with "." decimals).
 */
export function formatArea(areaM2: number, language: Language): string {
  if (areaM2 < HECTARE_M2) return `${formatCount(areaM2, language)} m²`;
  if (areaM2 < SQUARE_KM_M2) return `${formatDecimal(areaM2 / HECTARE_M2, language, 2)} ha`;
  return `${formatDecimal(areaM2 / SQUARE_KM_M2, language, 2)} km²`;
}
