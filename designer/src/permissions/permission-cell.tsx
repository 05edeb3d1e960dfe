import TuneIcon from '@mui/icons-material/Tune';
import { Badge, IconButton, MenuItem, Select, Stack, Tooltip, Typography } from '@mui/material';
import { PERMISSION_SCOPES, type PermissionScope } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import type { CellRule } from './permission-matrix.ts';

interface PermissionCellProps {
  rules: readonly CellRule[];
  /** Roles this one inherits from that may already do this action. */
  inherited: readonly string[];
  /** What the engine's validation said about the grants behind this cell. */
  problems: readonly string[];
  role: string;
  entity: string;
  action: string;
  onScope: (scope: PermissionScope | null) => void;
  onDetails: () => void;
  readOnly?: boolean;
}

/** Whether a cell is just one scope (the select says all) or needs the dialog. */
export const isSimple = (rules: readonly CellRule[]) =>
  rules.length === 0 ||
  (rules.length === 1 && !rules[0]!.condition && !rules[0]!.hiddenFields && !rules[0]!.readonlyFields);

/** One cell of the matrix: a scope select, and a button to the cell's rules in full. */
export function PermissionCell(props: PermissionCellProps) {
  const { t } = useTranslation();
  const simple = isSimple(props.rules);
  const value = props.rules.length === 0 ? 'none' : simple ? props.rules[0]!.scope : 'custom';
  const names = { role: props.role, action: props.action, entity: props.entity };
  const extra = props.rules.filter((r) => r.condition || r.hiddenFields || r.readonlyFields).length;
  return (
    <Stack spacing={0.25} sx={{ minWidth: 116 }}>
      <Stack direction="row" spacing={0.25} sx={{ alignItems: 'center' }}>
        <Select
          size="small"
          value={value}
          readOnly={props.readOnly}
          inputProps={{ 'aria-label': t('permissionEditor.cellAria', names) }}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'none') props.onScope(null);
            else if (v !== 'custom') props.onScope(v as PermissionScope);
          }}
          renderValue={(v) => t(`permissionEditor.scopeShort.${v}`)}
          error={props.problems.length > 0}
          sx={{
            flex: 1,
            fontSize: 13,
            '& .MuiSelect-select': { py: 0.5 },
            bgcolor: value === 'none' ? undefined : 'action.selected',
          }}
        >
          <MenuItem value="none">{t('permissionEditor.scopes.none')}</MenuItem>
          {PERMISSION_SCOPES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`permissionEditor.scopes.${s}`)}
            </MenuItem>
          ))}
          {!simple && (
            <MenuItem value="custom" disabled>
              {t('permissionEditor.scopes.custom')}
            </MenuItem>
          )}
        </Select>
        <Tooltip title={t('permissionEditor.details', names)}>
          <IconButton size="small" aria-label={t('permissionEditor.details', names)} onClick={props.onDetails}>
            <Badge color="secondary" variant="dot" invisible={!extra}>
              <TuneIcon fontSize="small" />
            </Badge>
          </IconButton>
        </Tooltip>
      </Stack>
      {props.problems.map((m, i) => (
        <Typography key={i} variant="caption" color="error" role="note">
          {m}
        </Typography>
      ))}
      {extra > 0 && (
        <Typography variant="caption" color="text.secondary">
          {t('permissionEditor.restricted')}
        </Typography>
      )}
      {props.inherited.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          {t('permissionEditor.inherited', { roles: props.inherited.join(', ') })}
        </Typography>
      )}
    </Stack>
  );
}
