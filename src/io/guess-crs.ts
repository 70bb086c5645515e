/**
 * A guess at the coordinate system of coordinates that are not WGS84 degrees, from their ranges alone, for the
 * message that asks the user to choose one. It is never applied by itself: TM-3 zones 15′ of meridian apart put
 * the same numbers 26 km apart, so only the user (or a .prj) can say which zone a file is in. The guess is data
 * (`ProjectedGuess`); `describeProjectedGuess` words it in Vietnamese or English.
 */
import type { MessageLanguage } from './issue-messages.ts';

/** Whether a coordinate pair cannot be longitude/latitude degrees. */
export function looksProjected(x: number, y: number): boolean {
  return Math.abs(x) > 180 || Math.abs(y) > 180;
}

/**
 * What projected coordinates look like: their median easting and northing (metres) and which VN-2000 system
 * they fit best: `tm3` (a provincial TM-3 zone, UTM second), `utm` (UTM 48N/49N, TM-3 second), or null when
 * they are not metres in Việt Nam.
 */
export interface ProjectedGuess {
  eastingM: number;
  northingM: number;
  likely: 'tm3' | 'utm' | null;
}

/**
 * Guesses what a sample of [x, y] pairs in metres is, as the file gives them (either order).
 *
 * @example guessProjected([[597432, 2306067]]) // { eastingM: 597432, northingM: 2306067, likely: 'tm3' }
 */
export function guessProjected(pairs: ReadonlyArray<readonly [number, number]>): ProjectedGuess {
  const eastings: number[] = [];
  const northings: number[] = [];
  for (const [x, y] of pairs) {
    // in Việt Nam a northing (≥ 900 km) always exceeds an easting: X = northing is the Vietnamese survey order
    eastings.push(Math.min(x, y));
    northings.push(Math.max(x, y));
  }
  const eastingM = median(eastings);
  const northingM = median(northings);
  const inVietnam = northingM > 900_000 && northingM < 2_700_000 && eastingM > 0 && eastingM < 1_000_000;
  if (!inVietnam) return { eastingM, northingM, likely: null };
  // TM-3 eastings stay within ~150 km of 500 km; Hải Phòng in UTM 48N lies 640–720 km east
  return { eastingM, northingM, likely: eastingM > 380_000 && eastingM < 660_000 ? 'tm3' : 'utm' };
}

/** The phrasing of each system a guess names, per language. */
const SYSTEMS: Record<MessageLanguage, { tm3: string; utm: string }> = {
  en: {
    tm3: 'a VN-2000 TM-3 zone (Hải Phòng: vn2000-tm3:105.75; former Hải Dương: vn2000-tm3:105.5)',
    utm: 'VN-2000 / UTM 48N (EPSG:3405) or 49N (EPSG:3406)',
  },
  vi: {
    tm3: 'một múi TM-3 của VN-2000 (Hải Phòng: vn2000-tm3:105.75; Hải Dương cũ: vn2000-tm3:105.5)',
    utm: 'VN-2000 / UTM 48N (EPSG:3405) hoặc 49N (EPSG:3406)',
  },
};

/**
 * A guess in words, e.g. for 597432 / 2306067 in English: "VN-2000 metres (easting 597,432, northing
 * 2,306,067): a VN-2000 TM-3 zone (Hải Phòng: vn2000-tm3:105.75; …), or VN-2000 / UTM 48N (EPSG:3405) or 49N
 * (EPSG:3406)"; in Vietnamese "mét VN-2000 (hoành độ 597.432, tung độ 2.306.067): một múi TM-3 của VN-2000 …".
 */
export function describeProjectedGuess(guess: ProjectedGuess, language: MessageLanguage): string {
  const format = (value: number): string => Math.round(value).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US');
  const [easting, northing] = [format(guess.eastingM), format(guess.northingM)];
  const systems = SYSTEMS[language];
  if (language === 'vi') {
    const where = `hoành độ ${easting}, tung độ ${northing}`;
    if (guess.likely === null) return `mét của một hệ tọa độ phẳng chưa rõ (${where})`;
    const [first, second] = guess.likely === 'tm3' ? [systems.tm3, systems.utm] : [systems.utm, systems.tm3];
    return `mét VN-2000 (${where}): ${first}, hoặc ${second}`;
  }
  const where = `easting ${easting}, northing ${northing}`;
  if (guess.likely === null) return `projected metres (${where}) of an unknown system`;
  const [first, second] = guess.likely === 'tm3' ? [systems.tm3, systems.utm] : [systems.utm, systems.tm3];
  return `VN-2000 metres (${where}): ${first}, or ${second}`;
}

/** A guess as the parameters of an import issue (issue-messages words them back with `projectedGuessOfParams`). */
export function projectedGuessParams(guess: ProjectedGuess): Record<string, string | number> {
  return { guessEastingM: guess.eastingM, guessNorthingM: guess.northingM, guessLikely: guess.likely ?? 'unknown' };
}

/** The guess an issue's parameters carry (see `projectedGuessParams`), or null when they carry none. */
export function projectedGuessOfParams(params: Readonly<Record<string, string | number>> | undefined): ProjectedGuess | null {
  const eastingM = Number(params?.guessEastingM);
  const northingM = Number(params?.guessNorthingM);
  if (!Number.isFinite(eastingM) || !Number.isFinite(northingM)) return null;
  const likely = params?.guessLikely;
  return { eastingM, northingM, likely: likely === 'tm3' || likely === 'utm' ? likely : null };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}
