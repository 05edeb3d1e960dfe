import { Autocomplete, TextField } from '@mui/material';
import type { Language } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { entityOptions, type EntityOption } from '../common/entity-lookup.ts';
import type { PropertyWidgetProps } from './field-property-widgets.tsx';

/** The entity a reference points at: one of the draft's, or of another installed bundle. */
export function ReferenceTargetPicker(p: PropertyWidgetProps) {
  const { t, i18n } = useTranslation();
  const options = entityOptions(p.context, (i18n.resolvedLanguage ?? 'en') as Language);
  const value = 'entity' in p.field ? String(p.field.entity) : '';
  const current = options.find((o) => o.value === value) ?? (value ? { value, label: value, bundle: '' } : null);
  return (
    <Autocomplete<EntityOption>
      size="small"
      sx={{ minWidth: 320, flex: 1 }}
      options={options}
      groupBy={(o) => o.bundle}
      value={current}
      disabled={p.readOnly}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      getOptionLabel={(o) => o.label}
      onChange={(_, o) => p.set({ entity: o?.value ?? '' })}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('editors.entity.props.entity')}
          helperText={t('editors.entity.props.entityHelp')}
        />
      )}
    />
  );
}
