import { Box, Stack, TextField, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type I18nText } from '@opsflux/definitions';

interface I18nTextInputProps {
  label: string;
  value: I18nText | undefined;
  /** `undefined` once every language is empty. */
  onChange: (next: I18nText | undefined) => void;
  readOnly?: boolean;
  multiline?: boolean;
  error?: boolean;
}

/** A text in every language OpsFlux speaks (fr, en, es, pt), one input each; empty ones dropped. */
export function I18nTextInput(props: I18nTextInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const set = (lang: string, text: string) => {
    const next: Record<string, string> = { ...props.value };
    if (text === '') delete next[lang];
    else next[lang] = text;
    props.onChange(Object.keys(next).length ? (next as I18nText) : undefined);
  };
  return (
    <Box role="group" aria-labelledby={id}>
      <Typography id={id} variant="caption" color={props.error ? 'error' : 'text.secondary'}>
        {props.label}
      </Typography>
      <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }}>
        {LANGUAGES.map((lang) => (
          <TextField
            key={lang}
            size="small"
            sx={{ flex: '1 1 180px' }}
            multiline={props.multiline}
            label={`${props.label} (${t(`editors.common.languages.${lang}`)})`}
            value={props.value?.[lang] ?? ''}
            error={props.error && !props.value?.en}
            slotProps={{ input: { readOnly: props.readOnly }, htmlInput: { lang } }}
            onChange={(e) => set(lang, e.target.value)}
          />
        ))}
      </Stack>
    </Box>
  );
}
