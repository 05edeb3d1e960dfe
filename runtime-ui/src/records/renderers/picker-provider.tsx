import { LocalizationProvider } from '@mui/x-date-pickers';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/use-language.ts';
import { pickerLocale } from './picker-locale.ts';

/** Date pickers in the user's language: month names, the week's first day, the pickers' words. */
export function PickerProvider({ children }: { children: ReactNode }) {
  const { adapterLocale, localeText } = pickerLocale(useLanguage());
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={adapterLocale} localeText={localeText}>
      {children}
    </LocalizationProvider>
  );
}
