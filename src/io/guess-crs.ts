/**
 * A guess at the coordinate system of coordinates that are not WGS84 degrees, from their ranges alone, for the
 * message that asks the user to choose one. It is never applied by itself: TM-3 zones 15′ of meridian apart put
 * the same numbers 26 km apart, so only the user (or a .prj) can say which zone a file is in.
 */

/** Whether a coordinate pair cannot be longitude/latitude degrees. */
export function looksProjected(x: number, y: number): boolean {
  return Math.abs(x) > 180 || Math.abs(y) > 180;
}

/**
 * Describes what projected coordinates look like, with the spec to try first, e.g. for 597432 / 2306067:
 * "VN-2000 metres (easting 597,432, northing 2,306,067), in Hải Phòng the TM-3 105°45′ zone (vn2000-tm3:105.75)
 * or UTM 48N (EPSG:3405)". Takes a sample of [x, y] pairs as the file gives them (either order).
 */
export function describeProjected(pairs: ReadonlyArray<readonly [number, number]>): string {
  const eastings: number[] = [];
  const northings: number[] = [];
  for (const [x, y] of pairs) {
    // in Việt Nam a northing (≥ 900 km) always exceeds an easting: X = northing is the Vietnamese survey order
    eastings.push(Math.min(x, y));
    northings.push(Math.max(x, y));
  }
  const easting = median(eastings);
  const northing = median(northings);
  const format = (value: number): string => Math.round(value).toLocaleString('en-US');
  const where = `easting ${format(easting)}, northing ${format(northing)}`;
  const inVietnam = northing > 900_000 && northing < 2_700_000 && easting > 0 && easting < 1_000_000;
  if (!inVietnam) return `projected metres (${where}) of an unknown system`;
  // TM-3 eastings stay within ~150 km of 500 km; Hải Phòng in UTM 48N lies 640–720 km east
  const tm3First = easting > 380_000 && easting < 660_000;
  const tm3 = 'a VN-2000 TM-3 zone (Hải Phòng: vn2000-tm3:105.75; former Hải Dương: vn2000-tm3:105.5)';
  const utm = 'VN-2000 / UTM 48N (EPSG:3405) or 49N (EPSG:3406)';
  return `VN-2000 metres (${where}): ${tm3First ? `${tm3}, or ${utm}` : `${utm}, or ${tm3}`}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}
