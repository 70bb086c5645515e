/** The signal classes as the analysis panel lists them, with their dictionary labels. */
import type { DictionaryKey } from '../i18n.ts';

export const CLASS_KEYS = ['good', 'fair', 'weak', 'none'] as const;

export const CLASS_LABELS: Record<(typeof CLASS_KEYS)[number], DictionaryKey> = {
  good: 'analysisGood',
  fair: 'analysisFair',
  weak: 'analysisWeak',
  none: 'analysisNoneClass',
};
