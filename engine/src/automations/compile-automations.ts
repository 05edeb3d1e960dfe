import type { AutomationDefinition, Trigger } from '@opsflux/definitions';
import type { Bundle } from '../bundles/bundle-types.ts';

/** An automation ready to be matched: its key, the entity it listens to, its definition. */
export interface CompiledAutomation {
  /** `bundle.name` */
  key: string;
  bundle: string;
  def: AutomationDefinition;
  /** `bundle.entity` for triggers on records; undefined for schedules and webhooks. */
  entity?: string;
}

/** Automations of every bundle, indexed the ways the engine looks them up. */
export interface AutomationIndex {
  byKey: ReadonlyMap<string, CompiledAutomation>;
  /** Record, field, transition and approval automations by entity key. */
  byEntity: ReadonlyMap<string, readonly CompiledAutomation[]>;
  /** Schedules and date triggers, read by the scheduler's tick. */
  timed: readonly CompiledAutomation[];
}

const qualify = (bundle: string, ref: string) => (ref.includes('.') ? ref : `${bundle}.${ref}`);

export function compileAutomations(bundles: Iterable<Bundle>): AutomationIndex {
  const byKey = new Map<string, CompiledAutomation>();
  const byEntity = new Map<string, CompiledAutomation[]>();
  const timed: CompiledAutomation[] = [];
  for (const bundle of bundles) {
    for (const def of bundle.automations) {
      if (def.enabled === false) continue;
      const a: CompiledAutomation = {
        key: `${bundle.manifest.name}.${def.name}`,
        bundle: bundle.manifest.name,
        def,
        ...(def.entity && { entity: qualify(bundle.manifest.name, def.entity) }),
      };
      byKey.set(a.key, a);
      if (def.trigger.type === 'schedule' || def.trigger.type === 'date') timed.push(a);
      if (a.entity && def.trigger.type !== 'schedule' && def.trigger.type !== 'webhook') {
        byEntity.set(a.entity, [...(byEntity.get(a.entity) ?? []), a]);
      }
    }
  }
  return { byKey, byEntity, timed };
}

/** Whether `trigger` is an event of the entity's records (as opposed to time or a webhook). */
export function isEntityTrigger(trigger: Trigger): boolean {
  return !['schedule', 'webhook'].includes(trigger.type);
}
