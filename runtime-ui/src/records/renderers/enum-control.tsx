import { MenuItem, TextField } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useTranslation } from 'react-i18next';
import { ValueChip } from '../../components/value-chip.tsx';

interface EnumOption {
  value: string;
  label: string;
  color: string | null;
}

/** An enum as its labels, each with its colour, the chosen one shown as a chip. */
function EnumControl(props: ControlProps) {
  const { t } = useTranslation();
  const values = (props.schema['x-enum' as keyof typeof props.schema] ?? []) as EnumOption[];
  const invalid = props.errors.length > 0;
  if (!props.visible) return null;
  return (
    <TextField
      select
      id={`${props.id}-input`}
      label={props.label}
      required={props.required}
      disabled={!props.enabled}
      value={typeof props.data === 'string' ? props.data : ''}
      onChange={(e) => props.handleChange(props.path, e.target.value === '' ? undefined : e.target.value)}
      error={invalid}
      helperText={invalid ? props.errors : props.description}
      slotProps={{
        select: {
          renderValue: (v) => {
            const option = values.find((o) => o.value === v);
            return option ? <ValueChip label={option.label} color={option.color} /> : '';
          },
        },
      }}
    >
      {!props.required && (
        <MenuItem value="">
          <em>{t('common.none')}</em>
        </MenuItem>
      )}
      {values.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          <ValueChip label={o.label} color={o.color} />
        </MenuItem>
      ))}
    </TextField>
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const enumTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => Array.isArray(s['x-enum' as never])),
  ),
);
export const EnumRenderer = withJsonFormsControlProps(EnumControl);
