import { buildMongoQueryMatcher, createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { $and, $or, and, or } from '@ucast/mongo2js';
import { permittedFieldsOf } from '@casl/ability/extra';
import { CompoundCondition, FieldCondition, type Condition } from '@ucast/core';
import { parseFilter } from '../query/parse-filter.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import { expandRoles, type CompiledGrant } from './compile-permissions.ts';
import { bindCondition, type UserAttributes } from './grant-condition.ts';
import { isAdmin, type Principal } from './principal.ts';

type AppAbility = MongoAbility;
type AppRule = RawRuleOf<AppAbility>;

/** Actions an API key of each scope may perform on records. */
const KEY_ACTIONS: Record<string, (action: string) => boolean> = {
  read: (a) => a === 'read' || a === 'export',
  write: () => true,
  admin: () => true,
};

/** A row condition: every row, no row, or the rows matching a condition. */
export type RowScope = true | false | Condition;

/** What a grant decided, for explanations and denials in the audit trail. */
export interface GrantTrace {
  role: string;
  company: string | null;
  scope: string;
  source: string;
}

/** Facts about the user that grants depend on, loaded from the database when abilities are built. */
export interface AccessFacts {
  /** Members of the user's department (the `department` scope). */
  departmentUserIds: string[];
}

const SUBJECT = '__entity';

/** CASL's matcher knows field operators only: grant conditions also combine with $and and $or. */
const conditionsMatcher = buildMongoQueryMatcher({ $and, $or }, { and, or });

/**
 * What one principal may do, compiled from the permission definitions into CASL rules: `can`
 * checks a record in memory (the same conditions as SQL), `rows` gives the condition list queries
 * push into SQL, and field rules say what may be read or written.
 */
/** Stands for "no field" in a rule: no entity has a field of this name. */
const NO_FIELD = '\u0000none';

export class Access {
  readonly #rows = new Map<string, RowScope>();
  readonly #fieldScopes = new Map<string, RowScope>();
  readonly #entityFields = new Map<string, string[]>();
  readonly #uniform = new Map<string, Set<string> | 'all' | undefined>();

  private constructor(
    readonly principal: Principal,
    readonly unrestricted: boolean,
    readonly ability: AppAbility,
    readonly rules: AppRule[],
    private readonly conditions: WeakMap<object, Condition | null>,
    private readonly traces: WeakMap<object, GrantTrace>,
  ) {}

  /** Full access: the engine itself, platform admins. */
  static unrestricted(principal: Principal): Access {
    const rules: AppRule[] = [{ action: 'manage', subject: 'all' }];
    return new Access(principal, true, createMongoAbility(rules), rules, new WeakMap(), new WeakMap());
  }

  static build(principal: Principal, registry: Registry, facts: AccessFacts): Access {
    if (principal.kind === 'system' || isAdmin(principal)) return Access.unrestricted(principal);
    if (principal.systemRoles.includes('admin') && principal.apiKeyScope === 'read') {
      // An administrator's read-only key: every record, but only to read.
      const rules: AppRule[] = [{ action: ['read', 'export'], subject: 'all' }];
      return new Access(principal, false, createMongoAbility(rules), rules, new WeakMap(), new WeakMap());
    }
    const rules: AppRule[] = [];
    const conditions = new WeakMap<object, Condition | null>();
    const traces = new WeakMap<object, GrantTrace>();
    const keyAllows = KEY_ACTIONS[principal.apiKeyScope ?? 'write']!;
    const attributes: UserAttributes = {
      id: principal.userId,
      email: principal.email,
      departmentId: principal.departmentId,
      companyIds: principal.memberships.map((m) => m.companyId),
      groupIds: principal.groupIds,
    };
    for (const membership of principal.memberships) {
      const held = principal.apiKeyRoles
        ? membership.roles.filter((r) => principal.apiKeyRoles!.includes(r))
        : membership.roles;
      for (const code of expandRoles(registry.roles, held)) {
        for (const grant of registry.roles.get(code)!.grants) {
          const entity = registry.entities.get(grant.entity);
          if (!entity) continue;
          const scoped = scopeCondition(grant, entity, principal, membership.companyId, facts);
          if (scoped === null) continue;
          const bound = grant.condition ? bindCondition(grant.condition, attributes) : undefined;
          if (bound === null) continue;
          const mongo = [scoped?.mongo, bound].filter((c): c is Record<string, unknown> => !!c);
          const ucast = [scoped?.ucast, bound && parseFilter(bound)].filter((c): c is Condition => !!c);
          for (const action of grant.actions.filter(keyAllows)) {
            const write = action !== 'read' && action !== 'export';
            const denied = new Set([...grant.hiddenFields, ...(write ? grant.readonlyFields : [])]);
            const fields = [...entity.fields.keys()].filter((f) => !denied.has(f));
            const rule: AppRule = {
              action,
              subject: grant.entity,
              ...(mongo.length && { conditions: mongo.length === 1 ? mongo[0]! : { $and: mongo } }),
              // Every field restricted: the action on the record, on no field (CASL takes no empty list).
              ...(denied.size && { fields: fields.length ? fields : [NO_FIELD] }),
            };
            rules.push(rule);
            conditions.set(
              rule,
              ucast.length === 0 ? null : ucast.length === 1 ? ucast[0]! : new CompoundCondition('and', ucast),
            );
            traces.set(rule, {
              role: code,
              company: membership.companyId,
              scope: grant.scope,
              source: grant.source,
            });
          }
        }
      }
    }
    const ability = createMongoAbility(rules, {
      conditionsMatcher,
      detectSubjectType: (o) => (o as Record<string, string>)[SUBJECT]!,
    });
    return new Access(principal, false, ability, rules, conditions, traces);
  }

  #subject(entity: CompiledEntity, record: Record<string, unknown>) {
    return { ...record, [SUBJECT]: entity.key } as never;
  }

  /** Whether the action is allowed on this record, or on some record when none is given. */
  can(action: string, entity: CompiledEntity, record?: Record<string, unknown>, field?: string): boolean {
    if (this.unrestricted) return true;
    if (!record) return this.ability.rulesFor(action, entity.key, field).length > 0;
    return this.ability.can(action, this.#subject(entity, record), field);
  }

  /** The grant that allows the action on the record, or null. */
  decidedBy(
    action: string,
    entity: CompiledEntity,
    record?: Record<string, unknown>,
  ): GrantTrace | 'unrestricted' | null {
    if (this.unrestricted) return 'unrestricted';
    const rule = record
      ? this.ability.relevantRuleFor(action, this.#subject(entity, record))
      : this.ability.rulesFor(action, entity.key)[0];
    return rule ? (this.traces.get(rule.origin) ?? null) : null;
  }

  /** Rows the action may touch, as one condition for SQL. */
  rows(action: string, entity: CompiledEntity): RowScope {
    if (this.unrestricted) return true;
    const key = `${action}\u0000${entity.key}`;
    let scope = this.#rows.get(key);
    if (scope === undefined) {
      scope = this.#union(this.ability.rulesFor(action, entity.key).map((r) => r.origin));
      this.#rows.set(key, scope);
    }
    return scope;
  }

  /**
   * Rows on which the field may be read: all of them, none, or some. Filters on the field
   * apply only to those rows, so that a filter can never reveal a value the caller cannot see.
   */
  fieldRows(entity: CompiledEntity, field: string): RowScope {
    if (this.unrestricted || !entity.fields.has(field)) return true;
    const key = `${entity.key}\u0000${field}`;
    let scope = this.#fieldScopes.get(key);
    if (scope === undefined) {
      const all = this.ability.rulesFor('read', entity.key);
      const showing = all.filter((r) => r.matchesField(field));
      // A rule that hides the field adds no row where it is hidden when a rule showing it covers
      // the same rows (same condition, or none): an inherited role's restriction then vanishes.
      const covers = new Set(showing.map((r) => JSON.stringify(r.conditions ?? null)));
      const hiding = all.filter((r) => !r.matchesField(field));
      const covered = covers.has('null') || hiding.every((r) => covers.has(JSON.stringify(r.conditions ?? null)));
      scope = !showing.length ? false : covered ? true : this.#union(showing.map((r) => r.origin));
      this.#fieldScopes.set(key, scope);
    }
    return scope;
  }

  /** Fields of this record the action may see or change; system columns are not fields. */
  fieldsOf(action: string, entity: CompiledEntity, record: Record<string, unknown>): Set<string> | 'all' {
    if (this.unrestricted) return 'all';
    const uniform = this.#uniformFields(action, entity);
    if (uniform) {
      // Every rule grants the same fields: any record a rule covers shows exactly those.
      return this.can(action, entity, record) ? uniform : new Set();
    }
    const all = this.#fieldsOfEntity(entity);
    const fields = permittedFieldsOf(this.ability, action, this.#subject(entity, record), {
      fieldsFrom: (rule) => rule.fields ?? all,
    });
    return fields.length === all.length ? 'all' : new Set(fields);
  }

  /** The fields of the action when all its rules on the entity grant the same ones, else undefined. */
  #uniformFields(action: string, entity: CompiledEntity): Set<string> | 'all' | undefined {
    const key = `${action}\u0000${entity.key}`;
    if (this.#uniform.has(key)) return this.#uniform.get(key);
    const rules = this.ability.rulesFor(action, entity.key);
    const shapes = new Set(rules.map((r) => (r.fields ? [...r.fields].sort().join(',') : '*')));
    let uniform: Set<string> | 'all' | undefined;
    if (shapes.size === 1) {
      const fields = rules[0]!.fields;
      uniform = !fields || fields.length === entity.fields.size ? 'all' : new Set(fields);
    }
    this.#uniform.set(key, uniform);
    return uniform;
  }

  #fieldsOfEntity(entity: CompiledEntity): string[] {
    let all = this.#entityFields.get(entity.key);
    if (!all) {
      all = [...entity.fields.keys()];
      this.#entityFields.set(entity.key, all);
    }
    return all;
  }

  #union(rules: AppRule[]): RowScope {
    if (!rules.length) return false;
    const parts: Condition[] = [];
    for (const rule of rules) {
      // A rule without a recorded condition (an administrator's key) covers every row.
      const c = this.conditions.get(rule);
      if (c === null || c === undefined) return true;
      parts.push(c);
    }
    return parts.length === 1 ? parts[0]! : new CompoundCondition('or', parts);
  }
}

/**
 * The condition a grant's scope puts on records, in both forms (CASL's MongoDB query and the
 * ucast AST the SQL translator reads); undefined for `all`, null when it can match nothing.
 */
function scopeCondition(
  grant: CompiledGrant,
  entity: CompiledEntity,
  principal: Principal,
  companyId: string,
  facts: AccessFacts,
): { mongo: Record<string, unknown>; ucast: Condition } | undefined | null {
  switch (grant.scope) {
    case 'all':
      return undefined;
    case 'company':
      if (!entity.def.companyScoped) return null;
      return { mongo: { company_id: companyId }, ucast: new FieldCondition('eq', 'company_id', companyId) };
    case 'department':
      if (!principal.departmentId || !facts.departmentUserIds.length) return null;
      return {
        mongo: { created_by: { $in: facts.departmentUserIds } },
        ucast: new FieldCondition('in', 'created_by', facts.departmentUserIds),
      };
    case 'own':
      if (!principal.userId) return null;
      return {
        mongo: { created_by: principal.userId },
        ucast: new FieldCondition('eq', 'created_by', principal.userId),
      };
  }
}
