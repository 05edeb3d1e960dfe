import type { GrantDefinition, PermissionScope } from '@opsflux/definitions';

/**
 * The permission matrix: roles × entities × actions, each cell holding the rules (scope,
 * condition, field restrictions) under which the role may do the action. A permissions
 * definition lists grants that each cover several actions; the matrix is the same thing seen
 * one action at a time. `setCell` edits the grants list in place of the matrix, so grants the
 * admin did not touch keep their grouping and order (and the draft's diff stays small).
 */

/** The matrix's columns, in the order grants list them; `transition:<name>` follow. */
export const MATRIX_ACTIONS = ['read', 'create', 'update', 'delete', 'restore', 'export', 'import'] as const;

export interface CellRule {
  scope: PermissionScope;
  condition?: Record<string, unknown>;
  hiddenFields?: string[];
  readonlyFields?: string[];
}

/** role → entity → action → rules, rules sorted by {@link ruleKey}, no empty cell. */
export type PermissionMatrix = Record<string, Record<string, Record<string, CellRule[]>>>;

/** JSON with object keys sorted, so that equal values give equal text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** A rule without empty or missing parts, field lists sorted. */
export function normalRule(r: CellRule): CellRule {
  const out: CellRule = { scope: r.scope };
  if (r.condition && Object.keys(r.condition).length) out.condition = r.condition;
  if (r.hiddenFields?.length) out.hiddenFields = [...new Set(r.hiddenFields)].sort();
  if (r.readonlyFields?.length) out.readonlyFields = [...new Set(r.readonlyFields)].sort();
  return out;
}

export function ruleKey(r: CellRule): string {
  return stableJson(normalRule(r));
}

function ruleOf(g: GrantDefinition): CellRule {
  return normalRule({
    scope: g.scope,
    condition: g.condition,
    hiddenFields: g.hiddenFields,
    readonlyFields: g.readonlyFields,
  });
}

/** Canonical action order: the fixed actions first, then transitions by name. */
export function compareActions(a: string, b: string): number {
  const ia = MATRIX_ACTIONS.indexOf(a as never);
  const ib = MATRIX_ACTIONS.indexOf(b as never);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRules(rules: CellRule[]): CellRule[] {
  const unique = new Map(rules.map((r) => [ruleKey(r), normalRule(r)]));
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

export function toMatrix(grants: readonly GrantDefinition[]): PermissionMatrix {
  const m: PermissionMatrix = {};
  for (const g of grants) {
    const rule = ruleOf(g);
    for (const a of g.actions) {
      const cell = ((m[g.role] ??= {})[g.entity] ??= {})[a] ?? [];
      ((m[g.role] ??= {})[g.entity] ??= {})[a] = sortRules([...cell, rule]);
    }
  }
  return m;
}

export function cellRules(m: PermissionMatrix, role: string, entity: string, action: string): CellRule[] {
  return m[role]?.[entity]?.[action] ?? [];
}

/** One grant per (role, entity, rule), its actions in canonical order. */
export function fromMatrix(m: PermissionMatrix): GrantDefinition[] {
  const out: GrantDefinition[] = [];
  for (const [role, entities] of Object.entries(m)) {
    for (const [entity, actions] of Object.entries(entities)) {
      const byRule = new Map<string, { rule: CellRule; actions: string[] }>();
      for (const action of Object.keys(actions).sort(compareActions)) {
        for (const rule of actions[action] ?? []) {
          const k = ruleKey(rule);
          const slot = byRule.get(k) ?? { rule: normalRule(rule), actions: [] };
          slot.actions.push(action);
          byRule.set(k, slot);
        }
      }
      for (const { rule, actions: list } of byRule.values())
        out.push({ role, entity, actions: list as GrantDefinition['actions'], ...rule });
    }
  }
  return out;
}

function grantWith(g: GrantDefinition, actions: string[]): GrantDefinition {
  return { ...g, actions: actions as GrantDefinition['actions'] };
}

/**
 * The grants with the cell (role, entity, action) holding exactly `rules`: the action leaves the
 * grants whose rule is no longer wanted (a grant left with no action goes), and joins a grant
 * of the same role, entity and rule when there is one, else a new grant at the end.
 */
export function setCell(
  grants: readonly GrantDefinition[],
  role: string,
  entity: string,
  action: string,
  rules: readonly CellRule[],
): GrantDefinition[] {
  const wanted = new Map(rules.map((r) => [ruleKey(r), normalRule(r)]));
  const placed = new Set<string>();
  const same = (g: GrantDefinition) => g.role === role && g.entity === entity;
  let out: GrantDefinition[] = [];
  for (const g of grants) {
    if (!same(g) || !g.actions.includes(action as never)) {
      out.push(g);
      continue;
    }
    const k = ruleKey(ruleOf(g));
    if (wanted.has(k) && !placed.has(k)) {
      placed.add(k);
      out.push(g);
    } else {
      const rest = g.actions.filter((a) => a !== action);
      if (rest.length) out.push(grantWith(g, rest));
    }
  }
  for (const [k, rule] of wanted) {
    if (placed.has(k)) continue;
    const at = out.findIndex((g) => same(g) && ruleKey(ruleOf(g)) === k);
    if (at >= 0) {
      const g = out[at]!;
      out = out.map((x, i) => (i === at ? grantWith(g, [...g.actions, action].sort(compareActions)) : x));
    } else out.push({ role, entity, actions: [action] as GrantDefinition['actions'], ...rule });
  }
  return out;
}

/** Local roles a role inherits from, directly or not (itself excluded), cycles tolerated. */
export function ancestors(roles: readonly { name: string; inherits?: string[] }[], role: string): string[] {
  const byName = new Map(roles.map((r) => [r.name, r]));
  const seen = new Set<string>();
  const walk = (name: string) => {
    for (const parent of byName.get(name)?.inherits ?? []) {
      if (parent === role || seen.has(parent)) continue;
      seen.add(parent);
      walk(parent);
    }
  };
  walk(role);
  return [...seen];
}

/** A role that inherits from itself through others, or null. */
export function inheritanceCycle(roles: readonly { name: string; inherits?: string[] }[]): string | null {
  const byName = new Map(roles.map((r) => [r.name, r]));
  for (const r of roles) {
    const stack = [...(r.inherits ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const n = stack.pop()!;
      if (n === r.name) return r.name;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(byName.get(n)?.inherits ?? []));
    }
  }
  return null;
}
