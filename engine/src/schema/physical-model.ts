import type { WorkflowDefinition, EntityDefinition, FieldDefinition } from '@opsflux/definitions';
import type { Bundle } from '../bundles/bundle-types.ts';
import { fieldRuntime } from '../fields/index.ts';
import { constraintName, joinTableName, q, tableName } from './sql-names.ts';

export interface ColumnModel {
  name: string;
  sqlType: string;
  notNull: boolean;
  /** SQL expression of the default, if any. */
  default?: string;
  renamedFrom?: string;
}

export interface IndexModel {
  name: string;
  columns: string[];
  unique: boolean;
  /** A full index expression instead of columns (search indexes). */
  using?: string;
  /** A partial index: only rows matching this SQL condition. */
  where?: string;
}

export interface ForeignKeyModel {
  name: string;
  column: string;
  refTable: string;
  onDelete: 'RESTRICT' | 'SET NULL' | 'CASCADE';
}

/** The tables a bundle needs, derived from its definitions alone. */
export interface TableModel {
  name: string;
  renamedFrom?: string;
  columns: ColumnModel[];
  indexes: IndexModel[];
  foreignKeys: ForeignKeyModel[];
  /** Expression of the generated `search_text` column, when the entity is searchable. */
  search?: string;
  /** Computed fields with their expressions, to recompute stored values when one changes. */
  computed: Record<string, string>;
}

const ON_DELETE = { restrict: 'RESTRICT', 'set-null': 'SET NULL', cascade: 'CASCADE' } as const;

/** Resolves `entity` or `bundle.entity` as written in a reference field. */
export function referenceTarget(bundle: string, target: string): { bundle: string; entity: string } {
  const [b, e] = target.includes('.') ? target.split('.') : [bundle, target];
  return { bundle: b!, entity: e! };
}

export function searchableFields(entity: EntityDefinition): string[] {
  const names = new Set([
    ...entity.fields.filter((f) => f.searchable).map((f) => f.name),
    ...(entity.searchable ?? []),
  ]);
  return entity.fields.filter((f) => names.has(f.name)).map((f) => f.name);
}

export function sqlLiteral(value: unknown, sqlType: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (sqlType === 'jsonb') return `'${JSON.stringify(value).replace(/'/g, "''")}'::jsonb`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

function systemColumns(entity: EntityDefinition, workflow?: WorkflowDefinition): ColumnModel[] {
  const initial = workflow?.states.find((st) => st.initial)?.name;
  return [
    { name: 'id', sqlType: 'uuid', notNull: true, default: 'gen_random_uuid()' },
    { name: 'external_id', sqlType: 'varchar(255)', notNull: false },
    { name: 'created_at', sqlType: 'timestamptz', notNull: true, default: 'now()' },
    { name: 'updated_at', sqlType: 'timestamptz', notNull: true, default: 'now()' },
    { name: 'created_by', sqlType: 'varchar(128)', notNull: false },
    { name: 'updated_by', sqlType: 'varchar(128)', notNull: false },
    { name: 'deleted_at', sqlType: 'timestamptz', notNull: false },
    { name: 'deleted_by', sqlType: 'varchar(128)', notNull: false },
    { name: 'version', sqlType: 'integer', notNull: true, default: '1' },
    ...(entity.companyScoped ? [{ name: 'company_id', sqlType: 'uuid', notNull: false }] : []),
    // Records of a workflow-governed entity carry their state; rows already there start at the
    // initial one.
    ...(initial
      ? [
          { name: 'state', sqlType: 'varchar(64)', notNull: true, default: sqlLiteral(initial, 'text') },
          // The bundle version whose workflow the record runs under (null: the current one).
          { name: 'workflow_version', sqlType: 'varchar(64)', notNull: false },
        ]
      : []),
  ];
}

function fieldColumn(field: FieldDefinition): ColumnModel | undefined {
  const sqlType = fieldRuntime(field).sqlType(field);
  if (!sqlType) return undefined;
  return {
    name: field.name,
    sqlType,
    notNull: !!field.required,
    ...(field.default !== undefined && { default: sqlLiteral(field.default, sqlType) }),
    ...(field.renamedFrom && { renamedFrom: field.renamedFrom }),
  };
}

export function entityTables(bundle: string, entity: EntityDefinition, workflow?: WorkflowDefinition): TableModel[] {
  const table = tableName(bundle, entity.name);
  const columns = [
    ...systemColumns(entity, workflow),
    ...entity.fields.map(fieldColumn).filter((c): c is ColumnModel => !!c),
  ];
  // In a company-scoped entity, values are unique within a company: two companies may use the
  // same code, and one cannot learn another's values by colliding with them.
  const unique = (cols: string[]): IndexModel[] =>
    entity.companyScoped
      ? [
          {
            name: constraintName('ux', table, ['company_id', ...cols]),
            columns: ['company_id', ...cols],
            unique: true,
          },
          // Records without a company (written by the engine itself) are unique among themselves.
          { name: constraintName('un', table, cols), columns: cols, unique: true, where: '"company_id" IS NULL' },
        ]
      : [{ name: constraintName('ux', table, cols), columns: cols, unique: true }];
  const index = (cols: string[], isUnique: boolean): IndexModel[] =>
    isUnique ? unique(cols) : [{ name: constraintName('ix', table, cols), columns: cols, unique: false }];
  const indexes: IndexModel[] = [
    ...unique(['external_id']),
    ...index(['created_at', 'id'], false),
    ...(workflow ? index(['state'], false) : []),
  ];
  const foreignKeys: ForeignKeyModel[] = [];
  const tables: TableModel[] = [];
  for (const f of entity.fields) {
    if (f.unique) indexes.push(...index([f.name], true));
    else if (f.index || f.type === 'reference') indexes.push(...index([f.name], false));
    if (f.type === 'reference') {
      const t = referenceTarget(bundle, f.entity);
      foreignKeys.push({
        name: constraintName('fk', table, [f.name]),
        column: f.name,
        refTable: tableName(t.bundle, t.entity),
        onDelete: ON_DELETE[f.onDelete ?? 'restrict'],
      });
    }
    if (f.type === 'references') {
      const t = referenceTarget(bundle, f.entity);
      const jt = joinTableName(bundle, entity.name, f.name);
      tables.push({
        name: jt,
        ...((f.renamedFrom || entity.renamedFrom) && {
          renamedFrom: joinTableName(bundle, entity.renamedFrom ?? entity.name, f.renamedFrom ?? f.name),
        }),
        columns: [
          { name: 'source_id', sqlType: 'uuid', notNull: true },
          { name: 'target_id', sqlType: 'uuid', notNull: true },
          { name: 'position', sqlType: 'integer', notNull: true, default: '0' },
        ],
        indexes: [
          {
            name: constraintName('ux', jt, ['source_id', 'target_id']),
            columns: ['source_id', 'target_id'],
            unique: true,
          },
          { name: constraintName('ix', jt, ['target_id']), columns: ['target_id'], unique: false },
        ],
        foreignKeys: [
          { name: constraintName('fk', jt, ['source_id']), column: 'source_id', refTable: table, onDelete: 'CASCADE' },
          {
            name: constraintName('fk', jt, ['target_id']),
            column: 'target_id',
            refTable: tableName(t.bundle, t.entity),
            onDelete: 'CASCADE',
          },
        ],
        computed: {},
      });
    }
  }
  // Numbers come from one counter per entity: unique across companies.
  if (entity.sequence) {
    const cols = [entity.sequence.field];
    indexes.push({ name: constraintName('ux', table, cols), columns: cols, unique: true });
  }
  for (const ix of entity.indexes ?? []) indexes.push(...index(ix.fields, !!ix.unique));
  const searchable = searchableFields(entity);
  let search: string | undefined;
  if (searchable.length) {
    search = `lower(${searchable.map((s) => `coalesce(${q(s)}::text, '')`).join(` || ' ' || `)})`;
    indexes.push(
      {
        name: constraintName('ts', table, ['search']),
        columns: [],
        unique: false,
        using: `gin (to_tsvector('simple'::regconfig, search_text))`,
      },
      {
        name: constraintName('tg', table, ['search']),
        columns: [],
        unique: false,
        using: 'gin (search_text gin_trgm_ops)',
      },
    );
  }
  const computed = Object.fromEntries(
    entity.fields.filter((f) => f.type === 'computed').map((f) => [f.name, JSON.stringify(f.expression)]),
  );
  const main: TableModel = {
    name: table,
    ...(entity.renamedFrom && { renamedFrom: tableName(bundle, entity.renamedFrom) }),
    columns,
    indexes: dedupe(indexes),
    foreignKeys,
    ...(search && { search }),
    computed,
  };
  return [main, ...tables];
}

function dedupe(indexes: IndexModel[]): IndexModel[] {
  const byName = new Map<string, IndexModel>();
  for (const ix of indexes) if (!byName.has(ix.name) || ix.unique) byName.set(ix.name, ix);
  return [...byName.values()];
}

export function bundleTables(bundle: Bundle): TableModel[] {
  return bundle.entities.flatMap((e) =>
    entityTables(
      bundle.manifest.name,
      e,
      bundle.workflows.find((w) => w.entity === e.name),
    ),
  );
}
