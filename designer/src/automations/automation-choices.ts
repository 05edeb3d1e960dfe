import type { EntityDefinition, Language } from '@opsflux/definitions';
import type { DraftContext } from '../editor-types.ts';
import { draftEntity, entityWorkflow } from './automation-model.ts';
import type { ActionChoices } from './message-action-fields.tsx';
import type { TriggerChoices } from './trigger-editor.tsx';

const namesIn = (files: DraftContext['files'], folder: string) =>
  Object.entries(files)
    .filter(
      ([p, c]) => p.startsWith(`${folder}/`) && !p.slice(folder.length + 1).includes('/') && c && typeof c === 'object',
    )
    .map(([, c]) => (c as { name?: unknown }).name)
    .filter((n): n is string => typeof n === 'string')
    .sort();

/** The entity's definition, from the draft or another installed bundle. */
function entityDef(context: DraftContext, entity: string | undefined): EntityDefinition | undefined {
  if (!entity) return undefined;
  return (
    draftEntity(context.files, context.bundle, entity) ??
    (context.otherEntities[entity] as EntityDefinition | undefined)
  );
}

/** What the automation editor's pickers offer, read from the draft and the installed bundles. */
export function automationChoices(context: DraftContext, entity: string | undefined) {
  const def = entityDef(context, entity);
  const fields = (def?.fields ?? []).map((f) => f.name);
  const dateFields = (def?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'datetime').map((f) => f.name);
  const wf = entityWorkflow(
    context.files,
    entity && entity.startsWith(`${context.bundle}.`) ? entity.slice(context.bundle.length + 1) : entity,
  );
  const own = `${context.bundle}.`;
  const trigger: TriggerChoices = { fields, dateFields, ...wf };
  const action: ActionChoices = {
    roles: context.roles.map((r) => (r.startsWith(own) ? r.slice(own.length) : r)),
    fields,
    templates: namesIn(context.files, 'templates'),
    entities: [...namesIn(context.files, 'entities'), ...Object.keys(context.otherEntities).sort()],
    transitions: wf.transitions,
    languages: context.languages as readonly Language[],
  };
  return { trigger, action, fields };
}
