import { Alert, FormControlLabel, Paper, Stack, Switch, Tab, Tabs, Typography } from '@mui/material';
import type { AutomationDefinition } from '@opsflux/definitions';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { NamePicker } from '../common/name-picker.tsx';
import { PerLanguageFields } from '../common/per-language-fields.tsx';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { LogicBuilder } from '../logic/logic-builder.tsx';
import { ActionsEditor } from './actions-editor.tsx';
import { automationChoices } from './automation-choices.ts';
import { eventVariables, triggerNeedsEntity } from './automation-model.ts';
import { DryRunPanel } from './dry-run-panel.tsx';
import { OptionsFields } from './options-fields.tsx';
import { RunsLog } from './runs-log.tsx';
import { TriggerEditor } from './trigger-editor.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography id={id} variant="h6" component="h3" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** An automation: when (trigger), only if (condition), then (actions), with timing; tried on a sample. */
export function AutomationEditor(props: DefinitionEditorProps<AutomationDefinition>) {
  const { value, context, readOnly } = props;
  const t = useContentT('automation');
  const [tab, setTab] = useState<'dry' | 'log'>('dry');
  const choices = useMemo(() => automationChoices(context, value.entity), [context, value.entity]);
  const variables = useMemo(
    () => eventVariables(value.trigger.type, choices.fields),
    [value.trigger.type, choices.fields],
  );
  const set = (patch: Partial<AutomationDefinition>) => {
    const next = { ...value, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    props.onChange(next as unknown as AutomationDefinition);
  };
  const { delayMinutes, batch, repeat, retries } = value;

  return (
    <Stack spacing={2} sx={{ p: 2, minWidth: 0 }}>
      {props.issues.length > 0 && (
        <Alert severity="error">
          {props.issues.map((i) => (
            <div key={`${i.pointer}-${i.code}`}>{`${i.pointer || '/'} — ${i.message}`}</div>
          ))}
        </Alert>
      )}

      <Section title={t('general')}>
        <Stack spacing={1.5}>
          <PerLanguageFields
            label={t('label')}
            value={value.label}
            onChange={(label) => set({ label })}
            languages={context.languages}
            readOnly={readOnly}
          />
          <PerLanguageFields
            label={t('description')}
            value={value.description}
            onChange={(description) => set({ description })}
            languages={context.languages}
            multiline
            readOnly={readOnly}
          />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
            <FormControlLabel
              control={
                <Switch
                  checked={value.enabled !== false}
                  disabled={readOnly}
                  onChange={(e) => set({ enabled: e.target.checked ? undefined : false })}
                />
              }
              label={t('enabled')}
            />
            {triggerNeedsEntity(value.trigger.type) && (
              <NamePicker
                label={t('entity')}
                helperText={t('entityHelp')}
                value={value.entity}
                onChange={(entity) => set({ entity })}
                options={choices.action.entities}
                readOnly={readOnly}
              />
            )}
          </Stack>
        </Stack>
      </Section>

      <Section title={t('trigger')}>
        <TriggerEditor
          value={value.trigger}
          onChange={(trigger) => set({ trigger })}
          bundle={context.bundle}
          automation={value.name}
          choices={choices.trigger}
          readOnly={readOnly}
        />
      </Section>

      <Section title={t('condition')}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('conditionHelp')}
        </Typography>
        <LogicBuilder
          label={t('condition')}
          value={value.condition}
          onChange={(condition) => set({ condition })}
          variables={variables}
          readOnly={readOnly}
        />
      </Section>

      <Section title={t('actions')}>
        <ActionsEditor
          value={value.actions}
          onChange={(actions) => set({ actions })}
          choices={choices.action}
          readOnly={readOnly}
        />
      </Section>

      <Section title={t('options')}>
        <OptionsFields
          value={{ delayMinutes, batch, repeat, retries }}
          onChange={(o) =>
            set({ delayMinutes: undefined, batch: undefined, repeat: undefined, retries: undefined, ...o })
          }
          readOnly={readOnly}
        />
      </Section>

      <Section title={t('tryIt')}>
        <Tabs value={tab} onChange={(_, v: 'dry' | 'log') => setTab(v)} aria-label={t('tryIt')} sx={{ mb: 1.5 }}>
          <Tab value="dry" label={t('dryRun')} id="automation-tab-dry" aria-controls="automation-panel-dry" />
          <Tab value="log" label={t('log')} id="automation-tab-log" aria-controls="automation-panel-log" />
        </Tabs>
        <div role="tabpanel" id={`automation-panel-${tab}`} aria-labelledby={`automation-tab-${tab}`}>
          {tab === 'dry' ? (
            <DryRunPanel bundle={context.bundle} automation={value.name} webhook={value.trigger.type === 'webhook'} />
          ) : (
            <RunsLog automationKey={`${context.bundle}.${value.name}`} />
          )}
        </div>
      </Section>
    </Stack>
  );
}
