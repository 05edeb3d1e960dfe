import { FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { formatSequence, parseSequencePattern, type EntityDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { I18nTextInput } from '../common/i18n-text-input.tsx';

interface EntitySettingsProps {
  entity: EntityDefinition;
  onChange: (next: EntityDefinition) => void;
  readOnly?: boolean;
}

/** What the numbering pattern gives for the first record of today, or why it cannot. */
export function sequenceExample(
  pattern: string,
  at = new Date(),
): { ok: true; example: string } | { ok: false; error: string } {
  const parsed = parseSequencePattern(pattern);
  return parsed.ok ? { ok: true, example: formatSequence(parsed.parts, at, 1) } : parsed;
}

/** The entity's own settings: name, labels, display field, company scope, numbering. */
export function EntitySettings({ entity, onChange, readOnly }: EntitySettingsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<EntityDefinition>) => {
    const next: Record<string, unknown> = { ...entity, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    onChange(next as unknown as EntityDefinition);
  };
  const textFields = entity.fields.filter((f) => f.type === 'string');
  const example = entity.sequence ? sequenceExample(entity.sequence.pattern) : null;
  return (
    <Stack spacing={2}>
      <TextField
        size="small"
        label={t('editors.entity.name')}
        value={entity.name}
        helperText={t('editors.entity.nameHelp')}
        slotProps={{ input: { readOnly } }}
        onChange={(e) => set({ name: e.target.value })}
      />
      <I18nTextInput
        label={t('editors.entity.label')}
        value={entity.label}
        readOnly={readOnly}
        onChange={(label) => set({ label: label ?? {} })}
      />
      <I18nTextInput
        label={t('editors.entity.pluralLabel')}
        value={entity.pluralLabel}
        readOnly={readOnly}
        onChange={(pluralLabel) => set({ pluralLabel: pluralLabel ?? {} })}
      />
      <I18nTextInput
        label={t('editors.entity.description')}
        value={entity.description}
        readOnly={readOnly}
        multiline
        onChange={(description) => set({ description })}
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <TextField
          select
          size="small"
          sx={{ minWidth: 240 }}
          label={t('editors.entity.displayField')}
          value={entity.displayField ?? ''}
          disabled={readOnly}
          onChange={(e) => set({ displayField: e.target.value || undefined })}
        >
          <MenuItem value="">
            <em>{t('editors.common.none')}</em>
          </MenuItem>
          {entity.fields.map((f) => (
            <MenuItem key={f.name} value={f.name}>
              {f.name}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          sx={{ flexShrink: 0 }}
          control={
            <Switch
              checked={entity.companyScoped === true}
              disabled={readOnly}
              onChange={(e) => set({ companyScoped: e.target.checked || undefined })}
            />
          }
          label={t('editors.entity.companyScoped')}
        />
      </Stack>
      <Typography variant="subtitle2" component="h3">
        {t('editors.entity.sequence')}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <TextField
          select
          size="small"
          sx={{ minWidth: 240 }}
          label={t('editors.entity.sequenceField')}
          value={entity.sequence?.field ?? ''}
          disabled={readOnly}
          onChange={(e) =>
            set({
              sequence: e.target.value
                ? {
                    field: e.target.value,
                    pattern: entity.sequence?.pattern ?? `${entity.name.slice(0, 3).toUpperCase()}-{YYYY}-{#####}`,
                  }
                : undefined,
            })
          }
        >
          <MenuItem value="">
            <em>{t('editors.entity.noSequence')}</em>
          </MenuItem>
          {textFields.map((f) => (
            <MenuItem key={f.name} value={f.name}>
              {f.name}
            </MenuItem>
          ))}
        </TextField>
        {entity.sequence && (
          <TextField
            size="small"
            sx={{ flex: 1 }}
            label={t('editors.entity.sequencePattern')}
            value={entity.sequence.pattern}
            error={example?.ok === false}
            helperText={
              example?.ok ? t('editors.entity.sequenceExample', { example: example.example }) : (example?.error ?? '')
            }
            slotProps={{ input: { readOnly } }}
            onChange={(e) => set({ sequence: { field: entity.sequence!.field, pattern: e.target.value } })}
          />
        )}
      </Stack>
    </Stack>
  );
}
