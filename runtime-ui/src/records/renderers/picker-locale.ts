import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import 'dayjs/locale/pt';
import { esES, frFR, ptPT, type PickersInputLocaleText } from '@mui/x-date-pickers/locales';
import type { UiLanguage } from '../../i18n/i18n.ts';

/** What the date pickers need to speak a language: dayjs's locale and MUI X's own words. */
export interface PickerLocale {
  /** The dayjs locale: month and weekday names, the first day of the week. */
  adapterLocale: string;
  /** The pickers' words ("Cancel", "Year", the field's placeholders); none: MUI X's English. */
  localeText: PickersInputLocaleText | undefined;
}

const words = (locale: typeof frFR) => locale.components.MuiLocalizationProvider.defaultProps.localeText;

// The UI's Portuguese is Portugal's (dayjs's `pt`), its Spanish Spain's.
const LOCALES: Record<UiLanguage, PickerLocale> = {
  en: { adapterLocale: 'en', localeText: undefined },
  fr: { adapterLocale: 'fr', localeText: words(frFR) },
  es: { adapterLocale: 'es', localeText: words(esES) },
  pt: { adapterLocale: 'pt', localeText: words(ptPT) },
};

/** The date pickers' locale for a UI language. */
export const pickerLocale = (language: UiLanguage): PickerLocale => LOCALES[language];
