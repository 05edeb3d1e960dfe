import { Alert, Autocomplete, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import type { TransitionDefinition, WorkflowDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import { TextsField } from '../common/texts-field.tsx';
import { NameAndLabel } from './name-and-label.tsx';
import { LogicBuilder } from '../logic/logic-builder.tsx';
import { guardVariables, type FieldInfo } from './draft-lookups.ts';
import { renameTransition, updateTransition } from './workflow-ops.ts';

interface TransitionPanelProps {
  def: WorkflowDefinition;
  index: number;
  onChange: (next: WorkflowDefinition) => void;
  roles: readonly string[];
  fields: readonly FieldInfo[];
  readOnly?: boolean;
}

const isFacts = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));

/** Properties of one transition: where it goes, who fires it, its guard and what it requires. */
export function TransitionPanel({ def, index, onChange, roles, fields, readOnly }: TransitionPanelProps) {
  const { t } = useTranslation();
  const tr = def.transitions[index];
  if (!tr) return null;
  const patch = (p: Partial<TransitionDefinition>) => onChange(updateTransition(def, index, p));
  const stateNames = [...new Set(def.states.map((s) => s.name))];
  const fieldNames = fields.map((f) => f.name);
  const firedBy = def.states.find(
    (s) =>
      s.approval && [s.approval.onApproved, s.approval.onRejected, s.approval.escalation?.transition].includes(tr.name),
  );
  const list = (v: string[]) => (v.length ? v : undefined);

  return (
    <Stack spacing={2} component="section" aria-labelledby="wf-transition-title">
      <Typography id="wf-transition-title" component="h3" variant="subtitle1">
        {t('workflowEditor.transition.title', { name: tr.name })}
      </Typography>
      {firedBy && <Alert severity="info">{t('workflowEditor.transition.outcome', { state: firedBy.name })}</Alert>}
      <NameAndLabel
        name={tr.name}
        label={tr.label}
        taken={def.transitions.filter((_, i) => i !== index).map((x) => x.name)}
        onRename={(name) => onChange(renameTransition(def, index, name))}
        onLabel={(label) => patch({ label })}
        readOnly={readOnly}
      />
      <Autocomplete
        multiple
        size="small"
        options={stateNames}
        value={tr.from}
        readOnly={readOnly}
        disableClearable
        onChange={(_, from) => from.length && patch({ from })}
        renderInput={(params) => <TextField {...params} label={t('workflowEditor.transition.from')} />}
      />
      <TextField
        select
        size="small"
        label={t('workflowEditor.transition.to')}
        value={stateNames.includes(tr.to) ? tr.to : ''}
        onChange={(e) => patch({ to: e.target.value })}
        slotProps={{ input: { readOnly } }}
      >
        {stateNames.map((n) => (
          <MenuItem key={n} value={n}>
            {n}
          </MenuItem>
        ))}
      </TextField>

      <Typography component="h4" variant="subtitle2">
        {t('workflowEditor.transition.who')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('workflowEditor.transition.whoHelp', { name: tr.name })}
      </Typography>
      <Autocomplete
        multiple
        freeSolo
        size="small"
        options={[...roles]}
        value={tr.roles ?? []}
        readOnly={readOnly}
        onChange={(_, r) => patch({ roles: list(r) })}
        renderInput={(params) => <TextField {...params} label={t('workflowEditor.transition.roles')} />}
      />
      <FormControlLabel
        control={
          <Switch
            checked={!!tr.owner}
            disabled={readOnly}
            onChange={(e) => patch({ owner: e.target.checked || undefined })}
          />
        }
        label={t('workflowEditor.transition.owner')}
      />
      <TextField
        select
        size="small"
        label={t('workflowEditor.transition.userField')}
        value={tr.userField ?? ''}
        onChange={(e) => patch({ userField: e.target.value || undefined })}
        slotProps={{ input: { readOnly } }}
      >
        <MenuItem value="">{t('workflowEditor.none')}</MenuItem>
        {[...new Set([...fieldNames, ...(tr.userField ? [tr.userField] : [])])].map((f) => (
          <MenuItem key={f} value={f}>
            {f}
          </MenuItem>
        ))}
      </TextField>

      <JsonTextField
        label={t('workflowEditor.transition.facts')}
        value={tr.facts}
        readOnly={readOnly}
        check={(v) => (isFacts(v) ? null : t('workflowEditor.transition.factsInvalid'))}
        onChange={(v) =>
          patch({ facts: v && Object.keys(v as object).length ? (v as Record<string, unknown>) : undefined })
        }
      />
      <LogicBuilder
        label={t('workflowEditor.transition.guard')}
        value={tr.guard}
        variables={guardVariables(fields, Object.keys(tr.facts ?? {}))}
        readOnly={readOnly}
        onChange={(guard) => patch({ guard })}
      />
      <Typography component="h4" variant="subtitle2">
        {t('workflowEditor.transition.guardMessage')}
      </Typography>
      <TextsField
        value={tr.guardMessage}
        multiline
        onChange={(guardMessage) => patch({ guardMessage })}
        labelFor={(lang) => t('workflowEditor.messageIn', { lang: t(`workflowEditor.languages.${lang}`) })}
        readOnly={readOnly}
      />
      <Autocomplete
        multiple
        size="small"
        options={fieldNames}
        value={tr.requiredFields ?? []}
        readOnly={readOnly}
        onChange={(_, f) => patch({ requiredFields: list(f) })}
        renderInput={(params) => <TextField {...params} label={t('workflowEditor.transition.requiredFields')} />}
      />
      <FormControlLabel
        control={
          <Switch
            checked={!!tr.commentRequired}
            disabled={readOnly}
            onChange={(e) => patch({ commentRequired: e.target.checked || undefined })}
          />
        }
        label={t('workflowEditor.transition.commentRequired')}
      />
    </Stack>
  );
}
