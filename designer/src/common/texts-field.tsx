import type { I18nText, Language } from '@opsflux/definitions';
import { Stack, TextField } from '@mui/material';

const LANGS: readonly Language[] = ['en', 'fr', 'es', 'pt'];

interface TextsFieldProps {
  value: I18nText | undefined;
  onChange: (next: I18nText | undefined) => void;
  /** The field's label in one language, e.g. "Label (French)". */
  labelFor: (lang: Language) => string;
  multiline?: boolean;
  readOnly?: boolean;
}

/**
 * A text in the four languages; an emptied language is dropped (the schema refuses empty
 * strings), and emptying all of them reports `undefined`.
 */
export function TextsField({ value, onChange, labelFor, multiline, readOnly }: TextsFieldProps) {
  const set = (lang: Language, text: string) => {
    const next: I18nText = { ...value };
    if (text) next[lang] = text;
    else delete next[lang];
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <Stack spacing={1}>
      {LANGS.map((lang) => (
        <TextField
          key={lang}
          size="small"
          fullWidth
          multiline={multiline}
          label={labelFor(lang)}
          value={value?.[lang] ?? ''}
          onChange={(e) => set(lang, e.target.value)}
          slotProps={{ htmlInput: { lang, readOnly } }}
        />
      ))}
    </Stack>
  );
}
