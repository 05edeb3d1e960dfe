import type { ColumnModel, IndexModel, TableModel } from './physical-model.ts';
import type { PlanStep } from './plan-types.ts';
import { q } from './sql-names.ts';

/** Order in which step kinds run: drops that could block first, creations before constraints, data drops last. */
const ORDER: PlanStep['action'][] = [
  'drop_foreign_key',
  'drop_index',
  'drop_search',
  'rename_table',
  'create_table',
  'rename_column',
  'add_column',
  'alter_type',
  'set_default',
  'drop_not_null',
  'set_not_null',
  'set_search',
  'add_index',
  'add_foreign_key',
  'recompute',
  'drop_column',
  'drop_table',
];

/** The steps turning the `from` tables into the `to` tables. Pure. */
export function diffTables(from: TableModel[], to: TableModel[]): PlanStep[] {
  const steps: PlanStep[] = [];
  const old = new Map(from.map((t) => [t.name, t]));
  const matched = new Set<string>();
  for (const table of to) {
    const prev = old.get(table.name) ?? (table.renamedFrom ? old.get(table.renamedFrom) : undefined);
    if (!prev) {
      steps.push(...createTable(table));
      continue;
    }
    matched.add(prev.name);
    if (prev.name !== table.name) {
      steps.push({
        action: 'rename_table',
        table: table.name,
        destructive: false,
        description: `Rename table ${prev.name} to ${table.name}`,
        sql: [`ALTER TABLE ${q(prev.name)} RENAME TO ${q(table.name)}`],
      });
    }
    steps.push(...diffTable(prev, table));
  }
  for (const t of from) {
    if (matched.has(t.name)) continue;
    for (const fk of t.foreignKeys) steps.push(dropForeignKey(t.name, fk.name));
    steps.push({
      action: 'drop_table',
      table: t.name,
      destructive: true,
      check: { kind: 'rows', table: t.name },
      description: `Drop table ${t.name} and all its rows`,
      sql: [`DROP TABLE ${q(t.name)}`],
    });
  }
  return steps.sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action));
}

function columnSql(c: ColumnModel): string {
  return `${q(c.name)} ${c.sqlType}${c.notNull ? ' NOT NULL' : ''}${c.default ? ` DEFAULT ${c.default}` : ''}`;
}

function indexSql(table: string, ix: IndexModel): string {
  const body = ix.using ? `USING ${ix.using}` : `(${ix.columns.map(q).join(', ')})`;
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(ix.name)} ON ${q(table)} ${body}${ix.where ? ` WHERE ${ix.where}` : ''}`;
}

function searchSql(table: string, expr: string): string {
  return `ALTER TABLE ${q(table)} ADD COLUMN search_text text GENERATED ALWAYS AS (${expr}) STORED`;
}

function createTable(t: TableModel): PlanStep[] {
  const pk = t.columns.some((c) => c.name === 'id') ? `, PRIMARY KEY ("id")` : '';
  const steps: PlanStep[] = [
    {
      action: 'create_table',
      table: t.name,
      destructive: false,
      description: `Create table ${t.name} with ${t.columns.length} columns`,
      sql: [
        `CREATE TABLE ${q(t.name)} (${t.columns.map(columnSql).join(', ')}${pk})`,
        ...(t.search ? [searchSql(t.name, t.search)] : []),
      ],
    },
  ];
  for (const ix of t.indexes) steps.push(addIndex(t.name, ix));
  for (const fk of t.foreignKeys) steps.push(addForeignKey(t.name, fk));
  return steps;
}

function addIndex(table: string, ix: IndexModel): PlanStep {
  return {
    action: 'add_index',
    table,
    destructive: false,
    description: `Add ${ix.unique ? 'unique ' : ''}index ${ix.name}${ix.columns.length ? ` on ${ix.columns.join(', ')}` : ''}`,
    sql: [indexSql(table, ix)],
    ...(ix.unique && {
      check: { kind: 'duplicates', table, columns: ix.columns, ...(ix.where && { where: ix.where }) },
    }),
  };
}

function addForeignKey(table: string, fk: TableModel['foreignKeys'][number]): PlanStep {
  return {
    action: 'add_foreign_key',
    table,
    column: fk.column,
    destructive: false,
    description: `Link ${table}.${fk.column} to ${fk.refTable} (on delete ${fk.onDelete.toLowerCase()})`,
    sql: [
      `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(fk.name)} FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(fk.refTable)} (id) ON DELETE ${fk.onDelete}`,
    ],
  };
}

function dropForeignKey(table: string, name: string): PlanStep {
  return {
    action: 'drop_foreign_key',
    table,
    destructive: false,
    description: `Drop link ${name}`,
    sql: [`ALTER TABLE ${q(table)} DROP CONSTRAINT IF EXISTS ${q(name)}`],
  };
}

function diffTable(prev: TableModel, next: TableModel): PlanStep[] {
  const steps: PlanStep[] = [];
  const table = next.name;
  const oldCols = new Map(prev.columns.map((c) => [c.name, c]));
  const kept = new Set<string>();
  for (const col of next.columns) {
    const before = oldCols.get(col.name) ?? (col.renamedFrom ? oldCols.get(col.renamedFrom) : undefined);
    if (!before) {
      steps.push(addColumn(table, col));
      continue;
    }
    kept.add(before.name);
    if (before.name !== col.name) {
      steps.push({
        action: 'rename_column',
        table,
        column: col.name,
        destructive: false,
        description: `Rename column ${table}.${before.name} to ${col.name}`,
        sql: [`ALTER TABLE ${q(table)} RENAME COLUMN ${q(before.name)} TO ${q(col.name)}`],
      });
    }
    steps.push(...diffColumn(table, before, col));
  }
  for (const c of prev.columns) {
    if (kept.has(c.name)) continue;
    steps.push({
      action: 'drop_column',
      table,
      column: c.name,
      destructive: true,
      check: { kind: 'non_null', table, column: c.name },
      description: `Drop column ${table}.${c.name} and its values`,
      sql: [`ALTER TABLE ${q(table)} DROP COLUMN ${q(c.name)}`],
    });
  }
  const oldIx = new Map(prev.indexes.filter((i) => !i.using).map((i) => [i.name, i]));
  const newIx = new Map(next.indexes.filter((i) => !i.using).map((i) => [i.name, i]));
  for (const [name, ix] of newIx) if (!oldIx.has(name) || prev.name !== next.name) steps.push(addIndex(table, ix));
  for (const [name] of oldIx) {
    if (!newIx.has(name) || prev.name !== next.name) {
      steps.push({
        action: 'drop_index',
        table,
        destructive: false,
        description: `Drop index ${name}`,
        sql: [`DROP INDEX IF EXISTS ${q(name)}`],
      });
    }
  }
  const fkKey = (f: TableModel['foreignKeys'][number]) => `${f.name}|${f.refTable}|${f.onDelete}`;
  const oldFk = new Map(prev.foreignKeys.map((f) => [fkKey(f), f]));
  const newFk = new Map(next.foreignKeys.map((f) => [fkKey(f), f]));
  // Links are dropped before renames run, so under the table's current name.
  for (const [k, f] of oldFk) if (!newFk.has(k)) steps.push(dropForeignKey(prev.name, f.name));
  for (const [k, f] of newFk) if (!oldFk.has(k)) steps.push(addForeignKey(table, f));
  // The generated search column depends on its inputs: it is rebuilt around any change to them.
  const retyped = steps.filter((st) => st.action === 'alter_type' && prev.search?.includes(q(st.column!)));
  if (prev.search !== next.search || prev.name !== next.name || retyped.length) {
    steps.push(...searchSteps(prev, next));
  }
  // New computed fields are filled on existing rows too, not only on their next write.
  const changed = Object.keys(next.computed).filter((c) => prev.computed[c] !== next.computed[c]);
  if (changed.length) {
    steps.push({
      action: 'recompute',
      table,
      destructive: false,
      sql: [],
      recompute: changed,
      description: `Recompute ${changed.join(', ')} on every row of ${table}`,
    });
  }
  return steps;
}

function searchSteps(prev: TableModel, next: TableModel): PlanStep[] {
  const steps: PlanStep[] = [];
  if (prev.search) {
    steps.push({
      action: 'drop_search',
      table: prev.name,
      destructive: false,
      sql: [
        ...prev.indexes.filter((i) => i.using).map((i) => `DROP INDEX IF EXISTS ${q(i.name)}`),
        `ALTER TABLE ${q(prev.name)} DROP COLUMN IF EXISTS search_text`,
      ],
      description: `Set aside the full-text search of ${prev.name}`,
    });
  }
  if (next.search) {
    steps.push({
      action: 'set_search',
      table: next.name,
      destructive: false,
      sql: [
        searchSql(next.name, next.search),
        ...next.indexes.filter((i) => i.using).map((i) => indexSql(next.name, i)),
      ],
      description: `Build the full-text search of ${next.name}`,
    });
  }
  return steps;
}

function addColumn(table: string, col: ColumnModel): PlanStep {
  // A required column without default cannot be added to a table with rows: add it nullable,
  // and let the set_not_null step report the rows lacking a value.
  const needsFill = col.notNull && !col.default;
  const step: PlanStep = {
    action: 'add_column',
    table,
    column: col.name,
    destructive: false,
    description: `Add column ${table}.${col.name} (${col.sqlType}${col.notNull ? ', required' : ''})`,
    sql: [`ALTER TABLE ${q(table)} ADD COLUMN ${columnSql({ ...col, notNull: col.notNull && !needsFill })}`],
  };
  if (!needsFill) return step;
  return {
    ...step,
    sql: [...step.sql, `ALTER TABLE ${q(table)} ALTER COLUMN ${q(col.name)} SET NOT NULL`],
    destructive: true,
    check: { kind: 'rows', table },
    description: `${step.description}: every existing row needs a value, and the field has no default`,
  };
}

function diffColumn(table: string, before: ColumnModel, col: ColumnModel): PlanStep[] {
  const steps: PlanStep[] = [];
  const c = q(col.name);
  if (before.sqlType !== col.sqlType) {
    const widening = isWidening(before.sqlType, col.sqlType);
    const using = sameFamily(before.sqlType, col.sqlType) ? '' : ` USING ${c}::${col.sqlType}`;
    steps.push({
      action: 'alter_type',
      table,
      column: col.name,
      destructive: !widening,
      ...(!widening && { check: { kind: 'cast', table, column: col.name, from: before.sqlType, to: col.sqlType } }),
      description: `Change ${table}.${col.name} from ${before.sqlType} to ${col.sqlType}${widening ? '' : ' (narrowing: values may not fit)'}`,
      sql: [
        ...(before.default ? [`ALTER TABLE ${q(table)} ALTER COLUMN ${c} DROP DEFAULT`] : []),
        `ALTER TABLE ${q(table)} ALTER COLUMN ${c} TYPE ${col.sqlType}${using}`,
        ...(col.default ? [`ALTER TABLE ${q(table)} ALTER COLUMN ${c} SET DEFAULT ${col.default}`] : []),
      ],
    });
  } else if (before.default !== col.default) {
    steps.push({
      action: 'set_default',
      table,
      column: col.name,
      destructive: false,
      description: col.default
        ? `Set the default of ${table}.${col.name} to ${col.default}`
        : `Remove the default of ${table}.${col.name}`,
      sql: [`ALTER TABLE ${q(table)} ALTER COLUMN ${c} ${col.default ? `SET DEFAULT ${col.default}` : 'DROP DEFAULT'}`],
    });
  }
  if (before.notNull && !col.notNull) {
    steps.push({
      action: 'drop_not_null',
      table,
      column: col.name,
      destructive: false,
      description: `Make ${table}.${col.name} optional`,
      sql: [`ALTER TABLE ${q(table)} ALTER COLUMN ${c} DROP NOT NULL`],
    });
  }
  if (!before.notNull && col.notNull) {
    steps.push({
      action: 'set_not_null',
      table,
      column: col.name,
      // With a default, empty rows are filled first and nothing is lost.
      destructive: !col.default,
      check: { kind: 'nulls', table, column: col.name },
      description: `Make ${table}.${col.name} required${col.default ? ', filling empty rows with the default' : ''}`,
      sql: [
        ...(col.default ? [`UPDATE ${q(table)} SET ${c} = ${col.default} WHERE ${c} IS NULL`] : []),
        `ALTER TABLE ${q(table)} ALTER COLUMN ${c} SET NOT NULL`,
      ],
    });
  }
  return steps;
}

const family = (t: string) => t.replace(/\(.*\)$/, '').replace(/^varchar$/, 'text');
const sameFamily = (a: string, b: string) => family(a) === family(b);
const args = (t: string) => (t.match(/\((.*)\)/)?.[1] ?? '').split(',').map(Number);

/** Whether every value of type `from` fits type `to` unchanged. */
export function isWidening(from: string, to: string): boolean {
  if (to === 'text') return true;
  if (from.startsWith('varchar') && to.startsWith('varchar')) return args(to)[0]! >= args(from)[0]!;
  if (from === 'integer' && (to === 'bigint' || to === 'numeric')) return true;
  if (from === 'bigint' && to === 'numeric') return true;
  // numeric(p,s) holds every integer when it has room for 10 (integer) or 19 (bigint) digits.
  if ((from === 'integer' || from === 'bigint') && to.startsWith('numeric(')) {
    const [p, s] = args(to) as [number, number];
    return p - s >= (from === 'integer' ? 10 : 19);
  }
  if (from.startsWith('numeric(') && to === 'numeric') return true;
  if (from.startsWith('numeric(') && to.startsWith('numeric(')) {
    const [p1, s1] = args(from) as [number, number];
    const [p2, s2] = args(to) as [number, number];
    return s2 >= s1 && p2 - s2 >= p1 - s1;
  }
  if (from === 'date' && to === 'timestamptz') return true;
  return false;
}
