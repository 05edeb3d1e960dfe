import { Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import type { AutomationAction, Language } from '@opsflux/definitions';
import { NamePicker } from '../common/name-picker.tsx';
import { PerLanguageFields } from '../common/per-language-fields.tsx';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { RecipientsFields } from './recipients-fields.tsx';

type Notify = Extract<AutomationAction, { type: 'notify' }>;
type Email = Extract<AutomationAction, { type: 'email' }>;

export interface ActionChoices {
  roles: readonly string[];
  fields: readonly string[];
  templates: readonly string[];
  entities: readonly string[];
  transitions: readonly string[];
  languages: readonly Language[];
}

interface Props<A> {
  value: A;
  onChange: (next: A) => void;
  choices: ActionChoices;
  readOnly?: boolean;
}

const EXAMPLE = '{{record.title}}';

/** An in-app notification: recipients, title and message per language, priority, link. */
export function NotifyFields({ value, onChange, choices, readOnly }: Props<Notify>) {
  const t = useContentT('automation');
  const set = (patch: Partial<Notify>) => {
    const next = { ...value, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as Notify);
  };
  return (
    <Stack spacing={1.5}>
      <RecipientsFields
        value={value.to}
        onChange={(to) => set({ to })}
        roles={choices.roles}
        fields={choices.fields}
        readOnly={readOnly}
      />
      <PerLanguageFields
        label={t('notifyTitle')}
        value={value.title}
        onChange={(title) => set({ title: title ?? {} })}
        languages={choices.languages}
        helperText={t('textsHelp', { example: EXAMPLE })}
        required
        readOnly={readOnly}
      />
      <PerLanguageFields
        label={t('notifyMessage')}
        value={value.message}
        onChange={(message) => set({ message })}
        languages={choices.languages}
        multiline
        readOnly={readOnly}
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <TextField
          size="small"
          label={t('category')}
          value={value.category ?? ''}
          onChange={(e) => set({ category: e.target.value || undefined })}
          slotProps={{ input: { readOnly } }}
        />
        <TextField
          select
          size="small"
          label={t('priority')}
          value={value.priority ?? 1}
          onChange={(e) => set({ priority: Number(e.target.value) as Notify['priority'] })}
          slotProps={{ input: { readOnly } }}
          sx={{ minWidth: 140 }}
        >
          {[0, 1, 2, 3].map((p) => (
            <MenuItem key={p} value={p}>
              {t(`priorities.${p}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          fullWidth
          label={t('link')}
          value={value.link ?? ''}
          onChange={(e) => set({ link: e.target.value || undefined })}
          slotProps={{ input: { readOnly } }}
        />
      </Stack>
      <FormControlLabel
        control={
          <Checkbox
            checked={value.decisionButtons === true}
            onChange={(e) => set({ decisionButtons: e.target.checked || undefined })}
            disabled={readOnly}
          />
        }
        label={t('decisionButtons')}
      />
    </Stack>
  );
}

/** An e-mail: recipients (addresses allowed) and a template of the draft or another bundle. */
export function EmailFields({ value, onChange, choices, readOnly }: Props<Email>) {
  const t = useContentT('automation');
  return (
    <Stack spacing={1.5}>
      <RecipientsFields
        value={value.to}
        onChange={(to) => onChange({ ...value, to })}
        roles={choices.roles}
        fields={choices.fields}
        emails
        readOnly={readOnly}
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <NamePicker
          label={t('template')}
          value={value.template}
          onChange={(template) => onChange({ ...value, template: template ?? '' })}
          options={choices.templates}
          error={!value.template}
          readOnly={readOnly}
        />
        <TextField
          size="small"
          label={t('category')}
          value={value.category ?? ''}
          onChange={(e) => {
            const { category: _c, ...rest } = value;
            onChange(e.target.value ? { ...rest, category: e.target.value } : rest);
          }}
          slotProps={{ input: { readOnly } }}
        />
      </Stack>
    </Stack>
  );
}
