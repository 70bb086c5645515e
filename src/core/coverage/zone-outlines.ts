/**
 * Outlines of the weak-signal zones: 4-connected components of the weak mask, each outlined by marching squares
 * (d3-contour, linear smoothing: edges on cell borders, corners cut at 45°) and described by its households,
 * wards, area and best RSRP.
 */
import { contours } from 'd3-contour';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { signedArea } from '../geo/polygons.ts';
import type { AnalysisSettings } from '../model.ts';
import type { Steps } from '../steps.ts';
import type { WeakZoneProperties, WeakZones, WeakZonesInput } from './weak-zones.ts';
import type { ZoneGrid } from './zone-raster.ts';
import { EVALUATED } from './zone-sampling.ts';

/** Zones outlined between two checkpoints. */
const ZONES_PER_CHECKPOINT = 256;

/**
 * Labels the weak mask's 4-connected components, sums their households, and outlines each as a feature; yields
 * the fraction of zones outlined.
 */
export function* outlineZones(
  input: WeakZonesInput,
  settings: AnalysisSettings,
  grid: ZoneGrid,
  weak: Uint8Array,
  rsrp: Float32Array,
  state: Uint8Array,
  wardOfCell: Int32Array,
): Steps<WeakZones> {
  const { columns, rows } = grid;
  const label = new Int32Array(weak.length).fill(-1);
  const queue = new Int32Array(weak.length);
  const boxes: number[] = [];
  const bestDbm: number[] = [];
  const cellsOf: number[] = [];
  for (let start = 0; start < weak.length; start++) {
    if (weak[start] === 0 || label[start] !== -1) continue;
    const zone = cellsOf.length;
    let minI = columns, minJ = rows, maxI = -1, maxJ = -1, best = -Infinity, head = 0, tail = 0;
    label[start] = zone;
    queue[tail++] = start;
    while (head < tail) {
      const c = queue[head++];
      const i = c % columns;
      const j = (c - i) / columns;
      if (i < minI) minI = i;
      if (i > maxI) maxI = i;
      if (j < minJ) minJ = j;
      if (j > maxJ) maxJ = j;
      if (state[c] === EVALUATED && rsrp[c] > best) best = rsrp[c];
      // 4-neighbours: west, east, south, north
      if (i > 0 && weak[c - 1] === 1 && label[c - 1] === -1) { label[c - 1] = zone; queue[tail++] = c - 1; }
      if (i < columns - 1 && weak[c + 1] === 1 && label[c + 1] === -1) { label[c + 1] = zone; queue[tail++] = c + 1; }
      if (j > 0 && weak[c - columns] === 1 && label[c - columns] === -1) { label[c - columns] = zone; queue[tail++] = c - columns; }
      if (j < rows - 1 && weak[c + columns] === 1 && label[c + columns] === -1) { label[c + columns] = zone; queue[tail++] = c + columns; }
    }
    boxes.push(minI, minJ, maxI, maxJ);
    bestDbm.push(best);
    cellsOf.push(tail);
  }
  const zoneCount = cellsOf.length;

  // households of weak/none class, attributed by the grid cell they fall in
  const households = new Float64Array(zoneCount);
  const householdWards: Array<Set<number>> = Array.from({ length: zoneCount }, () => new Set());
  const { lon, lat, count } = input.households;
  const { signalClass, rsrpDbm } = input.coverage;
  for (let h = 0; h < input.households.length; h++) {
    if (signalClass[h] < 2) continue;
    const i = Math.floor((lon[h] - grid.westLon) / grid.cellLonDeg);
    const j = Math.floor((lat[h] - grid.southLat) / grid.cellLatDeg);
    if (i < 0 || j < 0 || i >= columns || j >= rows) continue;
    const zone = label[j * columns + i];
    if (zone === -1) continue;
    households[zone] += count[h];
    if (rsrpDbm[h] > bestDbm[zone]) bestDbm[zone] = rsrpDbm[h];
    if (input.wardOfHousehold[h] !== -1) householdWards[zone].add(input.wardOfHousehold[h]);
  }

  const cellAreaM2 = grid.cellM * grid.cellM;
  const outlines: Array<{ geometry: Polygon | MultiPolygon; properties: Omit<WeakZoneProperties, 'zone_id'> }> = [];
  const contour = contours().thresholds([0.5]);
  for (let zone = 0; zone < zoneCount; zone++) {
    if (zone % ZONES_PER_CHECKPOINT === 0) yield zone / zoneCount;
    // a lone cell outlines to a diamond of half a cell: below one cell, dropped unless it holds households
    if (cellsOf[zone] === 1 && households[zone] === 0) continue;
    const [minI, minJ, maxI, maxJ] = boxes.slice(zone * 4, zone * 4 + 4);
    // crop with a one-cell empty border so every ring closes inside the crop
    const width = maxI - minI + 3;
    const height = maxJ - minJ + 3;
    const values: number[] = new Array(width * height).fill(0);
    const wards = householdWards[zone];
    for (let j = minJ; j <= maxJ; j++) {
      for (let i = minI; i <= maxI; i++) {
        const c = j * columns + i;
        if (label[c] !== zone) continue;
        values[(j - minJ + 1) * width + (i - minI + 1)] = 1;
        if (wardOfCell[c] !== -1) wards.add(wardOfCell[c]);
      }
    }
    const polygons = contour.size([width, height])(values)[0].coordinates;
    let areaCells = 0;
    const lonLatPolygons = polygons.map((rings) =>
      rings.map((ring, r) => {
        const simplified = dropCollinear(ring);
        const signed = signedArea(simplified);
        areaCells += r === 0 ? Math.abs(signed) : -Math.abs(signed);
        // RFC 7946: exterior rings counter-clockwise, holes clockwise (lon east, lat north)
        if ((r === 0) !== (signed > 0)) simplified.reverse();
        return simplified.map(([x, y]): Position => [
          round6(grid.westLon + (x + minI - 1) * grid.cellLonDeg),
          round6(grid.southLat + (y + minJ - 1) * grid.cellLatDeg),
        ]);
      }),
    );
    const areaM2 = areaCells * cellAreaM2;
    if (areaM2 < cellAreaM2 && households[zone] === 0) continue;
    const best = bestDbm[zone];
    outlines.push({
      geometry:
        lonLatPolygons.length === 1
          ? { type: 'Polygon', coordinates: lonLatPolygons[0] }
          : { type: 'MultiPolygon', coordinates: lonLatPolygons },
      properties: {
        households: households[zone],
        ward_ids: [...wards].sort((x, y) => x - y).map((w) => input.wards[w].id),
        area_km2: Math.round(areaM2) / 1e6,
        best_rsrp_dbm: Number.isFinite(best) ? Math.round(best * 100) / 100 : null,
        signal_class: best >= settings.thresholdsDbm.weak ? 'weak' : 'none',
      },
    });
  }

  outlines.sort((x, y) => y.properties.households - x.properties.households || y.properties.area_km2 - x.properties.area_km2);
  const digits = Math.max(4, String(outlines.length).length);
  const features: Array<Feature<Polygon | MultiPolygon, WeakZoneProperties>> = outlines.map((outline, k) => ({
    type: 'Feature',
    geometry: outline.geometry,
    properties: { zone_id: `Z${String(k + 1).padStart(digits, '0')}`, ...outline.properties },
  }));
  return { type: 'FeatureCollection', features };
}

/** Removes vertices lying on the straight line between their neighbours (exact in grid units: multiples of ½). */
function dropCollinear(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  const kept: Position[] = [];
  for (let k = 0; k < open.length; k++) {
    const [ax, ay] = open[(k + open.length - 1) % open.length];
    const [bx, by] = open[k];
    const [cx, cy] = open[(k + 1) % open.length];
    if ((bx - ax) * (cy - by) - (by - ay) * (cx - bx) !== 0) kept.push([bx, by]);
  }
  kept.push([kept[0][0], kept[0][1]]);
  return kept;
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
