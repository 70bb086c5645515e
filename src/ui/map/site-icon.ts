/**
 * A site drawn as a small SVG of its sectors, for the few sites placed or proposed in a session (DOM markers): one
 * wedge per sector cell along its azimuth (north up, clockwise) with its beamwidth, a circle for an omni cell.
 * Drawn in `currentColor`, so each kind of site takes its colour from its marker's CSS class.
 */
import type { Cell } from '../../core/model.ts';
import { wedgeAngles } from './sector-geometry.ts';

const SIZE_PX = 36;
const RADIUS_PX = 15;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The SVG path of a cell's wedge around the centre (angles as the cell canvas draws them), or null for omni. */
export function wedgePath(centrePx: number, radiusPx: number, azimuthDeg: number | null, beamwidthDeg: number): string | null {
  const angles = wedgeAngles(azimuthDeg, beamwidthDeg);
  if (angles === null) return null;
  const point = (angle: number) => `${(centrePx + radiusPx * Math.cos(angle)).toFixed(2)} ${(centrePx + radiusPx * Math.sin(angle)).toFixed(2)}`;
  const largeArc = angles.end - angles.start > Math.PI ? 1 : 0;
  return `M ${centrePx} ${centrePx} L ${point(angles.start)} A ${radiusPx} ${radiusPx} 0 ${largeArc} 1 ${point(angles.end)} Z`;
}

/** The site's sectors as an SVG element (one distinct azimuth/beamwidth per wedge: stacked bands draw once). */
export function siteIconSvg(cells: readonly Cell[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(SIZE_PX));
  svg.setAttribute('height', String(SIZE_PX));
  svg.setAttribute('viewBox', `0 0 ${SIZE_PX} ${SIZE_PX}`);
  const centre = SIZE_PX / 2;
  const drawn = new Set<string>();
  for (const cell of cells) {
    const wedge = wedgePath(centre, RADIUS_PX, cell.azimuthDeg, cell.beamwidthDeg);
    const key = wedge ?? 'omni';
    if (drawn.has(key)) continue;
    drawn.add(key);
    if (wedge === null) {
      const circle = document.createElementNS(SVG_NS, 'circle');
      circle.setAttribute('class', 'omni');
      circle.setAttribute('cx', String(centre));
      circle.setAttribute('cy', String(centre));
      circle.setAttribute('r', String(RADIUS_PX * 0.7));
      svg.appendChild(circle);
    } else {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('class', 'sector');
      path.setAttribute('d', wedge);
      svg.appendChild(path);
    }
  }
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('class', 'site-dot');
  dot.setAttribute('cx', String(centre));
  dot.setAttribute('cy', String(centre));
  dot.setAttribute('r', '3.5');
  svg.appendChild(dot);
  return svg;
}

/** Leaflet's divIcon size and anchor for `siteIconSvg`. */
export const SITE_ICON_SIZE_PX = SIZE_PX;
