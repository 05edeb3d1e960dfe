import { TextField } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';
import { useTranslation } from 'react-i18next';
import { computeLive, type ComputedResultType } from './compute-live.ts';
import { formatDecimal } from './locale-number.ts';

interface ComputedHint {
  expression: unknown;
  resultType: ComputedResultType;
}

function display(value: unknown, type: ComputedResultType, lang: string, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (type === 'boolean') return value ? yes : no;
  if ((type === 'decimal' || type === 'integer') && typeof value === 'number') return formatDecimal(value, lang);
  if (type === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-').map(Number);
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y!, m! - 1, d!)),
    );
  }
  return String(value);
}

/**
 * A computed field, read-only, worked out again from the form's values at each change with the
 * expression the engine stores it with (`compute-live.ts`); the engine's value is kept when the
 * browser cannot run the expression. What is saved is always the engine's own computation.
 */
function ComputedControl(props: ControlProps) {
  const { t } = useTranslation();
  const ctx = useJsonForms();
  const lang = ctx.i18n?.locale ?? 'en';
  const hint = props.schema['x-computed' as keyof typeof props.schema] as unknown as ComputedHint;
  const live = computeLive(hint.expression, hint.resultType, (ctx.core?.data ?? {}) as Record<string, unknown>);
  const value = live.known ? live.value : props.data;
  if (!props.visible) return null;
  return (
    <TextField
      id={`${props.id}-input`}
      label={props.label}
      value={display(value, hint.resultType, lang, t('common.yes'), t('common.no'))}
      helperText={props.description}
      fullWidth
      slotProps={{ htmlInput: { readOnly: true, 'aria-readonly': true }, inputLabel: { shrink: true } }}
    />
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const computedTester: RankedTester = rankWith(
  11,
  and(
    isControl,
    schemaMatches((s) => !!s['x-computed' as never]),
  ),
);
export const ComputedRenderer = withJsonFormsControlProps(ComputedControl);
