import { pickText, type EntityDefinition, type Language } from '@opsflux/definitions';
import type { DraftContext } from '../editor-types.ts';

export interface EntityOption {
  /** As a definition writes it: `entity` of this bundle, `bundle.entity` of another. */
  value: string;
  label: string;
  /** The bundle it belongs to. */
  bundle: string;
}

type Lookup = Pick<DraftContext, 'bundle' | 'files' | 'otherEntities'>;

const isEntity = (v: unknown): v is EntityDefinition =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as EntityDefinition).name === 'string' &&
  Array.isArray((v as EntityDefinition).fields);

/** The draft's own entities by name. */
export function draftEntities(context: Pick<DraftContext, 'files'>): EntityDefinition[] {
  return Object.entries(context.files)
    .filter(([path, v]) => /^entities\/[^/]+\.json$/.test(path) && isEntity(v))
    .map(([, v]) => v as EntityDefinition);
}

/** Every entity a reference, a form or a view may name: the draft's, then the other bundles'. */
export function entityOptions(context: Lookup, lang: Language = 'en'): EntityOption[] {
  const own = draftEntities(context).map((e) => ({
    value: e.name,
    label: `${pickText(e.label, lang) || e.name} (${e.name})`,
    bundle: context.bundle,
  }));
  const others = Object.entries(context.otherEntities)
    .filter(([key]) => !key.startsWith(`${context.bundle}.`))
    .map(([key, def]) => ({
      value: key,
      label: `${isEntity(def) ? pickText(def.label, lang) || key : key} (${key})`,
      bundle: key.split('.')[0]!,
    }));
  return [...own, ...others.sort((a, b) => a.value.localeCompare(b.value))];
}

/** The definition an `entity` reference names, from the draft or another bundle. */
export function findEntity(context: Lookup, ref: string): EntityDefinition | null {
  const [bundle, name] = ref.includes('.') ? (ref.split('.', 2) as [string, string]) : [context.bundle, ref];
  if (bundle === context.bundle) {
    const own = draftEntities(context).find((e) => e.name === name);
    if (own) return own;
  }
  const other = context.otherEntities[`${bundle}.${name}`];
  return isEntity(other) ? other : null;
}

/** Workflow states of an entity in the draft (forms' variants and boards read them). */
export function workflowStates(context: Lookup, ref: string): string[] {
  const own = ref.includes('.') ? (ref.startsWith(`${context.bundle}.`) ? ref.split('.')[1] : null) : ref;
  if (!own) return [];
  const states: string[] = [];
  for (const [path, v] of Object.entries(context.files)) {
    if (!path.startsWith('workflows/') || typeof v !== 'object' || v === null) continue;
    const wf = v as { entity?: unknown; states?: { name?: unknown }[] };
    if (wf.entity !== own && wf.entity !== `${context.bundle}.${own}`) continue;
    for (const s of wf.states ?? []) if (typeof s.name === 'string') states.push(s.name);
  }
  return states;
}
