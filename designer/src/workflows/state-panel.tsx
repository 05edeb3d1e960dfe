import { Button, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { STATE_CATEGORIES, type StateDefinition, type WorkflowDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { NameAndLabel } from './name-and-label.tsx';
import { ApprovalPanel } from './approval-panel.tsx';
import type { FieldInfo } from './draft-lookups.ts';
import { HoursField } from './hours-field.tsx';
import { renameState, setInitial, updateState } from './workflow-ops.ts';

interface StatePanelProps {
  def: WorkflowDefinition;
  index: number;
  onChange: (next: WorkflowDefinition) => void;
  roles: readonly string[];
  fields: readonly FieldInfo[];
  readOnly?: boolean;
}

/** Properties of one state: name, labels, category, initial/final, colour, SLA, approval. */
export function StatePanel({ def, index, onChange, roles, fields, readOnly }: StatePanelProps) {
  const { t } = useTranslation();
  const s = def.states[index];
  if (!s) return null;
  const patch = (p: Partial<StateDefinition>) => onChange(updateState(def, index, p));
  return (
    <Stack spacing={2} component="section" aria-labelledby="wf-state-title">
      <Typography id="wf-state-title" component="h3" variant="subtitle1">
        {t('workflowEditor.state.title', { name: s.name })}
      </Typography>
      <NameAndLabel
        name={s.name}
        label={s.label}
        taken={def.states.filter((_, i) => i !== index).map((x) => x.name)}
        onRename={(name) => onChange(renameState(def, index, name))}
        onLabel={(label) => patch({ label })}
        readOnly={readOnly}
      />
      <TextField
        select
        size="small"
        label={t('workflowEditor.state.category')}
        value={s.category}
        onChange={(e) => patch({ category: e.target.value as StateDefinition['category'] })}
        slotProps={{ input: { readOnly } }}
      >
        {STATE_CATEGORIES.map((c) => (
          <MenuItem key={c} value={c}>
            {t(`workflowEditor.state.categories.${c}`)}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Switch
            checked={!!s.initial}
            disabled={readOnly}
            onChange={(e) =>
              onChange(e.target.checked ? setInitial(def, index) : updateState(def, index, { initial: undefined }))
            }
          />
        }
        label={t('workflowEditor.state.initial')}
      />
      <FormControlLabel
        control={
          <Switch
            checked={!!s.final}
            disabled={readOnly}
            onChange={(e) => patch({ final: e.target.checked || undefined })}
          />
        }
        label={t('workflowEditor.state.final')}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          type="color"
          label={t('workflowEditor.state.color')}
          value={s.color ?? '#9e9e9e'}
          onChange={(e) => patch({ color: e.target.value })}
          sx={{ width: 120 }}
          slotProps={{ input: { readOnly } }}
        />
        {s.color && !readOnly && (
          <Button size="small" onClick={() => patch({ color: undefined })}>
            {t('workflowEditor.state.noColor')}
          </Button>
        )}
      </Stack>
      <HoursField
        label={t('workflowEditor.state.sla')}
        helperText={t('workflowEditor.state.slaHelp')}
        value={s.slaHours}
        onChange={(slaHours) => patch({ slaHours })}
        readOnly={readOnly}
      />
      <ApprovalPanel def={def} index={index} onChange={onChange} roles={roles} fields={fields} readOnly={readOnly} />
    </Stack>
  );
}
