/**
 * Sector antenna attenuation, 3GPP TR 36.814 V9.2.0 Table A.2.1.1-2 (3-sector macro antenna pattern):
 *   A_H(φ) = min(12·(φ/φ_3dB)², A_m),            φ_3dB = the cell's beamwidth (65° by default), A_m = 25 dB
 *   A_V(θ) = min(12·((θ − θ_tilt)/θ_3dB)², SLA_V),  θ_3dB = 10°, SLA_V = 20 dB
 *   A(φ, θ) = min(A_H + A_V, A_m)
 * written as positive losses in dB. φ is the horizontal angle between the antenna azimuth and the bearing to the
 * point, θ the elevation angle below the horizon from the antenna to the handset, θ_tilt the downtilt.
 */

/** A_m: front-to-back ratio and cap on the total attenuation, dB. */
const MAX_ATTENUATION_DB = 25;
/** SLA_V: side-lobe level of the vertical pattern, dB. */
const VERTICAL_SIDE_LOBE_LEVEL_DB = 20;
/** θ_3dB: vertical half-power beamwidth, degrees. */
const VERTICAL_BEAMWIDTH_DEG = 10;

const DEG_PER_RAD = 180 / Math.PI;

/**
 * Wraps an angle to −180…180 degrees.
 * @example wrapDegrees(300) // -60
 */
export function wrapDegrees(angleDeg: number): number {
  return angleDeg - 360 * Math.round(angleDeg / 360);
}

/**
 * Horizontal pattern loss A_H in dB for an angle off boresight (any range; wrapped to ±180°).
 * @example horizontalPatternLossDb(60, 65) // 12·(60/65)² = 10.225 dB
 */
export function horizontalPatternLossDb(offBoresightDeg: number, beamwidthDeg: number): number {
  const ratio = wrapDegrees(offBoresightDeg) / beamwidthDeg;
  const lossDb = 12 * ratio * ratio;
  return lossDb < MAX_ATTENUATION_DB ? lossDb : MAX_ATTENUATION_DB;
}

/**
 * Vertical pattern loss A_V in dB at an elevation angle below the horizon, for a downtilt (both in degrees).
 * @example verticalPatternLossDb(8, 3) // 12·(5/10)² = 3 dB
 */
export function verticalPatternLossDb(elevationDeg: number, tiltDeg: number): number {
  const ratio = (elevationDeg - tiltDeg) / VERTICAL_BEAMWIDTH_DEG;
  const lossDb = 12 * ratio * ratio;
  return lossDb < VERTICAL_SIDE_LOBE_LEVEL_DB ? lossDb : VERTICAL_SIDE_LOBE_LEVEL_DB;
}

/**
 * Elevation angle below the horizon from the antenna to the handset, degrees: atan2(h_BS − h_UT, d_2D).
 * @example elevationDeg(28.5, 100) // 15.91°
 */
export function elevationDeg(heightAboveHandsetM: number, groundDistanceM: number): number {
  return Math.atan2(heightAboveHandsetM, groundDistanceM) * DEG_PER_RAD;
}

/**
 * Total pattern loss in dB (0…25): A_H when the sector has an azimuth (omni otherwise), plus A_V only when it
 * has a tilt, capped at A_m.
 *
 * @param azimuthDeg antenna azimuth clockwise from north, or null for an omni antenna
 * @param tiltDeg downtilt (positive down), or null to apply no vertical pattern
 * @param bearingDeg bearing from the antenna to the point, clockwise from north, any range
 * @example sectorPatternLossDb(0, 65, null, 60, 28.5, 100) // 10.225 dB
 */
export function sectorPatternLossDb(
  azimuthDeg: number | null,
  beamwidthDeg: number,
  tiltDeg: number | null,
  bearingDeg: number,
  heightAboveHandsetM: number,
  groundDistanceM: number,
): number {
  const horizontalDb = azimuthDeg === null ? 0 : horizontalPatternLossDb(bearingDeg - azimuthDeg, beamwidthDeg);
  if (tiltDeg === null) return horizontalDb;
  const totalDb = horizontalDb + verticalPatternLossDb(elevationDeg(heightAboveHandsetM, groundDistanceM), tiltDeg);
  return totalDb < MAX_ATTENUATION_DB ? totalDb : MAX_ATTENUATION_DB;
}
