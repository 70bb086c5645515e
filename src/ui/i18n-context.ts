/** The current language and its translator, provided once by the App. */
import { createContext, useContext } from 'react';
import { translatorFor, type Language, type Translate } from './i18n.ts';

export interface I18n {
  language: Language;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ language: 'vi', t: translatorFor('vi') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
