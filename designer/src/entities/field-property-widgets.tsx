import { MenuItem, TextField } from '@mui/material';
import { COMPUTED_RESULT_TYPES, ON_DELETE, type EntityDefinition, type FieldDefinition } from '@opsflux/definitions';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import type { DraftContext } from '../editor-types.ts';
import { ComputedFieldEditor } from './computed-field-editor.tsx';
import { EnumValuesEditor } from './enum-values-editor.tsx';
import { ReferenceTargetPicker } from './reference-target-picker.tsx';

export interface PropertyWidgetProps {
  /** The option this widget edits (a key of the field type's `properties`). */
  property: string;
  field: FieldDefinition;
  entity: EntityDefinition;
  set: (patch: Record<string, unknown>) => void;
  context: DraftContext;
  readOnly?: boolean;
}

type Widget = (p: PropertyWidgetProps) => ReactNode;

const valueOf = (p: PropertyWidgetProps) => (p.field as unknown as Record<string, unknown>)[p.property];

function NumberWidget(p: PropertyWidgetProps) {
  const { t } = useTranslation();
  const v = valueOf(p);
  return (
    <TextField
      size="small"
      type="number"
      sx={{ flexShrink: 0, width: 160 }}
      label={t(`editors.entity.props.${p.property}`)}
      value={typeof v === 'number' ? v : ''}
      slotProps={{ input: { readOnly: p.readOnly } }}
      onChange={(e) => p.set({ [p.property]: e.target.value === '' ? undefined : Number(e.target.value) })}
    />
  );
}

function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function TextWidget(p: PropertyWidgetProps) {
  const { t } = useTranslation();
  const v = valueOf(p);
  const text = typeof v === 'string' ? v : '';
  const error = p.property === 'pattern' && text ? regexError(text) : null;
  return (
    <TextField
      size="small"
      sx={{ minWidth: 240, flex: 1 }}
      label={t(`editors.entity.props.${p.property}`)}
      value={text}
      error={error !== null}
      helperText={error ?? t(`editors.entity.props.${p.property}Help`)}
      slotProps={{ input: { readOnly: p.readOnly } }}
      onChange={(e) => p.set({ [p.property]: e.target.value || undefined })}
    />
  );
}

const selectWidget =
  (options: readonly string[], labels: string, empty: boolean): Widget =>
  (p) => <SelectWidget {...p} options={options} labels={labels} empty={empty} />;

function SelectWidget(p: PropertyWidgetProps & { options: readonly string[]; labels: string; empty: boolean }) {
  const { t } = useTranslation();
  const v = valueOf(p);
  return (
    <TextField
      select
      size="small"
      sx={{ minWidth: 200 }}
      label={t(`editors.entity.props.${p.property}`)}
      value={typeof v === 'string' ? v : ''}
      disabled={p.readOnly}
      onChange={(e) => p.set({ [p.property]: e.target.value || undefined })}
    >
      {p.empty && (
        <MenuItem value="">
          <em>{t('editors.common.none')}</em>
        </MenuItem>
      )}
      {p.options.map((o) => (
        <MenuItem key={o} value={o}>
          {t(`${p.labels}.${o}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** An option no widget knows (a field type added later): edited as JSON. */
function JsonWidget(p: PropertyWidgetProps) {
  return (
    <JsonTextField
      label={p.property}
      value={valueOf(p)}
      readOnly={p.readOnly}
      onChange={(v) => p.set({ [p.property]: v })}
    />
  );
}

/**
 * The editor of each field-type option, by the option's name in the type registry
 * (`definitions/src/field-types/`). A type's options come from its `properties`, so a new type
 * reuses these; an option without a widget here is edited as JSON.
 */
const WIDGETS: Record<string, Widget> = {
  minLength: NumberWidget,
  maxLength: NumberWidget,
  min: NumberWidget,
  max: NumberWidget,
  precision: NumberWidget,
  scale: NumberWidget,
  pattern: TextWidget,
  format: TextWidget,
  values: (p) => <EnumValuesEditor {...p} />,
  entity: (p) => <ReferenceTargetPicker {...p} />,
  onDelete: selectWidget(ON_DELETE, 'editors.entity.onDelete', true),
  resultType: selectWidget(COMPUTED_RESULT_TYPES, 'editors.entity.types', false),
  expression: (p) => <ComputedFieldEditor {...p} />,
};

export const widgetFor = (property: string): Widget => WIDGETS[property] ?? JsonWidget;

/** Options drawn on a row of their own (the others share rows). */
export const WIDE_PROPERTIES = new Set(['values', 'expression', 'pattern', 'format']);
