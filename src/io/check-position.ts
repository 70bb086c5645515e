/** Range and swap checks for one longitude/latitude pair, shared by the CSV and GeoJSON readers. */

export type PositionProblem = 'lon-out-of-range' | 'lat-out-of-range' | 'lon-lat-swapped';

/**
 * Checks WGS84 degrees: lon in −180…180, lat in −90…90. A latitude beyond ±90 with a longitude that would
 * be a valid latitude is taken as swapped columns (in Hải Phòng: "lat" 106.7 and "lon" 20.8), because
 * swapping them is the one fix that makes the pair valid.
 */
export function checkLonLat(lon: number, lat: number): PositionProblem | null {
  if (lat < -90 || lat > 90) {
    return lon >= -90 && lon <= 90 && lat >= -180 && lat <= 180 ? 'lon-lat-swapped' : 'lat-out-of-range';
  }
  if (lon < -180 || lon > 180) return 'lon-out-of-range';
  return null;
}
