/**
 * Geometry of sector wedges on screen: the wedge of a cell spans its beamwidth centred on its azimuth
 * (degrees clockwise from north); an omni cell is a full circle. Screen y grows downwards, so the canvas
 * angle (clockwise from east) of an azimuth is azimuth − 90°.
 */

/** Narrowest wedge drawn, so very narrow beams stay visible and clickable. */
export const MIN_WEDGE_DEG = 30;
/** An omni cell's circle, as a fraction of the wedges' radius: smaller, so the sectors of its site still show. */
export const OMNI_RADIUS_FRACTION = 0.55;

/** Canvas start and end angles (radians) of a wedge; null for omni. */
export function wedgeAngles(azimuthDeg: number | null, beamwidthDeg: number): { start: number; end: number } | null {
  if (azimuthDeg === null || beamwidthDeg >= 360) return null;
  const halfRad = (Math.max(beamwidthDeg, MIN_WEDGE_DEG) * Math.PI) / 360;
  const centreRad = ((azimuthDeg - 90) * Math.PI) / 180;
  return { start: centreRad - halfRad, end: centreRad + halfRad };
}

/**
 * Whether a screen offset (dx right, dy down, pixels from the site) lies in a cell's shape as drawn, or within
 * `tolerancePx` of it: the wedge of radius `radiusPx`, or an omni cell's smaller circle. The bearing of the
 * offset is atan2(dx, −dy) (clockwise from north); it is in the wedge when its angular distance to the azimuth is
 * at most half the drawn width, and near it when within the tolerance of an edge (the outline's stroke and its
 * anti-aliased rim are clicked as the wedge).
 */
export function isInWedge(dxPx: number, dyPx: number, radiusPx: number, azimuthDeg: number | null, beamwidthDeg: number, tolerancePx = 0): boolean {
  const distancePx = Math.hypot(dxPx, dyPx);
  if (azimuthDeg === null || beamwidthDeg >= 360) return distancePx <= radiusPx * OMNI_RADIUS_FRACTION + tolerancePx;
  if (distancePx > radiusPx + tolerancePx) return false;
  const bearingDeg = (Math.atan2(dxPx, -dyPx) * 180) / Math.PI;
  const offDeg = Math.abs(((bearingDeg - azimuthDeg + 540) % 360) - 180);
  const halfWidthDeg = Math.max(beamwidthDeg, MIN_WEDGE_DEG) / 2;
  if (offDeg <= halfWidthDeg) return true;
  // beside the wedge: the distance to its nearer straight edge, a segment from the site out to the radius
  const beyondRad = ((offDeg - halfWidthDeg) * Math.PI) / 180;
  const alongPx = distancePx * Math.cos(beyondRad);
  const acrossPx = distancePx * Math.sin(beyondRad);
  if (beyondRad >= Math.PI / 2 || alongPx <= 0) return distancePx <= tolerancePx;
  if (alongPx > radiusPx) return Math.hypot(alongPx - radiusPx, acrossPx) <= tolerancePx;
  return acrossPx <= tolerancePx;
}
