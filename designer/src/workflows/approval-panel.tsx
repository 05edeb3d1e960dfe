import AddIcon from '@mui/icons-material/Add';
import { Button, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import type { ApprovalDefinition, WorkflowDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { NameField } from '../common/name-field.tsx';
import { ApprovalStepFields } from './approval-step-fields.tsx';
import type { FieldInfo } from './draft-lookups.ts';
import { HoursField } from './hours-field.tsx';
import { clean, uniqueName, updateState } from './workflow-ops.ts';

interface ApprovalPanelProps {
  def: WorkflowDefinition;
  index: number;
  onChange: (next: WorkflowDefinition) => void;
  roles: readonly string[];
  fields: readonly FieldInfo[];
  readOnly?: boolean;
}

const MODES = ['sequential', 'parallel', 'quorum'] as const;

/** A first approval for a state: one step (the creator's manager), outcomes among its exits. */
export function defaultApproval(def: WorkflowDefinition, index: number): ApprovalDefinition {
  const s = def.states[index]!;
  const exits = def.transitions.filter((t) => t.from.includes(s.name)).map((t) => t.name);
  return {
    name: s.name,
    mode: 'sequential',
    steps: [{ name: 'manager', label: { en: 'Manager' }, approvers: { manager: true } }],
    onApproved: exits[0] ?? '',
    onRejected: exits[1] ?? exits[0] ?? '',
  };
}

/** The approval asked while a record is in the state: mode, steps, outcomes, reminders, escalation. */
export function ApprovalPanel({ def, index, onChange, roles, fields, readOnly }: ApprovalPanelProps) {
  const { t } = useTranslation();
  const s = def.states[index];
  if (!s) return null;
  const a = s.approval;
  const set = (approval: ApprovalDefinition | undefined) =>
    onChange(updateState(def, index, { approval: approval && clean(approval) }));
  const patch = (p: Partial<ApprovalDefinition>) => a && set({ ...a, ...p });
  const exits = def.transitions.filter((tr) => tr.from.includes(s.name)).map((tr) => tr.name);
  const options = (current: string | undefined) => [...new Set([...exits, ...(current ? [current] : [])])];
  const transitionSelect = (
    label: string,
    value: string | undefined,
    onPick: (v: string) => void,
    optional = false,
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(e) => onPick(e.target.value)}
      slotProps={{ input: { readOnly } }}
    >
      {optional && <MenuItem value="">{t('workflowEditor.approval.noTransition')}</MenuItem>}
      {options(value).map((n) => (
        <MenuItem key={n} value={n}>
          {n}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Stack spacing={1.5} component="section" aria-labelledby="wf-approval-title">
      <Typography id="wf-approval-title" component="h4" variant="subtitle2">
        {t('workflowEditor.approval.title')}
      </Typography>
      <FormControlLabel
        control={
          <Switch
            checked={!!a}
            disabled={readOnly}
            onChange={(e) => set(e.target.checked ? defaultApproval(def, index) : undefined)}
          />
        }
        label={t('workflowEditor.approval.enable')}
      />
      {a && (
        <>
          <NameField
            value={a.name}
            label={t('workflowEditor.approval.name')}
            help=""
            invalidText={t('workflowEditor.nameInvalid')}
            takenText={t('workflowEditor.nameTaken')}
            taken={[]}
            onCommit={(name) => patch({ name })}
            readOnly={readOnly}
          />
          <TextField
            select
            size="small"
            label={t('workflowEditor.approval.mode')}
            value={a.mode}
            onChange={(e) => {
              const mode = e.target.value as ApprovalDefinition['mode'];
              patch({ mode, quorum: mode === 'quorum' ? (a.quorum ?? Math.min(2, a.steps.length)) : undefined });
            }}
            slotProps={{ input: { readOnly } }}
          >
            {MODES.map((m) => (
              <MenuItem key={m} value={m}>
                {t(`workflowEditor.approval.modes.${m}`)}
              </MenuItem>
            ))}
          </TextField>
          {a.mode === 'quorum' && (
            <HoursField
              integer
              min={1}
              max={Math.max(1, a.steps.length)}
              label={t('workflowEditor.approval.quorum')}
              value={a.quorum}
              onChange={(quorum) => patch({ quorum })}
              readOnly={readOnly}
            />
          )}
          <Typography component="h5" variant="body2" sx={{ fontWeight: 600 }}>
            {t('workflowEditor.approval.steps')}
          </Typography>
          {a.steps.map((step, i) => (
            <ApprovalStepFields
              key={i}
              n={i + 1}
              step={step}
              taken={a.steps.filter((_, j) => j !== i).map((x) => x.name)}
              roles={roles}
              fields={fields}
              readOnly={readOnly}
              onChange={(next) => patch({ steps: a.steps.map((x, j) => (j === i ? next : x)) })}
              onRemove={a.steps.length > 1 ? () => patch({ steps: a.steps.filter((_, j) => j !== i) }) : undefined}
            />
          ))}
          {!readOnly && a.steps.length < 20 && (
            <Button
              size="small"
              startIcon={<AddIcon />}
              sx={{ alignSelf: 'flex-start' }}
              onClick={() => {
                const name = uniqueName(
                  'step',
                  a.steps.map((x) => x.name),
                );
                patch({ steps: [...a.steps, { name, label: { en: name }, approvers: { manager: true } }] });
              }}
            >
              {t('workflowEditor.approval.addStep')}
            </Button>
          )}
          {transitionSelect(t('workflowEditor.approval.onApproved'), a.onApproved, (onApproved) =>
            patch({ onApproved }),
          )}
          {transitionSelect(t('workflowEditor.approval.onRejected'), a.onRejected, (onRejected) =>
            patch({ onRejected }),
          )}
          <HoursField
            label={t('workflowEditor.approval.reminder')}
            value={a.reminderHours}
            onChange={(reminderHours) => patch({ reminderHours })}
            readOnly={readOnly}
          />
          <HoursField
            label={t('workflowEditor.approval.escalation')}
            value={a.escalation?.afterHours}
            onChange={(afterHours) =>
              patch({ escalation: afterHours === undefined ? undefined : clean({ ...a.escalation, afterHours }) })
            }
            readOnly={readOnly}
          />
          {a.escalation &&
            transitionSelect(
              t('workflowEditor.approval.escalationTransition'),
              a.escalation.transition,
              (transition) => patch({ escalation: clean({ ...a.escalation!, transition: transition || undefined }) }),
              true,
            )}
        </>
      )}
    </Stack>
  );
}
