/** A query that counts the rows a step touches or would break, and names a few of them. */
export type RowCheck =
  | { kind: 'rows'; table: string }
  | { kind: 'non_null'; table: string; column: string }
  | { kind: 'nulls'; table: string; column: string }
  | { kind: 'cast'; table: string; column: string; from: string; to: string }
  | { kind: 'duplicates'; table: string; columns: string[]; where?: string };

export type StepAction =
  | 'create_table'
  | 'rename_table'
  | 'drop_table'
  | 'add_column'
  | 'rename_column'
  | 'drop_column'
  | 'alter_type'
  | 'set_not_null'
  | 'drop_not_null'
  | 'set_default'
  | 'add_index'
  | 'drop_index'
  | 'add_foreign_key'
  | 'drop_foreign_key'
  | 'drop_search'
  | 'set_search'
  | 'recompute';

export interface PlanStep {
  action: StepAction;
  table: string;
  column?: string;
  /** What the step does, in words. */
  description: string;
  sql: string[];
  /** Loses data or may fail on existing rows: needs `--allow-destructive`. */
  destructive: boolean;
  check?: RowCheck;
  /** Rows the check counts, filled in against the database. */
  rowsAffected?: number;
  /** Computed columns to recompute (action `recompute`). */
  recompute?: string[];
}

export interface Plan {
  bundle: string;
  fromVersion: string | null;
  toVersion: string;
  steps: PlanStep[];
  /** True when nothing changes, not even the stored definition. */
  noop: boolean;
}
