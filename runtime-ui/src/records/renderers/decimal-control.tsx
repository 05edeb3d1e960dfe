import { InputAdornment, TextField } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal, parseDecimal } from './locale-number.ts';

interface DecimalHint {
  scale?: number;
  unit?: string;
}

/**
 * A decimal typed and read in the user's language (`12,5` in French): the text is kept as typed
 * while the field has focus, parsed back to a number for the engine, and shown grouped after.
 */
function DecimalControl(props: ControlProps) {
  const { t } = useTranslation();
  const ctx = useJsonForms();
  const lang = ctx.i18n?.locale ?? 'en';
  const hint = (props.schema['x-decimal' as keyof typeof props.schema] ?? {}) as DecimalHint;
  const value =
    typeof props.data === 'number' ? props.data : typeof props.data === 'string' ? Number(props.data) : null;
  const shown = (grouping: boolean) =>
    value === null || Number.isNaN(value) ? '' : formatDecimal(value, lang, { scale: hint.scale, grouping });
  const [text, setText] = useState<string | null>(null);
  const [bad, setBad] = useState<string | null>(null);
  if (!props.visible) return null;
  const read = (raw: string) => {
    const parsed = parseDecimal(raw, lang, hint.scale);
    if (!parsed.ok) {
      setBad(
        parsed.code === 'too_many_decimals'
          ? t('renderers.tooManyDecimals', { scale: hint.scale ?? 0 })
          : t('renderers.notANumber', { example: formatDecimal(1234.5, lang) }),
      );
      return;
    }
    setBad(null);
    props.handleChange(props.path, parsed.value ?? undefined);
  };
  const invalid = !!bad || props.errors.length > 0;
  return (
    <TextField
      id={`${props.id}-input`}
      label={props.label}
      required={props.required}
      disabled={!props.enabled}
      value={text ?? shown(true)}
      onFocus={() => setText(shown(false))}
      onChange={(e) => {
        setText(e.target.value);
        read(e.target.value);
      }}
      onBlur={() => setText(null)}
      error={invalid}
      helperText={bad ?? (props.errors || props.description)}
      fullWidth
      slotProps={{
        htmlInput: { inputMode: 'decimal', autoComplete: 'off' },
        input: hint.unit ? { endAdornment: <InputAdornment position="end">{hint.unit}</InputAdornment> } : undefined,
      }}
    />
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const decimalTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => !!s['x-decimal' as never]),
  ),
);
export const DecimalRenderer = withJsonFormsControlProps(DecimalControl);
