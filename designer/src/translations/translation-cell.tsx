import { TextField } from '@mui/material';
import type { Language } from '@opsflux/definitions';
import { useEffect, useState } from 'react';
import { useContentT } from '../i18n/content-editors-messages.ts';

interface TranslationCellProps {
  value: string | undefined;
  lang: Language;
  label: string;
  /** Returns false when the change is refused (a text's last language emptied). */
  onCommit: (next: string) => boolean;
  readOnly?: boolean;
}

/** One text in one language, edited in place; an empty one is highlighted as missing. */
export function TranslationCell({ value, lang, label, onCommit, readOnly }: TranslationCellProps) {
  const t = useContentT('translations');
  const [text, setText] = useState(value ?? '');
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    setText(value ?? '');
    setRefused(false);
  }, [value]);
  const missing = text.trim() === '';
  return (
    <TextField
      size="small"
      fullWidth
      multiline
      maxRows={6}
      value={text}
      placeholder={t('missing')}
      onChange={(e) => {
        setText(e.target.value);
        setRefused(!onCommit(e.target.value));
      }}
      error={refused}
      helperText={refused ? t('lastLanguage') : undefined}
      slotProps={{
        input: { readOnly },
        htmlInput: { lang, 'aria-label': label, 'data-missing': missing ? 'true' : undefined },
      }}
      sx={missing ? { '& .MuiInputBase-root': { bgcolor: 'warning.light', color: 'warning.contrastText' } } : undefined}
    />
  );
}
