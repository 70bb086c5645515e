/**
 * Geometry of sector wedges on screen: the wedge of a cell spans its beamwidth centred on its azimuth
 * (degrees clockwise from north); an omni cell is a full circle. Screen y grows downwards, so the canvas
 * angle (clockwise from east) of an azimuth is azimuth − 90°.
 */

/** Narrowest wedge drawn, so very narrow beams stay visible and clickable. */
export const MIN_WEDGE_DEG = 30;

/** Canvas start and end angles (radians) of a wedge; null for omni. */
export function wedgeAngles(azimuthDeg: number | null, beamwidthDeg: number): { start: number; end: number } | null {
  if (azimuthDeg === null || beamwidthDeg >= 360) return null;
  const halfRad = (Math.max(beamwidthDeg, MIN_WEDGE_DEG) * Math.PI) / 360;
  const centreRad = ((azimuthDeg - 90) * Math.PI) / 180;
  return { start: centreRad - halfRad, end: centreRad + halfRad };
}

/**
 * Whether a screen offset (dx right, dy down, pixels from the site) lies in the wedge of radius `radiusPx`.
 * The bearing of the offset is atan2(dx, −dy) (clockwise from north); it is in the wedge when its angular
 * distance to the azimuth is at most half the drawn width.
 */
export function isInWedge(dxPx: number, dyPx: number, radiusPx: number, azimuthDeg: number | null, beamwidthDeg: number): boolean {
  if (dxPx * dxPx + dyPx * dyPx > radiusPx * radiusPx) return false;
  if (azimuthDeg === null || beamwidthDeg >= 360) return true;
  const bearingDeg = (Math.atan2(dxPx, -dyPx) * 180) / Math.PI;
  const offDeg = Math.abs(((bearingDeg - azimuthDeg + 540) % 360) - 180);
  return offDeg <= Math.max(beamwidthDeg, MIN_WEDGE_DEG) / 2;
}
