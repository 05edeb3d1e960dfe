import { TextField } from '@mui/material';
import { useEffect, useState } from 'react';

const NAME = /^[a-z][a-z0-9_]*$/;

interface NameFieldProps {
  value: string;
  label: string;
  help: string;
  /** Names already used by others: refused. */
  taken: readonly string[];
  invalidText: string;
  takenText: string;
  onCommit: (name: string) => void;
  maxLength?: number;
  readOnly?: boolean;
}

/**
 * A definition name, edited as text and reported only when valid and left (blur or Enter):
 * renaming rewrites references, so half-typed names must never reach the definition.
 */
export function NameField(props: NameFieldProps) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const max = props.maxLength ?? 40;
  const error =
    text === props.value
      ? null
      : !NAME.test(text) || text.length > max
        ? props.invalidText
        : props.taken.includes(text)
          ? props.takenText
          : null;
  const commit = () => {
    if (text !== props.value && !error) props.onCommit(text);
  };
  return (
    <TextField
      label={props.label}
      value={text}
      size="small"
      fullWidth
      required
      error={error !== null}
      helperText={error ?? props.help}
      onChange={(e) => setText(e.target.value.trim())}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(props.value);
      }}
      slotProps={{ htmlInput: { spellCheck: false, maxLength: max + 10, readOnly: props.readOnly } }}
    />
  );
}
