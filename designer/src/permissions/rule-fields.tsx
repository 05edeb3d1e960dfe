import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Autocomplete, Box, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { PERMISSION_SCOPES, type PermissionScope } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import { checkCondition, CONDITION_SYSTEM_FIELDS } from './condition-check.ts';
import type { CellRule } from './permission-matrix.ts';

interface RuleFieldsProps {
  rule: CellRule;
  n: number;
  /** The entity's fields; empty when unknown (another bundle's entity not loaded). */
  fields: readonly string[];
  onChange: (next: CellRule) => void;
  onRemove: () => void;
  readOnly?: boolean;
}

/** One rule of a cell: scope, condition and field restrictions. */
export function RuleFields({ rule, n, fields, onChange, onRemove, readOnly }: RuleFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<CellRule>) => onChange({ ...rule, ...patch });
  const list = (v: string[]) => (v.length ? v : undefined);
  const known = fields.length ? [...fields, ...CONDITION_SYSTEM_FIELDS] : undefined;
  const fieldPicker = (label: string, value: string[] | undefined, onPick: (v: string[] | undefined) => void) => (
    <Autocomplete
      multiple
      freeSolo={!fields.length}
      size="small"
      options={[...fields]}
      value={value ?? []}
      readOnly={readOnly}
      onChange={(_, v) => onPick(list(v))}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
  return (
    <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography component="legend" variant="subtitle2" sx={{ flex: 1 }}>
          {t('permissionEditor.dialog.rule', { n })}
        </Typography>
        {!readOnly && (
          <IconButton size="small" aria-label={t('permissionEditor.dialog.removeRule', { n })} onClick={onRemove}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        )}
      </Stack>
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <TextField
          select
          size="small"
          label={t('permissionEditor.dialog.scope')}
          value={rule.scope}
          onChange={(e) => set({ scope: e.target.value as PermissionScope })}
          slotProps={{ input: { readOnly } }}
        >
          {PERMISSION_SCOPES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`permissionEditor.scopes.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        <JsonTextField
          label={t('permissionEditor.dialog.condition')}
          helperText={t('permissionEditor.dialog.conditionHelp')}
          value={rule.condition}
          readOnly={readOnly}
          rows={3}
          check={(v) => {
            if (v === undefined) return null;
            const p = checkCondition(v, known)[0];
            return p ? t(`permissionEditor.condition.${p.code}`, { value: p.value }) : null;
          }}
          onChange={(v) =>
            set({ condition: v && Object.keys(v as object).length ? (v as Record<string, unknown>) : undefined })
          }
        />
        {fieldPicker(t('permissionEditor.dialog.hiddenFields'), rule.hiddenFields, (hiddenFields) =>
          set({ hiddenFields }),
        )}
        {fieldPicker(t('permissionEditor.dialog.readonlyFields'), rule.readonlyFields, (readonlyFields) =>
          set({ readonlyFields }),
        )}
      </Stack>
    </Box>
  );
}
