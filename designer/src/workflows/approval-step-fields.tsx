import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Autocomplete, Box, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { ApprovalStepDefinition, ApproverRule } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { NameField } from '../common/name-field.tsx';
import { TextsField } from '../common/texts-field.tsx';
import type { FieldInfo } from './draft-lookups.ts';

export const APPROVER_KINDS = ['role', 'user', 'field', 'manager'] as const;
export type ApproverKind = (typeof APPROVER_KINDS)[number];

/** How a rule resolves its approvers, as one choice (a manager may be of a field's user). */
export function approverKind(a: ApproverRule): ApproverKind {
  if (a.manager) return 'manager';
  if (a.role !== undefined) return 'role';
  if (a.user !== undefined) return 'user';
  return 'field';
}

export function approverFor(kind: ApproverKind, roles: readonly string[], fields: readonly FieldInfo[]): ApproverRule {
  if (kind === 'manager') return { manager: true };
  if (kind === 'role') return { role: roles[0] ?? 'approver' };
  if (kind === 'user') return { user: '' };
  return { field: fields[0]?.name ?? 'assignee' };
}

interface StepProps {
  step: ApprovalStepDefinition;
  n: number;
  taken: readonly string[];
  roles: readonly string[];
  fields: readonly FieldInfo[];
  onChange: (next: ApprovalStepDefinition) => void;
  onRemove?: () => void;
  readOnly?: boolean;
}

/** One approval step: its name, label and who is asked. */
export function ApprovalStepFields({ step, n, taken, roles, fields, onChange, onRemove, readOnly }: StepProps) {
  const { t } = useTranslation();
  const kind = approverKind(step.approvers);
  const setApprovers = (approvers: ApproverRule) => onChange({ ...step, approvers });
  const fieldNames = fields.map((f) => f.name);
  return (
    <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography component="legend" variant="subtitle2" sx={{ flex: 1 }}>
          {t('workflowEditor.approval.step', { n })}
        </Typography>
        {onRemove && !readOnly && (
          <IconButton size="small" aria-label={t('workflowEditor.approval.removeStep', { n })} onClick={onRemove}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        )}
      </Stack>
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <NameField
          value={step.name}
          label={t('workflowEditor.name')}
          help=""
          invalidText={t('workflowEditor.nameInvalid')}
          takenText={t('workflowEditor.nameTaken')}
          taken={taken}
          onCommit={(name) => onChange({ ...step, name })}
          readOnly={readOnly}
        />
        <TextsField
          value={step.label}
          onChange={(label) => onChange({ ...step, label: label ?? { en: step.name } })}
          labelFor={(lang) => t('workflowEditor.labelIn', { lang: t(`workflowEditor.languages.${lang}`) })}
          readOnly={readOnly}
        />
        <TextField
          select
          size="small"
          label={t('workflowEditor.approval.approvers')}
          value={kind}
          onChange={(e) => setApprovers(approverFor(e.target.value as ApproverKind, roles, fields))}
          slotProps={{ input: { readOnly } }}
        >
          {APPROVER_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {t(`workflowEditor.approval.kinds.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        {kind === 'role' && (
          <Autocomplete
            freeSolo
            size="small"
            options={[...roles]}
            value={step.approvers.role ?? ''}
            onInputChange={(_, role) => role && setApprovers({ role })}
            readOnly={readOnly}
            renderInput={(params) => <TextField {...params} label={t('workflowEditor.approval.role')} />}
          />
        )}
        {kind === 'user' && (
          <TextField
            size="small"
            label={t('workflowEditor.approval.user')}
            value={step.approvers.user ?? ''}
            onChange={(e) => setApprovers({ user: e.target.value.trim() })}
            slotProps={{ htmlInput: { spellCheck: false, readOnly } }}
          />
        )}
        {(kind === 'field' || kind === 'manager') && (
          <TextField
            select
            size="small"
            label={kind === 'field' ? t('workflowEditor.approval.field') : t('workflowEditor.approval.managerOf')}
            value={step.approvers.field ?? ''}
            onChange={(e) =>
              setApprovers(
                kind === 'manager'
                  ? { manager: true, ...(e.target.value && { field: e.target.value }) }
                  : { field: e.target.value },
              )
            }
            slotProps={{ input: { readOnly } }}
          >
            {kind === 'manager' && <MenuItem value="">{t('workflowEditor.approval.noField')}</MenuItem>}
            {[...new Set([...fieldNames, ...(step.approvers.field ? [step.approvers.field] : [])])].map((f) => (
              <MenuItem key={f} value={f}>
                {f}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
    </Box>
  );
}
