import { Alert, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { pointerRange } from './pointer-range.ts';

const pretty = (v: unknown) => JSON.stringify(v, null, 2) ?? '';

/** The text as JSON, or the parser's message. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/**
 * The editor of last resort: the file as formatted JSON in a text area. A change is handed on
 * only once the text parses; until then the error shows under the field and nothing is saved.
 */
export function JsonEditor({ path, value, onChange, issues, focusPointer, readOnly }: DefinitionEditorProps) {
  const t = useDesignerT();
  const [text, setText] = useState(() => pretty(value));
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(value);
  const area = useRef<HTMLTextAreaElement>(null);

  // A problem clicked in the list: select the value it points at and scroll it into view.
  useEffect(() => {
    const el = area.current;
    const range = focusPointer ? pointerRange(sent.current, focusPointer) : null;
    if (!el || !range || el.value !== pretty(sent.current)) return;
    el.focus();
    el.setSelectionRange(range.start, range.end);
    const line = el.value.slice(0, range.start).split('\n').length - 1;
    const height = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 3) * height);
  }, [focusPointer]);

  // A value from outside (a reload, another file) replaces the text; our own echo does not.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(pretty(value));
      setError(null);
    }
  }, [value]);

  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {t('json.intro')}
      </Typography>
      <TextField
        label={t('json.label', { path })}
        value={text}
        multiline
        minRows={16}
        maxRows={40}
        error={!!error}
        helperText={error ? t('json.invalid', { message: error }) : ' '}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseJson(e.target.value);
          if (!parsed.ok) return setError(parsed.message);
          setError(null);
          sent.current = parsed.value;
          onChange(parsed.value);
        }}
        inputRef={area}
        slotProps={{
          htmlInput: { spellCheck: false, readOnly, style: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } },
        }}
      />
      {issues.map((i, n) => (
        <Alert key={n} severity="error">
          {i.pointer ? `${i.pointer}: ` : ''}
          {i.message}
        </Alert>
      ))}
    </Stack>
  );
}
