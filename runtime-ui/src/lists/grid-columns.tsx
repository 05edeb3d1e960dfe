import {
  getGridBooleanOperators,
  getGridDateOperators,
  getGridNumericOperators,
  getGridSingleSelectOperators,
  getGridStringOperators,
  type GridColDef,
  type GridFilterOperator,
} from '@mui/x-data-grid';
import type { ViewColumnMeta } from '../api/api-types.ts';
import { ValueChip } from '../components/value-chip.tsx';
import type { EntityModel, FieldModel } from '../model/entity-model.ts';
import { formatValue, type Formats } from '../model/format-value.ts';
import { ReferenceLabel } from '../components/reference-label.tsx';
import { COLUMN_TYPES, displayType, WIDE_TYPES, type GridType } from './column-types.ts';
import { supportedOperator, type ColumnKind } from './grid-query.ts';

const OPERATORS: Record<GridType, () => GridFilterOperator[]> = {
  string: getGridStringOperators,
  number: getGridNumericOperators,
  date: () => getGridDateOperators(false),
  dateTime: () => getGridDateOperators(true),
  boolean: getGridBooleanOperators,
  singleSelect: getGridSingleSelectOperators,
};

/** Columns when no view says which: the display field, the state, short fields, the last change. */
export function defaultColumns(model: EntityModel, max = 8): ViewColumnMeta[] {
  const first = model.displayField ?? model.sequenceField;
  const fields = model.fields.filter(
    (f) => !WIDE_TYPES.has(f.type) && f.name !== first && COLUMN_TYPES[displayType(f)],
  );
  return [
    ...(first ? [{ field: first }] : []),
    ...(model.states ? [{ field: 'state' }] : []),
    ...fields.slice(0, max).map((f) => ({ field: f.name })),
    { field: 'updated_at' },
  ];
}

/** A pseudo-field for system columns, so they draw like the others. */
function columnField(model: EntityModel, name: string): FieldModel | undefined {
  const f = model.field(name);
  if (f) return f;
  const system = model.systemFields.find((s) => s.name === name);
  if (!system) return undefined;
  const isState = name === 'state';
  return {
    name,
    type: isState ? 'state' : system.type === 'datetime' ? 'datetime' : system.type,
    label: system.label,
    description: null,
    required: false,
    readOnly: true,
    sortable: name === 'state' || name === 'created_at' || name === 'updated_at',
    sensitive: false,
    ...(isState && {
      values: (model.states ?? []).map((s) => ({ value: s.name, label: s.label, color: s.color })),
    }),
  };
}

/** The grid's columns for `specs`, and how each compares (for the filter translation). */
export function buildColumns(
  model: EntityModel,
  specs: ViewColumnMeta[],
  formats: Formats,
): { columns: GridColDef[]; kinds: Record<string, ColumnKind>; expand: string[] } {
  const kinds: Record<string, ColumnKind> = {};
  const expand: string[] = [];
  const columns: GridColDef[] = [];
  for (const spec of specs) {
    const field = columnField(model, spec.field);
    if (!field) continue;
    const type = COLUMN_TYPES[displayType(field)];
    if (!type) continue;
    const filterable = type.filterable !== false && !field.sensitive;
    if (filterable) kinds[field.name] = type.kind;
    const label = typeof spec.label === 'string' && spec.label ? spec.label : field.label;
    const col: GridColDef = {
      field: field.name,
      headerName: label,
      type: type.gridType,
      sortable: field.sortable && field.type !== 'reference',
      filterable,
      ...(spec.width ? { width: spec.width } : { flex: 1, minWidth: 140 }),
      filterOperators: OPERATORS[type.gridType]().filter((o) => supportedOperator(type.kind, o.value)),
    };
    if (type.gridType === 'date' || type.gridType === 'dateTime') {
      col.valueGetter = (v: unknown) => (typeof v === 'string' && v ? new Date(v) : null);
      col.valueFormatter = (_v: unknown, row: Record<string, unknown>) => formatValue(field, row[field.name], formats);
    } else if (type.gridType === 'singleSelect') {
      Object.assign(col, { valueOptions: (field.values ?? []).map((v) => ({ value: v.value, label: v.label })) });
      col.renderCell = ({ value }) => {
        const v = field.values?.find((x) => x.value === value);
        return <ValueChip label={v?.label ?? String(value ?? '')} color={v?.color} />;
      };
    } else if (field.type === 'reference' && field.target) {
      expand.push(field.name);
      const target = field.target;
      col.renderCell = ({ value }) => <ReferenceLabel target={target} value={value} />;
    } else if (type.gridType !== 'boolean') {
      col.valueFormatter = (v: unknown) => formatValue(field, v, formats);
    }
    columns.push(col);
  }
  return { columns, kinds, expand };
}
