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
