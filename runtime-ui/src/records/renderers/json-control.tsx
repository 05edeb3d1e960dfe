import { TextField } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useState } from 'react';

/** Structured data as JSON text, read back when the field loses focus. */
function JsonControl(props: ControlProps) {
  const [text, setText] = useState(() => (props.data === undefined ? '' : JSON.stringify(props.data, null, 2)));
  const [bad, setBad] = useState<string | null>(null);
  if (!props.visible) return null;
  const commit = () => {
    if (!text.trim()) return props.handleChange(props.path, undefined);
    try {
      props.handleChange(props.path, JSON.parse(text));
      setBad(null);
    } catch (e) {
      setBad((e as Error).message);
    }
  };
  return (
    <TextField
      multiline
      minRows={3}
      id={`${props.id}-input`}
      label={props.label}
      disabled={!props.enabled}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      error={!!bad || props.errors.length > 0}
      helperText={bad ?? (props.errors || props.description)}
      slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
    />
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const jsonTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => s['x-json' as never] === true),
  ),
);
export const JsonRenderer = withJsonFormsControlProps(JsonControl);
