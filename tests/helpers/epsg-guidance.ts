/**
 * Independent formulas for checking src/io/crs.ts, written from IOGP Publication 373-7-2 (EPSG Guidance Note 7-2,
 * "Coordinate Conversions and Transformations including Formulas"): §3.5.3.1 Transverse Mercator (JHS formulas)
 * forward, §4.1.1 geographic ↔ geocentric, §4.4.3.1 Helmert 7-parameter (position vector). Each is checked in
 * the tests against the Guidance Note's own worked example before it is used on VN-2000 points.
 */

export interface Ellipsoid {
  a: number;
  /** Inverse flattening. */
  rf: number;
}

export const WGS84_ELLIPSOID: Ellipsoid = { a: 6378137, rf: 298.257223563 };

const RAD = Math.PI / 180;

/** Transverse Mercator forward, JHS formulas (GN 7-2 §3.5.3.1): degrees → easting, northing in metres. */
export function transverseMercatorForward(
  ellipsoid: Ellipsoid,
  origin: { lat0Deg: number; lon0Deg: number; k0: number; falseEastingM: number; falseNorthingM: number },
  latDeg: number,
  lonDeg: number,
): [number, number] {
  const f = 1 / ellipsoid.rf;
  const n = f / (2 - f);
  const B = (ellipsoid.a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const h1 = n / 2 - (2 / 3) * n ** 2 + (5 / 16) * n ** 3 + (41 / 180) * n ** 4;
  const h2 = (13 / 48) * n ** 2 - (3 / 5) * n ** 3 + (557 / 1440) * n ** 4;
  const h3 = (61 / 240) * n ** 3 - (103 / 140) * n ** 4;
  const h4 = (49561 / 161280) * n ** 4;
  const e = Math.sqrt(f * (2 - f));
  const meridionalArc = (phi: number): number => {
    if (phi === 0) return 0;
    const Q = Math.asinh(Math.tan(phi)) - e * Math.atanh(e * Math.sin(phi));
    const xi0 = Math.atan(Math.sinh(Q));
    const xi = xi0 + h1 * Math.sin(2 * xi0) + h2 * Math.sin(4 * xi0) + h3 * Math.sin(6 * xi0) + h4 * Math.sin(8 * xi0);
    return B * xi;
  };
  const M0 = meridionalArc(origin.lat0Deg * RAD);
  const phi = latDeg * RAD;
  const Q = Math.asinh(Math.tan(phi)) - e * Math.atanh(e * Math.sin(phi));
  const beta = Math.atan(Math.sinh(Q));
  const eta0 = Math.atanh(Math.cos(beta) * Math.sin((lonDeg - origin.lon0Deg) * RAD));
  const xi0 = Math.asin(Math.sin(beta) * Math.cosh(eta0));
  let xi = xi0;
  let eta = eta0;
  [h1, h2, h3, h4].forEach((h, k) => {
    const m = 2 * (k + 1);
    xi += h * Math.sin(m * xi0) * Math.cosh(m * eta0);
    eta += h * Math.cos(m * xi0) * Math.sinh(m * eta0);
  });
  return [origin.falseEastingM + origin.k0 * B * eta, origin.falseNorthingM + origin.k0 * (B * xi - M0)];
}

/** Geographic (degrees, ellipsoidal height 0 unless given) → geocentric X, Y, Z (GN 7-2 §4.1.1). */
export function geographicToGeocentric(ellipsoid: Ellipsoid, latDeg: number, lonDeg: number, h = 0): [number, number, number] {
  const f = 1 / ellipsoid.rf;
  const e2 = f * (2 - f);
  const phi = latDeg * RAD;
  const lambda = lonDeg * RAD;
  const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  return [
    (nu + h) * Math.cos(phi) * Math.cos(lambda),
    (nu + h) * Math.cos(phi) * Math.sin(lambda),
    ((1 - e2) * nu + h) * Math.sin(phi),
  ];
}

/** Geocentric → geographic degrees (GN 7-2 §4.1.1, Bowring's formula, iterated to 1e-12). */
export function geocentricToGeographic(ellipsoid: Ellipsoid, X: number, Y: number, Z: number): [number, number] {
  const f = 1 / ellipsoid.rf;
  const e2 = f * (2 - f);
  const p = Math.hypot(X, Y);
  let phi = Math.atan2(Z, p * (1 - e2));
  for (let k = 0; k < 10; k++) {
    const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    phi = Math.atan2(Z + e2 * nu * Math.sin(phi), p);
  }
  return [phi / RAD, Math.atan2(Y, X) / RAD];
}

/**
 * Helmert 7-parameter transformation, position vector convention (GN 7-2 §4.4.3.1): translations in metres,
 * rotations in arc-seconds, scale in ppm. The rotation matrix is the small-angle form the Guidance Note gives.
 */
export function helmertPositionVector(
  [tx, ty, tz, rxSec, rySec, rzSec, dsPpm]: readonly number[],
  [X, Y, Z]: readonly [number, number, number],
): [number, number, number] {
  const sec = RAD / 3600;
  const rx = rxSec * sec;
  const ry = rySec * sec;
  const rz = rzSec * sec;
  const M = 1 + dsPpm * 1e-6;
  return [
    M * (X - rz * Y + ry * Z) + tx,
    M * (rz * X + Y - rx * Z) + ty,
    M * (-ry * X + rx * Y + Z) + tz,
  ];
}
