import { pickText, type Language } from '@opsflux/definitions';
import { extensionOwner } from '../extensions/merge-extensions.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import { systemFields } from './labels.ts';
import { resolveForm } from './resolve-form.ts';
import { resolveView } from './resolve-view.ts';

/**
 * What the apps need to draw an entity, in the reader's language: field labels and kinds, the
 * workflow's states and transitions, its views, and its forms (the engine's default when no
 * bundle ships one).
 */
export function entityUiMeta(e: CompiledEntity, registry: Registry, lang: Language) {
  return {
    language: lang,
    title: pickText(e.def.label, lang),
    pluralTitle: pickText(e.def.pluralLabel, lang),
    displayField: e.def.displayField ?? null,
    fields: [...e.fields.values()].map((f) => ({
      name: f.name,
      type: f.def.type,
      label: pickText(f.def.label, lang),
      description: f.def.description ? pickText(f.def.description, lang) : null,
      required: f.def.required === true,
      readOnly: !f.writable || e.sequence?.field === f.name,
      sortable: f.sortable,
      sensitive: f.def.sensitive === true,
      ...(f.def.type === 'enum' && {
        values: f.def.values.map((v) => ({ value: v.value, label: pickText(v.label, lang), color: v.color ?? null })),
      }),
      ...(f.target && { target: f.target }),
      // Added by another bundle's extension.
      ...(extensionOwner(f.def) && { extension: extensionOwner(f.def) }),
    })),
    systemFields: systemFields(e, lang),
    workflow: e.workflow ? workflowSummary(e, lang) : null,
    views: registry.ui.viewsOf(e.key).map((v) => resolveView(v, e, lang)),
    forms: registry.ui.formsOf(e.key).map((f) => resolveForm(f, e, lang, registry.entities)),
  };
}

function workflowSummary(e: CompiledEntity, lang: Language) {
  const wf = e.workflow!;
  return {
    name: wf.def.name,
    label: wf.def.label ? pickText(wf.def.label, lang) : null,
    initial: wf.initial,
    states: wf.def.states.map((s) => ({
      name: s.name,
      label: pickText(s.label, lang),
      category: s.category,
      color: s.color ?? null,
      initial: s.initial === true,
      final: s.final === true,
    })),
    transitions: wf.def.transitions.map((t) => ({
      name: t.name,
      label: pickText(t.label, lang),
      from: t.from,
      to: t.to,
      commentRequired: t.commentRequired === true,
      requiredFields: t.requiredFields ?? [],
    })),
  };
}
