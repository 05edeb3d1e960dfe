import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import {
  Box,
  Button,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { PERMISSION_CONDITION_OPERATORS, PERMISSION_USER_ATTRIBUTES } from '@opsflux/definitions';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import type { FieldInfo } from '../workflows/draft-lookups.ts';
import { checkCondition, CONDITION_SYSTEM_FIELDS } from './condition-check.ts';
import { type ConditionRow, fromRows, toRows, type UserAttribute } from './condition-rows.ts';

interface ConditionFieldProps {
  value: Record<string, unknown> | undefined;
  onChange: (next: Record<string, unknown> | undefined) => void;
  /** The entity's fields; empty when unknown. */
  fields: readonly FieldInfo[];
  readOnly?: boolean;
}

/** A grant condition as rows (field · operator · value), or as JSON for `$and` / `$or`. */
export function ConditionField({ value, onChange, fields, readOnly }: ConditionFieldProps) {
  const { t } = useTranslation();
  // Rows are kept as typed ("1." on the way to "1.5"); a new value from outside replaces them.
  const [rows, setLocal] = useState(() => toRows(value));
  const reported = useRef(value);
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setLocal(toRows(value));
    }
  }, [value]);
  const [json, setJson] = useState(rows === null);
  const names = [...fields.map((f) => f.name), ...CONDITION_SYSTEM_FIELDS];
  const types = Object.fromEntries(fields.map((f) => [f.name, f.type]));
  const setRows = (next: ConditionRow[]) => {
    setLocal(next);
    const cond = fromRows(next, types);
    reported.current = cond;
    onChange(cond);
  };
  const setRow = (i: number, patch: Partial<ConditionRow>) =>
    rows && setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography component="legend" variant="subtitle2" sx={{ flex: 1 }}>
          {t('permissionEditor.dialog.condition')}
        </Typography>
        <FormControlLabel
          control={
            <Switch size="small" checked={json} disabled={rows === null} onChange={(e) => setJson(e.target.checked)} />
          }
          label={t('permissionEditor.conditionRows.json')}
        />
      </Stack>
      {json || rows === null ? (
        <JsonTextField
          label={t('permissionEditor.dialog.condition')}
          helperText={t('permissionEditor.dialog.conditionHelp')}
          value={value}
          readOnly={readOnly}
          rows={3}
          check={(v) => {
            if (v === undefined) return null;
            const p = checkCondition(v, fields.length ? names : undefined)[0];
            return p ? t(`permissionEditor.condition.${p.code}`, { value: p.value }) : null;
          }}
          onChange={(v) => onChange(v && Object.keys(v as object).length ? (v as Record<string, unknown>) : undefined)}
        />
      ) : (
        <Stack spacing={1} sx={{ mt: 1 }}>
          {rows.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('permissionEditor.conditionRows.empty')}
            </Typography>
          )}
          {rows.map((row, i) => (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
              <TextField
                select
                size="small"
                sx={{ minWidth: 130 }}
                label={t('permissionEditor.conditionRows.field')}
                value={row.field}
                onChange={(e) => setRow(i, { field: e.target.value })}
                slotProps={{ input: { readOnly } }}
              >
                {[...new Set([...names, row.field])].map((n) => (
                  <MenuItem key={n} value={n}>
                    {n}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                size="small"
                sx={{ minWidth: 130 }}
                label={t('permissionEditor.conditionRows.operator')}
                value={row.op}
                onChange={(e) => setRow(i, { op: e.target.value as ConditionRow['op'] })}
                slotProps={{ input: { readOnly } }}
              >
                {PERMISSION_CONDITION_OPERATORS.map((op) => (
                  <MenuItem key={op} value={op}>
                    {t(`permissionEditor.conditionRows.ops.${op.slice(1)}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                size="small"
                sx={{ minWidth: 140 }}
                label={t('permissionEditor.conditionRows.valueKind')}
                value={row.value.kind === 'user' ? row.value.attribute : ''}
                onChange={(e) =>
                  setRow(i, {
                    value: e.target.value
                      ? { kind: 'user', attribute: e.target.value as UserAttribute }
                      : { kind: 'value', text: '' },
                  })
                }
                slotProps={{ input: { readOnly } }}
              >
                <MenuItem value="">{t('permissionEditor.conditionRows.literal')}</MenuItem>
                {PERMISSION_USER_ATTRIBUTES.map((a) => (
                  <MenuItem key={a} value={a}>
                    {t('permissionEditor.conditionRows.userAttribute', { attribute: a })}
                  </MenuItem>
                ))}
              </TextField>
              {row.value.kind === 'value' && (
                <TextField
                  size="small"
                  sx={{ flex: 1, minWidth: 120 }}
                  label={t('permissionEditor.conditionRows.value')}
                  helperText={
                    row.op === '$in' || row.op === '$nin' ? t('permissionEditor.conditionRows.listHelp') : undefined
                  }
                  value={row.value.text}
                  onChange={(e) => setRow(i, { value: { kind: 'value', text: e.target.value } })}
                  slotProps={{ htmlInput: { readOnly } }}
                />
              )}
              {!readOnly && (
                <IconButton
                  size="small"
                  aria-label={t('permissionEditor.conditionRows.remove', { n: i + 1 })}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              )}
            </Stack>
          ))}
          {!readOnly && (
            <Button
              size="small"
              startIcon={<AddIcon />}
              sx={{ alignSelf: 'flex-start' }}
              onClick={() => {
                const field = names.find((n) => !rows.some((r) => r.field === n)) ?? names[0] ?? 'id';
                setRows([...rows, { field, op: '$eq', value: { kind: 'value', text: '' } }]);
              }}
            >
              {t('permissionEditor.conditionRows.add')}
            </Button>
          )}
        </Stack>
      )}
    </Box>
  );
}
