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
import { maskComponents, runAt } from './zone-components.ts';
import { rasterizeWards, type ZoneGrid } from './zone-raster.ts';
import { EVALUATED, sampleAt } from './zone-sampling.ts';

/** Zones outlined between two checkpoints. */
const ZONES_PER_CHECKPOINT = 256;

/**
 * Labels the weak mask's 4-connected components, sums their households, and outlines each as a feature; yields
 * the fraction of zones outlined. Marks `weak` cells 2 once their ward is known.
 */
export function* outlineZones(
  input: WeakZonesInput,
  settings: AnalysisSettings,
  grid: ZoneGrid,
  weak: Uint8Array,
  samples: { rsrp: Float32Array; state: Uint8Array; floorDbm: number },
): Steps<WeakZones> {
  const { columns, rows } = grid;
  const { rsrp, state } = samples;
  const components = maskComponents(weak, columns, rows);
  const { rowStart, first, last, componentOfRun } = components;
  const zoneCount = components.count;
  // each zone's runs (counting sort of the runs by zone, in row order), box, cells and best sampled RSRP
  const runsStart = new Int32Array(zoneCount + 1);
  for (let r = 0; r < componentOfRun.length; r++) runsStart[componentOfRun[r] + 1]++;
  for (let zone = 0; zone < zoneCount; zone++) runsStart[zone + 1] += runsStart[zone];
  const runsOf = new Int32Array(componentOfRun.length);
  const rowOfRun = new Int32Array(componentOfRun.length);
  const boxes = new Int32Array(zoneCount * 4);
  const cellsOf = new Float64Array(zoneCount);
  const bestDbm = new Float64Array(zoneCount).fill(-Infinity);
  const nextSlot = runsStart.slice(0, zoneCount);
  for (let zone = 0; zone < zoneCount; zone++) boxes.set([columns, rows, -1, -1], zone * 4);
  for (let j = 0; j < rows; j++) {
    for (let r = rowStart[j]; r < rowStart[j + 1]; r++) {
      const zone = componentOfRun[r];
      runsOf[nextSlot[zone]++] = r;
      rowOfRun[r] = j;
      const box = zone * 4;
      if (first[r] < boxes[box]) boxes[box] = first[r];
      if (j < boxes[box + 1]) boxes[box + 1] = j;
      if (last[r] > boxes[box + 2]) boxes[box + 2] = last[r];
      if (j > boxes[box + 3]) boxes[box + 3] = j;
      cellsOf[zone] += last[r] - first[r] + 1;
      let best = bestDbm[zone];
      for (let c = j * columns + first[r], end = j * columns + last[r]; c <= end; c++) if (state[c] === EVALUATED && rsrp[c] > best) best = rsrp[c];
      bestDbm[zone] = best;
    }
  }

  // households of weak/none class, attributed by the grid cell they fall in
  const households = new Float64Array(zoneCount);
  const wardsOf: Array<Set<number>> = Array.from({ length: zoneCount }, () => new Set());
  const { lon, lat, count } = input.households;
  const { signalClass, rsrpDbm } = input.coverage;
  for (let h = 0; h < input.households.length; h++) {
    if (signalClass[h] < 2) continue;
    const i = Math.floor((lon[h] - grid.westLon) / grid.cellLonDeg);
    const j = Math.floor((lat[h] - grid.southLat) / grid.cellLatDeg);
    if (i < 0 || j < 0 || i >= columns || j >= rows) continue;
    const run = runAt(components, i, j);
    if (run === -1) continue;
    const zone = componentOfRun[run];
    households[zone] += count[h];
    if (rsrpDbm[h] > bestDbm[zone]) bestDbm[zone] = rsrpDbm[h];
    if (input.wardOfHousehold[h] !== -1) wardsOf[zone].add(input.wardOfHousehold[h]);
  }

  // the samples are exact only at or above the sampling floor (zone-sampling.ts): a zone whose samples and
  // households all lie below it gets its best from its samples searched in full
  for (let zone = 0; zone < zoneCount; zone++) {
    if (bestDbm[zone] >= samples.floorDbm || (cellsOf[zone] === 1 && households[zone] === 0)) continue;
    let best = bestDbm[zone];
    for (let k = runsStart[zone]; k < runsStart[zone + 1]; k++) {
      const r = runsOf[k];
      const j = rowOfRun[r];
      for (let i = first[r]; i <= last[r]; i++) {
        const c = j * columns + i;
        if (state[c] !== EVALUATED || rsrp[c] !== -Infinity) continue;
        rsrp[c] = sampleAt(grid, input.engine, i, j);
        if (rsrp[c] > best) best = rsrp[c];
      }
    }
    bestDbm[zone] = best;
  }

  // the wards of each zone's cells: a weak cell is claimed (weak 1 → 2) by the first ward visited there, the
  // smallest where wards overlap
  rasterizeWards(input.wards, grid, (ward, row, from, to) => {
    for (let r = rowStart[row]; r < rowStart[row + 1] && first[r] <= to; r++) {
      if (last[r] < from) continue;
      let claimed = false;
      for (let c = row * columns + Math.max(from, first[r]), end = row * columns + Math.min(to, last[r]); c <= end; c++) {
        if (weak[c] !== 1) continue;
        weak[c] = 2;
        claimed = true;
      }
      if (claimed) wardsOf[componentOfRun[r]].add(ward);
    }
  });

  const cellAreaM2 = grid.cellM * grid.cellM;
  const outlines: Array<{ geometry: Polygon | MultiPolygon; properties: Omit<WeakZoneProperties, 'zone_id'> }> = [];
  const contour = contours().thresholds([0.5]);
  for (let zone = 0; zone < zoneCount; zone++) {
    if (zone % ZONES_PER_CHECKPOINT === 0) yield zone / zoneCount;
    // a lone cell outlines to a diamond of half a cell: below one cell, dropped unless it holds households
    if (cellsOf[zone] === 1 && households[zone] === 0) continue;
    const [minI, minJ, maxI, maxJ] = boxes.subarray(zone * 4, zone * 4 + 4);
    // crop with a one-cell empty border so every ring closes inside the crop
    const width = maxI - minI + 3;
    const height = maxJ - minJ + 3;
    const values = new Uint8Array(width * height);
    const wards = wardsOf[zone];
    for (let k = runsStart[zone]; k < runsStart[zone + 1]; k++) {
      const r = runsOf[k];
      const row = (rowOfRun[r] - minJ + 1) * width + 1 - minI;
      values.fill(1, row + first[r], row + last[r] + 1);
    }
    // one byte per cell (a number[] of a province-wide zone's box is 8 bytes each); d3-contour only indexes it,
    // though its typings ask for number[]
    const polygons = contour.size([width, height])(values as unknown as number[])[0].coordinates;
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
