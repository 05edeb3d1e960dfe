import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../i18n/i18n.ts';
import { pickerLocale } from './picker-locale.ts';

describe('the date pickers’ locale', () => {
  it('speaks each UI language: dayjs’s month names and MUI X’s words', () => {
    const january = dayjs('2026-01-15');
    const seen = UI_LANGUAGES.map((lang) => {
      const { adapterLocale, localeText } = pickerLocale(lang);
      return [lang, january.locale(adapterLocale).format('MMMM'), localeText?.cancelButtonLabel, localeText?.year];
    });
    expect(seen).toEqual([
      ['en', 'January', undefined, undefined],
      ['fr', 'janvier', 'Annuler', 'Année'],
      ['es', 'enero', 'Cancelar', 'Año'],
      ['pt', 'janeiro', 'Cancelar', 'Ano'],
    ]);
  });

  it('starts the week on Monday where the language does', () => {
    expect(UI_LANGUAGES.map((lang) => dayjs.Ls[pickerLocale(lang).adapterLocale]?.weekStart ?? 0)).toEqual([
      0, 1, 1, 1,
    ]);
  });
});
