/**
 * Operator groups and their map colours. Names are matched loosely because files spell them many ways
 * ("VNPT", "VinaPhone", "Vinaphone (VNPT)", "Mobifone", "Vietnamobile").
 */
import { foldForSearch } from './search-text.ts';

export type OperatorGroup = 'viettel' | 'vnpt' | 'mobifone' | 'vietnamobile' | 'other';
export const OPERATOR_GROUPS: readonly OperatorGroup[] = ['viettel', 'vnpt', 'mobifone', 'vietnamobile', 'other'];

/** Colours chosen apart in hue and lightness so sectors stay distinguishable on the OSM basemap. */
export const OPERATOR_COLOURS: Record<OperatorGroup, string> = {
  viettel: '#d7263d',
  vnpt: '#1f6fd1',
  mobifone: '#0f9d58',
  vietnamobile: '#f29e02',
  other: '#7a5cc2',
};

/** The group of an operator name: `operatorGroup('Vinaphone') === 'vnpt'`. */
export function operatorGroup(operator: string): OperatorGroup {
  const folded = foldForSearch(operator).replace(/[^a-z0-9]/g, '');
  if (folded.includes('viettel')) return 'viettel';
  if (folded.includes('vnpt') || folded.includes('vinaphone')) return 'vnpt';
  if (folded.includes('mobifone')) return 'mobifone';
  if (folded.includes('vietnamobile')) return 'vietnamobile';
  return 'other';
}
