import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, esES, frFR, ptPT } from '@mui/material/locale';
import type { UiLanguage } from '../i18n/i18n.ts';
import type { UiPreferences } from './preference-store.ts';

const MUI_LOCALES = { en: enUS, fr: frFR, es: esES, pt: ptPT };

/**
 * The app's theme. Compact density makes controls small for desks with big screens; on touch
 * screens every button keeps a 48 px target whatever the density, for people wearing gloves.
 */
export function makeTheme(mode: 'light' | 'dark', density: UiPreferences['density'], language: UiLanguage): Theme {
  const compact = density === 'compact';
  const size = compact ? 'small' : 'medium';
  const touch = { '@media (pointer: coarse)': { minHeight: 48, minWidth: 48 } };
  return createTheme(
    {
      palette: {
        mode,
        primary: { main: mode === 'light' ? '#0b5394' : '#7fb4ea' },
        secondary: { main: mode === 'light' ? '#b45309' : '#f6b26b' },
        background: mode === 'light' ? { default: '#f5f7fa' } : {},
      },
      shape: { borderRadius: 8 },
      spacing: compact ? 6 : 8,
      typography: { fontSize: compact ? 13 : 14, button: { textTransform: 'none', fontWeight: 600 } },
      components: {
        MuiButton: { defaultProps: { size }, styleOverrides: { root: touch } },
        MuiIconButton: { defaultProps: { size }, styleOverrides: { root: touch } },
        MuiTextField: { defaultProps: { size, fullWidth: true } },
        MuiFormControl: { defaultProps: { size } },
        MuiList: { defaultProps: { dense: compact } },
        MuiMenuItem: { defaultProps: { dense: compact } },
        MuiTable: { defaultProps: { size } },
        MuiToolbar: { defaultProps: { variant: compact ? 'dense' : 'regular' } },
        MuiChip: { defaultProps: { size: 'small' } },
        // A visible focus ring on everything a keyboard reaches (WCAG 2.4.7).
        MuiButtonBase: {
          styleOverrides: {
            root: ({ theme }) => ({
              '&.Mui-focusVisible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
            }),
          },
        },
      },
    },
    MUI_LOCALES[language],
  );
}
