/**
 * The report maps, checked structurally: legend, north arrow and caption present; the scale bar's length agrees
 * with the ground distance of a drawn line measured independently (haversine on the sphere, R = 6 371 008.8 m,
 * the IUGG mean radius; the projection uses the WGS84 ellipsoid, which differs by < 0.5 % at 21° N east–west);
 * every text escaped; pattern ids unique per map.
 */
import type { LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { frameHeightFor, scaleBarLength } from '../../../src/core/report/map/map-projection.ts';
import { renderMapSvg, type AreaStyle, type MapSpec } from '../../../src/core/report/map/render-map-svg.ts';
import { mapBoxes } from '../../../src/core/report/report-maps.ts';

const EARTH_RADIUS_M = 6_371_008.8;

function haversineM([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

const square: Polygon = { type: 'Polygon', coordinates: [[[106.4, 20.7], [106.8, 20.7], [106.8, 21.0], [106.4, 21.0], [106.4, 20.7]]] };
const midLine: LineString = { type: 'LineString', coordinates: [[106.4, 20.85], [106.8, 20.85]] };
const style: AreaStyle = { fill: '#fd8d3c', pattern: 'hatch', stroke: '#555555', strokeWidth: 0.35 };

function spec(overrides: Partial<MapSpec> = {}): MapSpec {
  return {
    id: 'test',
    width: 500,
    height: 400,
    box: [106.4, 20.7, 106.8, 21.0],
    areas: [{ geometry: square, style }],
    lines: [{ geometry: midLine, style: { stroke: '#000000', strokeWidth: 1 } }],
    points: [{ lon: 106.47, lat: 20.75, id: 'NEW-001', marker: 'triangle' }],
    labels: [{ geometry: square, text: 'Xã Đông Hưng', priority: 1 }],
    labelFontSize: 7,
    legendTitle: 'Chú giải',
    legend: [
      { kind: 'area', label: '> 5–15 %', style },
      { kind: 'line', label: 'Tuyến cáp', style: { stroke: '#000000', strokeWidth: 1 } },
      { kind: 'marker', label: 'Trạm chọn tự động', marker: 'triangle' },
    ],
    northLetter: 'B',
    caption: 'Dữ liệu: 01/12/2026',
    title: 'Bản đồ thử',
    ...overrides,
  };
}

/** x coordinates of an open path "Mx yLx y" (the line layer's path). */
function pathXs(d: string): number[] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => Number(match[1]));
}

describe('renderMapSvg', () => {
  const svg = renderMapSvg(spec());

  it('has the legend title and every class label, the north arrow and the data date', () => {
    for (const text of ['Chú giải', '&gt; 5–15 %', 'Tuyến cáp', 'Trạm chọn tự động', 'Dữ liệu: 01/12/2026']) expect(svg).toContain(`>${text}</text>`);
    expect(svg).toMatch(/font-weight="bold" text-anchor="middle">B<\/text>/);
    expect(svg).toContain('>Xã Đông Hưng</text>');
    expect(svg).toContain('>NEW-001</text>');
  });

  it('draws a scale bar whose length matches the ground distance of the drawn line (independent haversine)', () => {
    const line = /<path d="(M[^"]+)" fill="none" stroke="#000000" stroke-width="1" stroke-linecap="round"/.exec(svg);
    expect(line).not.toBeNull();
    const [x1, x2] = pathXs(line![1]);
    const metresPerUnit = haversineM(midLine.coordinates[0], midLine.coordinates[1]) / (x2 - x1);
    const bar = /class="scale-bar" data-metres="(\d+)" data-units="([\d.]+)"/.exec(svg)!;
    const [metres, units] = [Number(bar[1]), Number(bar[2])];
    expect(Math.abs(units * metresPerUnit - metres) / metres).toBeLessThan(0.005);
    // the drawn bar (two halves) is as long as it says
    const halves = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="4"/g)].map((match) => Number(match[2]));
    expect(halves).toHaveLength(2);
    expect(Math.abs(halves[0] + halves[1] - units)).toBeLessThan(0.02);
    // a round length: 1, 2 or 5 × 10^n metres, at most a quarter of the width
    expect(/^[125]0*$/.test(String(metres))).toBe(true);
    expect(units).toBeLessThanOrEqual(500 * 0.25);
  });

  it('escapes text from the data and keeps ids unique per map', () => {
    const hostile = renderMapSvg(spec({ id: 'm2', labels: [{ geometry: square, text: '<script>&"', priority: 1 }] }));
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;script&gt;&amp;&quot;');
    expect(hostile).toContain('id="m2-p1"');
    expect(hostile).toContain('clip-path="url(#m2-frame)"');
  });

  it('fills classes with patterns so they differ without colour', () => {
    expect(svg).toMatch(/<pattern id="test-p1" patternUnits="userSpaceOnUse"[^>]*><rect[^>]*fill="#fd8d3c"\/><path d="M0 5L5 0/);
    expect(svg).toContain('fill="url(#test-p1)"');
  });
});

describe('the inset of outlying units', () => {
  // a city of 3 × 3 squares of 0.1° filling the frame's west, and an island 1.5° south-east of it
  const cell = (west: number, south: number, size = 0.1): Polygon => ({
    type: 'Polygon',
    coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
  });
  const city = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => cell(106.3 + 0.1 * i, 20.7 + 0.1 * j)));
  const island = cell(107.9, 19.3, 0.02);

  it('keeps the island out of the frame and puts it in the inset', () => {
    expect(mapBoxes([...city, island])).toEqual({ box: [106.3, 20.7, 106.6, 21.0], inset: [107.9, 19.3, 107.92, 19.32] });
    // no outlying unit: no inset
    expect(mapBoxes(city)).toEqual({ box: [106.3, 20.7, 106.6, 21.0], inset: null });
    expect(mapBoxes([])).toBeNull();
  });

  it('draws the island in a corner frame clear of the city, its name inside', () => {
    // the frame is twice as wide as the city's box: the city's squares fill its middle, the corners at the
    // bottom hold none of their vertices; the bottom-right is taken first
    const areas = [...city, island].map((geometry) => ({ geometry, style }));
    const labels = [{ geometry: island, text: 'Bạch Long Vĩ', priority: 1 }];
    const svg = renderMapSvg(spec({ id: 'm3', width: 600, height: 300, box: [106.3, 20.7, 106.6, 21.0], inset: [107.9, 19.3, 107.92, 19.32], areas, lines: [], points: [], labels }));
    const inset = /<g transform="translate\(([\d.]+) ([\d.]+)\)"><rect x="0" y="0" width="(\d+)" height="(\d+)" fill="#ffffff"\/>/.exec(svg);
    expect(inset).not.toBeNull();
    const [left, top, width, height] = inset!.slice(1).map(Number);
    expect(width).toBe(Math.round(600 * 0.22));
    expect(left + width).toBe(600 - 6);
    expect(top + height).toBe(300 - 6);
    expect(svg).toContain('<clipPath id="m3-inset"><rect x="0" y="0" width="132"');
    // the island's name is drawn once, within the inset (the main frame's projection puts it far outside)
    const names = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*fill="#000000">Bạch Long Vĩ<\/text>/g)];
    expect(names).toHaveLength(1);
    const [x, y] = [Number(names[0][1]), Number(names[0][2])];
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(width);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(height);
  });

  it('takes another corner when the city lies in the bottom-right one', () => {
    const areas = city.map((geometry) => ({ geometry, style }));
    // the box's west half is empty: the city fills the frame's east, the bottom-left corner is free
    const svg = renderMapSvg(spec({ id: 'm4', width: 600, height: 300, box: [106.0, 20.7, 106.6, 21.0], inset: [107.9, 19.3, 107.92, 19.32], areas, lines: [], points: [], labels: [] }));
    const inset = /<g transform="translate\(([\d.]+) ([\d.]+)\)"><rect x="0" y="0" width="(\d+)" height="(\d+)" fill="#ffffff"\/>/.exec(svg)!;
    expect(Number(inset[1])).toBe(6);
  });
});

describe('scale bar and frame', () => {
  it('picks the longest 1, 2 or 5 × 10^n metres that fits', () => {
    expect(scaleBarLength(100, 125)).toEqual({ metres: 10_000, units: 100 });
    expect(scaleBarLength(100, 250)).toEqual({ metres: 20_000, units: 200 });
    expect(scaleBarLength(100, 60)).toEqual({ metres: 5_000, units: 50 });
    expect(scaleBarLength(3, 100)).toEqual({ metres: 200, units: 200 / 3 });
  });

  it('sizes the frame to the box: a square box of 44.4 km × 41.6 km at 21° N gives a near-square frame', () => {
    // 0.4° of longitude at 20.85° N ≈ 41.6 km, 0.4° of latitude ≈ 44.3 km (haversine)
    const widthM = haversineM([106.4, 20.85], [106.8, 20.85]);
    const heightM = haversineM([106.6, 20.65], [106.6, 21.05]);
    const height = frameHeightFor([106.4, 20.65, 106.8, 21.05], 500, 20, 100, 1000);
    expect(Math.abs((height - 40) / 460 - heightM / widthM)).toBeLessThan(0.01);
    expect(frameHeightFor([106.4, 20.65, 106.8, 21.05], 500, 20, 100, 300)).toBe(300);
  });
});
