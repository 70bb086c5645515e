/**
 * Candidate locations for new sites: a regular grid over the weak-signal zones, and the filter that removes
 * candidates inside exclusion polygons or too close to existing sites. Rules in docs/siting.md.
 */
import CheapRuler from 'cheap-ruler';
import inside from 'point-in-polygon-hao';
import type { MultiPolygon, Polygon } from 'geojson';
import type { HouseholdPoints } from '../model.ts';
import type { WeakHouseholds } from './coverage-sets.ts';
import { LocalPointIndex } from '../geo/point-index.ts';
import { boundsOf, polygonsOf } from '../geo/polygons.ts';

export interface CandidatePoint {
  lon: number;
  lat: number;
}

export interface CandidateGridInput {
  households: HouseholdPoints;
  /** The weak/none households (`collectWeakHouseholds`): every grid cell holding some gets a candidate. */
  weak: WeakHouseholds;
  /** Weak-signal zone polygons (`computeWeakZones`), or null to place candidates by households only. */
  zones: Array<Polygon | MultiPolygon> | null;
  /** Grid spacing, m (e.g. 500). */
  spacingM: number;
}

/** Default grid spacing, m: about half a dense-urban inter-site distance in Hải Phòng's synthetic network. */
export const DEFAULT_GRID_SPACING_M = 500;

/**
 * Candidates on a square grid of `spacingM` (metres at the mean latitude of all the household points, so the grid
 * stays put when the weak set changes: a site added far away must not move the candidates here):
 * 1. the centre of every grid cell whose centre lies inside a weak-signal zone;
 * 2. for every grid cell holding weak/none households but no candidate of rule 1 (zones narrower than the
 *    grid, households at a zone's edge), the household-weighted centroid of those households: on land and
 *    near them, where a cell centre might fall in the sea.
 * So every weak household has a candidate within one grid diagonal (√2 · spacing). Ordered south to north,
 * then west to east, so the output does not depend on the order of the inputs. Positions are rounded to 1e-7°
 * (≈ 1 cm) so that exported sites, read back, are exactly the sites that were evaluated.
 *
 * @example generateCandidateGrid({ households, weak, zones: zones.features.map((f) => f.geometry), spacingM: 500 })
 */
export function generateCandidateGrid(input: CandidateGridInput): CandidatePoint[] {
  const { households, weak, zones, spacingM } = input;
  if (!(spacingM > 0)) throw new RangeError(`spacingM must be > 0, got ${spacingM}`);
  let latSum = 0;
  for (let h = 0; h < households.lat.length; h++) latSum += households.lat[h];
  const middleLat = households.lat.length > 0 ? latSum / households.lat.length : zoneMiddleLat(zones);
  const ruler = new CheapRuler(middleLat, 'meters');
  const cellLonDeg = spacingM / ruler.kx;
  const cellLatDeg = spacingM / ruler.ky;
  const cells = new Map<string, { i: number; j: number; lon: number; lat: number }>();

  const point: [number, number] = [0, 0];
  for (const polygon of polygonsOf(zones)) {
    const [west, south, east, north] = boundsOf(polygon);
    for (let j = Math.floor(south / cellLatDeg); j * cellLatDeg <= north; j++) {
      for (let i = Math.floor(west / cellLonDeg); i * cellLonDeg <= east; i++) {
        point[0] = (i + 0.5) * cellLonDeg;
        point[1] = (j + 0.5) * cellLatDeg;
        if (inside(point, polygon) !== false) cells.set(`${i},${j}`, { i, j, lon: point[0], lat: point[1] });
      }
    }
  }

  const centroids = new Map<string, { i: number; j: number; lon: number; lat: number; weight: number }>();
  for (let k = 0; k < weak.household.length; k++) {
    const h = weak.household[k];
    const i = Math.floor(households.lon[h] / cellLonDeg);
    const j = Math.floor(households.lat[h] / cellLatDeg);
    const key = `${i},${j}`;
    if (cells.has(key)) continue;
    const sum = centroids.get(key) ?? { i, j, lon: 0, lat: 0, weight: 0 };
    // points of zero households still count a little, so a cell of them gets a candidate at their centroid
    const weight = Math.max(weak.weight[k], 1e-9);
    sum.lon += households.lon[h] * weight;
    sum.lat += households.lat[h] * weight;
    sum.weight += weight;
    centroids.set(key, sum);
  }
  for (const [key, sum] of centroids) cells.set(key, { i: sum.i, j: sum.j, lon: sum.lon / sum.weight, lat: sum.lat / sum.weight });

  return [...cells.values()]
    .sort((a, b) => a.j - b.j || a.i - b.i)
    .map(({ lon, lat }) => ({ lon: Number(lon.toFixed(7)), lat: Number(lat.toFixed(7)) }));
}

export interface CandidateFilter {
  /** Polygons where no new site may go (parks, airports, heritage areas…); boundaries count as inside. */
  exclusions: Array<Polygon | MultiPolygon>;
  /** Positions of the existing sites. */
  existingSites: CandidatePoint[];
  /** A candidate closer than this to an existing site is dropped, m (0 keeps all). */
  minSeparationM: number;
}

/** Default minimum separation from existing sites, m. */
export const DEFAULT_MIN_SEPARATION_M = 250;

type CandidateRejection =
  | { reason: 'exclusion-zone'; exclusionIndex: number }
  | { reason: 'near-existing-site'; existingIndex: number; distanceM: number };

export interface FilteredCandidates<T> {
  kept: T[];
  /** Dropped candidates with the first rule that dropped them (exclusions are checked first). */
  dropped: Array<{ candidate: T; rejection: CandidateRejection }>;
}

/**
 * Drops candidates inside an exclusion polygon or within `minSeparationM` of an existing site (ground
 * distance, cheap-ruler); keeps the order of the others.
 */
export function filterCandidates<T extends CandidatePoint>(candidates: readonly T[], filter: CandidateFilter): FilteredCandidates<T> {
  const exclusions = filter.exclusions.map((geometry) => {
    const polygons = polygonsOf([geometry]);
    return { polygons, bounds: polygons.map(boundsOf) };
  });
  const sites = LocalPointIndex.ofLonLat(
    filter.existingSites.map((site) => site.lon),
    filter.existingSites.map((site) => site.lat),
  );
  const kept: T[] = [];
  const dropped: FilteredCandidates<T>['dropped'] = [];
  const point: [number, number] = [0, 0];
  for (const candidate of candidates) {
    point[0] = candidate.lon;
    point[1] = candidate.lat;
    const exclusionIndex = exclusions.findIndex(({ polygons, bounds }) =>
      polygons.some((polygon, p) => withinBounds(point, bounds[p]) && inside(point, polygon) !== false),
    );
    if (exclusionIndex !== -1) {
      dropped.push({ candidate, rejection: { reason: 'exclusion-zone', exclusionIndex } });
      continue;
    }
    const nearest = nearestWithin(sites, filter.existingSites, candidate, filter.minSeparationM);
    if (nearest !== null && nearest.distanceM < filter.minSeparationM) {
      dropped.push({ candidate, rejection: { reason: 'near-existing-site', existingIndex: nearest.index, distanceM: nearest.distanceM } });
      continue;
    }
    kept.push(candidate);
  }
  return { kept, dropped };
}

/** The nearest indexed point within `radiusM` of `at` and its ground distance, or null. */
function nearestWithin(
  index: LocalPointIndex,
  points: readonly CandidatePoint[],
  at: CandidatePoint,
  radiusM: number,
): { index: number; distanceM: number } | null {
  const ruler = new CheapRuler(at.lat, 'meters');
  const [found, count] = index.within(at.lon, at.lat, radiusM);
  let best: { index: number; distanceM: number } | null = null;
  for (let k = 0; k < count; k++) {
    const site = points[found[k]];
    const distanceM = ruler.distance([at.lon, at.lat], [site.lon, site.lat]);
    if (distanceM <= radiusM && (best === null || distanceM < best.distanceM)) best = { index: found[k], distanceM };
  }
  return best;
}

function withinBounds(point: [number, number], [west, south, east, north]: [number, number, number, number]): boolean {
  return point[0] >= west && point[0] <= east && point[1] >= south && point[1] <= north;
}

function zoneMiddleLat(zones: Array<Polygon | MultiPolygon> | null): number {
  const polygons = polygonsOf(zones);
  if (polygons.length === 0) return 0;
  const [, south, , north] = boundsOf(polygons[0]);
  return (south + north) / 2;
}
