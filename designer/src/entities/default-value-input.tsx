import { MenuItem, TextField } from '@mui/material';
import { pickText, type FieldDefinition, type Language } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';

interface DefaultValueInputProps {
  field: FieldDefinition;
  set: (patch: Record<string, unknown>) => void;
  readOnly?: boolean;
}

/** A field's default value, typed as the field is: a choice, a number, a text or JSON. */
export function DefaultValueInput({ field, set, readOnly }: DefaultValueInputProps) {
  const { t, i18n } = useTranslation();
  const label = t('editors.entity.default');
  const v = field.default;
  if (field.type === 'enum' || field.type === 'boolean') {
    const options =
      field.type === 'enum'
        ? field.values.map((o) => ({
            value: o.value,
            label: pickText(o.label, i18n.resolvedLanguage as Language) || o.value,
          }))
        : [
            { value: 'true', label: t('editors.entity.yes') },
            { value: 'false', label: t('editors.entity.no') },
          ];
    return (
      <TextField
        select
        size="small"
        sx={{ maxWidth: 300 }}
        label={label}
        value={v === undefined ? '' : String(v)}
        disabled={readOnly}
        onChange={(e) => {
          const s = e.target.value;
          set({ default: s === '' ? undefined : field.type === 'boolean' ? s === 'true' : s });
        }}
      >
        <MenuItem value="">
          <em>{t('editors.common.none')}</em>
        </MenuItem>
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    );
  }
  if (field.type === 'json')
    return <JsonTextField label={label} value={v} readOnly={readOnly} onChange={(d) => set({ default: d })} />;
  const numeric = field.type === 'integer' || field.type === 'decimal';
  return (
    <TextField
      size="small"
      sx={{ maxWidth: 300 }}
      type={numeric ? 'number' : 'text'}
      label={label}
      value={v === undefined || v === null ? '' : String(v)}
      slotProps={{ input: { readOnly } }}
      onChange={(e) => {
        const s = e.target.value;
        set({ default: s === '' ? undefined : numeric ? Number(s) : s });
      }}
    />
  );
}
