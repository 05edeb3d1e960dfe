import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Autocomplete, Box, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { PERMISSION_SCOPES, type PermissionScope } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import type { FieldInfo } from '../workflows/draft-lookups.ts';
import { ConditionField } from './condition-field.tsx';
import type { CellRule } from './permission-matrix.ts';

interface RuleFieldsProps {
  rule: CellRule;
  n: number;
  /** The entity's fields; empty when unknown (another bundle's entity not loaded). */
  fields: readonly FieldInfo[];
  onChange: (next: CellRule) => void;
  onRemove: () => void;
  readOnly?: boolean;
}

/** One rule of a cell: scope, condition and field restrictions. */
export function RuleFields({ rule, n, fields, onChange, onRemove, readOnly }: RuleFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<CellRule>) => onChange({ ...rule, ...patch });
  const list = (v: string[]) => (v.length ? v : undefined);
  const names = fields.map((f) => f.name);
  const fieldPicker = (label: string, value: string[] | undefined, onPick: (v: string[] | undefined) => void) => (
    <Autocomplete
      multiple
      freeSolo={!names.length}
      size="small"
      options={names}
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
        <ConditionField
          value={rule.condition}
          fields={fields}
          readOnly={readOnly}
          onChange={(condition) => set({ condition })}
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
