import { MenuItem, Stack, TextField } from '@mui/material';
import type { AutomationAction } from '@opsflux/definitions';
import { JsonTextField } from '../common/json-text-field.tsx';
import { NamePicker } from '../common/name-picker.tsx';
import { PerLanguageFields } from '../common/per-language-fields.tsx';
import { useContentT } from '../i18n/content-editors-messages.ts';
import type { ActionChoices } from './message-action-fields.tsx';

type Of<T extends AutomationAction['type']> = Extract<AutomationAction, { type: T }>;

interface Props<A> {
  value: A;
  onChange: (next: A) => void;
  choices: ActionChoices;
  readOnly?: boolean;
}

/** The object with `key` set, or removed when the value is empty. */
function patch<A extends object>(value: A, key: string, v: unknown): A {
  const next = { ...value } as Record<string, unknown>;
  if (v === undefined || v === '') delete next[key];
  else next[key] = v;
  return next as A;
}

const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);

function ValuesField(props: {
  value: unknown;
  onChange: (v: Record<string, unknown>) => void;
  label: string;
  readOnly?: boolean;
}) {
  const t = useContentT('automation');
  return (
    <JsonTextField
      label={props.label}
      value={props.value}
      onChange={(v) => props.onChange(v as Record<string, unknown>)}
      check={(v) => (isObject(v) ? null : t('values'))}
      readOnly={props.readOnly}
      rows={3}
    />
  );
}

export function WebhookFields({ value, onChange, choices, readOnly }: Props<Of<'webhook'>>) {
  const t = useContentT('automation');
  const ro = { input: { readOnly } };
  return (
    <Stack spacing={1.5}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <TextField
          size="small"
          fullWidth
          type="url"
          label={t('url')}
          value={value.url ?? ''}
          onChange={(e) => onChange(patch(value, 'url', e.target.value))}
          slotProps={ro}
        />
        <TextField
          size="small"
          label={t('urlEnv')}
          value={value.urlEnv ?? ''}
          onChange={(e) => onChange(patch(value, 'urlEnv', e.target.value.toUpperCase()))}
          slotProps={ro}
        />
        <TextField
          size="small"
          label={t('secretEnv')}
          value={value.secretEnv ?? ''}
          onChange={(e) => onChange(patch(value, 'secretEnv', e.target.value.toUpperCase()))}
          slotProps={ro}
        />
      </Stack>
      <TextField
        select
        size="small"
        label={t('format')}
        value={value.format ?? 'json'}
        onChange={(e) => onChange(patch(value, 'format', e.target.value))}
        slotProps={ro}
      >
        {(['json', 'slack', 'teams'] as const).map((f) => (
          <MenuItem key={f} value={f}>
            {t(`formats.${f}`)}
          </MenuItem>
        ))}
      </TextField>
      {value.format && value.format !== 'json' && (
        <PerLanguageFields
          label={t('webhookText')}
          value={value.text}
          onChange={(text) => onChange(patch(value, 'text', text))}
          languages={choices.languages}
          multiline
          readOnly={readOnly}
        />
      )}
    </Stack>
  );
}

export function CreateFields({ value, onChange, choices, readOnly }: Props<Of<'create'>>) {
  const t = useContentT('automation');
  return (
    <Stack spacing={1.5}>
      <NamePicker
        label={t('targetEntity')}
        value={value.entity}
        onChange={(entity) => onChange({ ...value, entity: entity ?? '' })}
        options={choices.entities}
        error={!value.entity}
        readOnly={readOnly}
      />
      <ValuesField
        label={t('values')}
        value={value.values}
        onChange={(values) => onChange({ ...value, values })}
        readOnly={readOnly}
      />
    </Stack>
  );
}

export function UpdateFields({ value, onChange, choices, readOnly }: Props<Of<'update'>>) {
  const t = useContentT('automation');
  return (
    <Stack spacing={1.5}>
      <NamePicker
        label={t('target')}
        value={value.target}
        onChange={(target) => onChange(patch(value, 'target', target))}
        options={choices.fields}
        readOnly={readOnly}
      />
      <ValuesField
        label={t('values')}
        value={value.values}
        onChange={(values) => onChange({ ...value, values })}
        readOnly={readOnly}
      />
    </Stack>
  );
}

export function TransitionFields({ value, onChange, choices, readOnly }: Props<Of<'transition'>>) {
  const t = useContentT('automation');
  return (
    <Stack spacing={1.5}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <NamePicker
          label={t('transitionToFire')}
          value={value.transition}
          onChange={(transition) => onChange({ ...value, transition: transition ?? '' })}
          options={choices.transitions}
          error={!value.transition}
          readOnly={readOnly}
        />
        <NamePicker
          label={t('target')}
          value={value.target}
          onChange={(target) => onChange(patch(value, 'target', target))}
          options={choices.fields}
          readOnly={readOnly}
        />
      </Stack>
      <TextField
        size="small"
        label={t('comment')}
        value={value.comment ?? ''}
        onChange={(e) => onChange(patch(value, 'comment', e.target.value))}
        slotProps={{ input: { readOnly } }}
      />
    </Stack>
  );
}

export function PluginFields({ value, onChange, readOnly }: Props<Of<'plugin'>>) {
  const t = useContentT('automation');
  return (
    <Stack spacing={1.5}>
      <TextField
        size="small"
        label={t('pluginAction')}
        value={value.action}
        onChange={(e) => onChange({ ...value, action: e.target.value })}
        error={!/^[a-z][a-z0-9_-]*\.[a-z][a-zA-Z0-9_]*$/.test(value.action)}
        slotProps={{ input: { readOnly } }}
      />
      <JsonTextField
        label={t('params')}
        value={value.params}
        onChange={(params) => onChange(patch(value, 'params', params))}
        check={(v) => (v === undefined || isObject(v) ? null : t('params'))}
        readOnly={readOnly}
        rows={2}
      />
    </Stack>
  );
}
