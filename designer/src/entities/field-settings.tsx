import { Box, Checkbox, FormControlLabel, FormGroup, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { FIELD_TYPES, type EntityDefinition, type FieldType } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import { IssueList } from '../common/issue-list.tsx';
import type { DraftContext, DraftIssue } from '../editor-types.ts';
import { fieldTypeOf } from './entity-ops.ts';
import { DefaultValueInput } from './default-value-input.tsx';
import { WIDE_PROPERTIES, widgetFor } from './field-property-widgets.tsx';

interface FieldSettingsProps {
  entity: EntityDefinition;
  index: number;
  issues: readonly DraftIssue[];
  context: DraftContext;
  set: (patch: Record<string, unknown>) => void;
  onRename: (to: string) => void;
  onTypeChange: (type: FieldType) => void;
  readOnly?: boolean;
}

const FLAGS = ['required', 'unique', 'index', 'searchable', 'sensitive'] as const;

/** One field's settings; which ones show comes from its type in the field type registry. */
export function FieldSettings(props: FieldSettingsProps) {
  const { t } = useTranslation();
  const field = props.entity.fields[props.index]!;
  const type = fieldTypeOf(field.type);
  const allowed = (flag: (typeof FLAGS)[number]) =>
    flag === 'unique' || flag === 'index'
      ? type?.indexable !== false
      : flag === 'searchable'
        ? type?.searchable !== false
        : true;
  const properties = Object.keys(type?.properties ?? {});
  const widget = (property: string) => {
    const Widget = widgetFor(property);
    return (
      <Widget
        key={property}
        property={property}
        field={field}
        entity={props.entity}
        set={props.set}
        context={props.context}
        readOnly={props.readOnly}
      />
    );
  };
  return (
    <Stack spacing={2} component="section" aria-label={t('editors.entity.fieldSettings', { name: field.name })}>
      <Typography variant="h6" component="h3">
        {t('editors.entity.fieldSettings', { name: field.name })}
      </Typography>
      <IssueList issues={props.issues} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <TextField
          size="small"
          label={t('editors.entity.fieldName')}
          value={field.name}
          helperText={
            field.renamedFrom
              ? t('editors.entity.renameHelp', { name: field.renamedFrom })
              : t('editors.entity.nameHelp')
          }
          slotProps={{ input: { readOnly: props.readOnly, sx: { fontFamily: 'monospace' } } }}
          onChange={(e) => props.onRename(e.target.value)}
        />
        <TextField
          select
          size="small"
          sx={{ minWidth: 200 }}
          label={t('editors.entity.type')}
          value={field.type}
          disabled={props.readOnly}
          onChange={(e) => props.onTypeChange(e.target.value as FieldType)}
        >
          {FIELD_TYPES.map((ft) => (
            <MenuItem key={ft.type} value={ft.type}>
              {t(`editors.entity.types.${ft.type}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <I18nTextInput
        label={t('editors.common.label')}
        value={field.label}
        readOnly={props.readOnly}
        onChange={(label) => props.set({ label: label ?? {} })}
      />
      <I18nTextInput
        label={t('editors.entity.description')}
        value={field.description}
        readOnly={props.readOnly}
        onChange={(description) => props.set({ description })}
      />
      <FormGroup row aria-label={t('editors.entity.flags')}>
        {FLAGS.filter(allowed).map((flag) => (
          <FormControlLabel
            key={flag}
            label={t(`editors.entity.${flag}`)}
            control={
              <Checkbox
                checked={(field as unknown as Record<string, unknown>)[flag] === true}
                disabled={props.readOnly}
                onChange={(e) => props.set({ [flag]: e.target.checked || undefined })}
              />
            }
          />
        ))}
      </FormGroup>
      {type?.defaultSchema && <DefaultValueInput field={field} set={props.set} readOnly={props.readOnly} />}
      <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
        {properties.filter((p) => !WIDE_PROPERTIES.has(p)).map(widget)}
      </Stack>
      {properties
        .filter((p) => WIDE_PROPERTIES.has(p))
        .map((p) => (
          <Box key={p}>{widget(p)}</Box>
        ))}
    </Stack>
  );
}
