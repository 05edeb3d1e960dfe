import { Stack, TextField } from '@mui/material';
import type { I18nText, Language } from '@opsflux/definitions';
import { useContentT } from '../i18n/content-editors-messages.ts';

interface PerLanguageFieldsProps {
  label: string;
  value: I18nText | undefined;
  /** `undefined` once every language is empty. */
  onChange: (next: I18nText | undefined) => void;
  languages: readonly Language[];
  multiline?: boolean;
  readOnly?: boolean;
  helperText?: string;
  /** Highlights empty languages (a label every language should have). */
  required?: boolean;
}

/** One text in each language, side by side; an emptied language is removed from the value. */
export function PerLanguageFields(props: PerLanguageFieldsProps) {
  const t = useContentT('common');
  const set = (lang: Language, text: string) => {
    const next: I18nText = { ...props.value };
    if (text === '') delete next[lang];
    else next[lang] = text;
    props.onChange(Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <Stack direction={{ xs: 'column', md: props.multiline ? 'column' : 'row' }} spacing={1} sx={{ minWidth: 0 }}>
      {props.languages.map((lang) => {
        const value = props.value?.[lang] ?? '';
        return (
          <TextField
            key={lang}
            size="small"
            fullWidth
            label={t('inLanguage', { label: props.label, lang: t(`languages.${lang}`) })}
            value={value}
            onChange={(e) => set(lang, e.target.value)}
            multiline={props.multiline}
            minRows={props.multiline ? 2 : undefined}
            error={props.required && value.trim() === ''}
            helperText={lang === props.languages[0] ? props.helperText : undefined}
            slotProps={{ input: { readOnly: props.readOnly }, htmlInput: { lang } }}
          />
        );
      })}
    </Stack>
  );
}
