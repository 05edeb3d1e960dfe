import TranslateIcon from '@mui/icons-material/Translate';
import { MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, UI_LANGUAGES, isUiLanguage } from '../i18n/i18n.ts';
import { useOptionalPreferences } from '../preferences/preferences-context.tsx';

/** The language switch: fr / en / es / pt, each named in its own language. */
export function LanguageSelect({ fullWidth = false }: { fullWidth?: boolean }) {
  const { t, i18n } = useTranslation();
  const prefs = useOptionalPreferences();
  const value = isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <TextField
      select
      size="small"
      fullWidth={fullWidth}
      value={value}
      label={t('shell.language')}
      onChange={(e) => {
        const language = e.target.value;
        if (!isUiLanguage(language)) return;
        if (prefs) prefs.update({ language });
        else void i18n.changeLanguage(language);
      }}
      slotProps={{ input: { startAdornment: <TranslateIcon fontSize="small" sx={{ mr: 1 }} /> } }}
      sx={{ minWidth: fullWidth ? undefined : 150, width: fullWidth ? '100%' : 'auto' }}
    >
      {UI_LANGUAGES.map((l) => (
        <MenuItem key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </MenuItem>
      ))}
    </TextField>
  );
}
