/** Việt Nam's mobile operators: canonical names (as the sites files and the map legend spell them) and MNCs. */
import { normalizeKeyword } from '../core/normalize-keyword.ts';

/** Spellings folded by normalizeKeyword → canonical name. VNPT runs the VinaPhone network; Gmobile was Beeline. */
const OPERATOR_KEYWORDS = new Map<string, string>([
  ['viettel', 'Viettel'],
  ['vnpt', 'VNPT'],
  ['vinaphone', 'VNPT'],
  ['mobifone', 'MobiFone'],
  ['vietnamobile', 'Vietnamobile'],
  ['gmobile', 'Gmobile'],
  ['beeline', 'Gmobile'],
]);

/**
 * The operator as written, or its canonical spelling when it is one of Việt Nam's operators, so that the
 * operator filter and the map colours match across files ("VinaPhone", "vnpt" → "VNPT").
 */
export function canonicalOperator(text: string): string {
  return OPERATOR_KEYWORDS.get(normalizeKeyword(text)) ?? text;
}

/** Việt Nam's mobile country code (ITU-T E.212). */
export const VIETNAM_MCC = 452;

/** MNC under MCC 452 → operator (ITU-T E.212 list of mobile network codes). */
export const VIETNAM_OPERATORS: ReadonlyMap<number, string> = new Map([
  [1, 'MobiFone'],
  [2, 'VNPT'],
  [4, 'Viettel'],
  [5, 'Vietnamobile'],
  [7, 'Gmobile'],
]);
