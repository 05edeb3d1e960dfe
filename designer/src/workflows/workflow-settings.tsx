import { MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { WorkflowDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { NameField } from '../common/name-field.tsx';
import { TextsField } from '../common/texts-field.tsx';
import { MigrationsFields } from './migrations-fields.tsx';
import { clean } from './workflow-ops.ts';

interface WorkflowSettingsProps {
  def: WorkflowDefinition;
  /** Entities of the draft: the one this workflow governs is among them. */
  entities: readonly string[];
  onChange: (next: WorkflowDefinition) => void;
  readOnly?: boolean;
}

/** What is shown while nothing is selected: the workflow's own name, entity, label and migrations. */
export function WorkflowSettings({ def, entities, onChange, readOnly }: WorkflowSettingsProps) {
  const { t } = useTranslation();
  const patch = (p: Partial<WorkflowDefinition>) => onChange(clean({ ...def, ...p }));
  const options = [...new Set([...entities, ...(def.entity ? [def.entity] : [])])];
  return (
    <Stack spacing={2} component="section" aria-labelledby="wf-settings-title">
      <Typography id="wf-settings-title" component="h3" variant="subtitle1">
        {t('workflowEditor.settings.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('workflowEditor.nothingSelected')}
      </Typography>
      <NameField
        value={def.name}
        label={t('workflowEditor.name')}
        help={t('workflowEditor.settings.nameHelp')}
        invalidText={t('workflowEditor.nameInvalid')}
        takenText={t('workflowEditor.nameTaken')}
        taken={[]}
        onCommit={(name) => patch({ name })}
        readOnly={readOnly}
      />
      <TextField
        select
        size="small"
        label={t('workflowEditor.settings.entity')}
        helperText={t('workflowEditor.settings.entityHelp')}
        value={def.entity}
        onChange={(e) => patch({ entity: e.target.value })}
        slotProps={{ input: { readOnly } }}
      >
        {options.map((e) => (
          <MenuItem key={e} value={e}>
            {e}
          </MenuItem>
        ))}
      </TextField>
      <TextsField
        value={def.label}
        onChange={(label) => patch({ label })}
        labelFor={(lang) => t('workflowEditor.labelIn', { lang: t(`workflowEditor.languages.${lang}`) })}
        readOnly={readOnly}
      />
      <MigrationsFields
        value={def.migrations}
        states={[...new Set(def.states.map((s) => s.name))]}
        onChange={(migrations) => patch({ migrations })}
        readOnly={readOnly}
      />
    </Stack>
  );
}
