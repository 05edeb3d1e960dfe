import { TextField, type TextFieldProps } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseJson } from '../logic/logic-model.ts';

interface JsonTextFieldProps {
  value: unknown;
  onChange: (next: unknown) => void;
  label: string;
  helperText?: string;
  /** Refuses a parsed value with a message (the shape is wrong); null accepts it. */
  check?: (value: unknown) => string | null;
  rows?: number;
  readOnly?: boolean;
  size?: TextFieldProps['size'];
}

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

/**
 * JSON edited as text: every valid change is reported, an invalid one stays on screen with the
 * parser's message and is never reported, so a typo cannot lose the value.
 */
export function JsonTextField(props: JsonTextFieldProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => show(props.value));
  const [error, setError] = useState<string | null>(null);
  const reported = useRef<unknown>(props.value);

  // A new value from outside (not the one we just reported) replaces the text.
  useEffect(() => {
    if (props.value !== reported.current) {
      reported.current = props.value;
      setText(show(props.value));
      setError(null);
    }
  }, [props.value]);

  const edit = (next: string) => {
    setText(next);
    const parsed = parseJson(next);
    if (!parsed.ok) return setError(t('editors.common.invalidJson', { error: parsed.error }));
    const refused = props.check?.(parsed.value) ?? null;
    if (refused) return setError(refused);
    setError(null);
    reported.current = parsed.value;
    props.onChange(parsed.value);
  };

  return (
    <TextField
      label={props.label}
      value={text}
      onChange={(e) => edit(e.target.value)}
      multiline
      minRows={props.rows ?? 2}
      fullWidth
      size={props.size}
      error={error !== null}
      helperText={error ?? props.helperText}
      slotProps={{
        input: { readOnly: props.readOnly, sx: { fontFamily: 'monospace', fontSize: 13 } },
        htmlInput: { spellCheck: false, 'aria-invalid': error !== null },
      }}
    />
  );
}
