import { Autocomplete, FormControlLabel, Stack, Switch, TextField } from '@mui/material';
import type { FormDefinition, FormElement, Language } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { entityOptions, type EntityOption } from '../common/entity-lookup.ts';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import type { DraftContext } from '../editor-types.ts';

interface FormSettingsProps {
  form: FormDefinition;
  onChange: (next: FormDefinition) => void;
  context: DraftContext;
  readOnly?: boolean;
}

/** A wizard's layout: a Categorization whose categories are the steps (made of the layout if need be). */
export function asWizard(layout: FormElement, step: string): FormElement {
  if (layout.type === 'Categorization') return layout;
  const elements = layout.type === 'VerticalLayout' || layout.type === 'HorizontalLayout' ? layout.elements : [layout];
  return { type: 'Categorization', elements: [{ type: 'Category', label: { en: step }, elements }] };
}

/** The form's name, entity, labels and whether it is a wizard. */
export function FormSettings({ form, onChange, context, readOnly }: FormSettingsProps) {
  const { t, i18n } = useTranslation();
  const set = (patch: Partial<FormDefinition>) => {
    const next: Record<string, unknown> = { ...form, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    onChange(next as unknown as FormDefinition);
  };
  const options = entityOptions(context, (i18n.resolvedLanguage ?? 'en') as Language);
  const current =
    options.find((o) => o.value === form.entity) ??
    (form.entity ? { value: form.entity, label: form.entity, bundle: '' } : null);
  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <TextField
          size="small"
          label={t('editors.common.name')}
          value={form.name}
          slotProps={{ input: { readOnly } }}
          onChange={(e) => set({ name: e.target.value })}
        />
        <Autocomplete<EntityOption>
          size="small"
          sx={{ minWidth: 320 }}
          options={options}
          groupBy={(o) => o.bundle}
          value={current}
          disabled={readOnly}
          isOptionEqualToValue={(a, b) => a.value === b.value}
          getOptionLabel={(o) => o.label}
          onChange={(_, o) => o && set({ entity: o.value })}
          renderInput={(params) => <TextField {...params} label={t('editors.form.entity')} />}
        />
        <FormControlLabel
          sx={{ flexShrink: 0 }}
          label={t('editors.form.wizard')}
          control={
            <Switch
              checked={form.wizard === true}
              disabled={readOnly}
              onChange={(e) =>
                e.target.checked
                  ? set({ wizard: true, layout: asWizard(form.layout, t('editors.form.firstStep')) })
                  : set({ wizard: undefined })
              }
            />
          }
        />
      </Stack>
      <I18nTextInput
        label={t('editors.common.label')}
        value={form.label}
        readOnly={readOnly}
        onChange={(label) => set({ label })}
      />
    </Stack>
  );
}
