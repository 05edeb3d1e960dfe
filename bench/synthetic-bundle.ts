import type { RawBundle } from '../engine/src/bundles/bundle-types.ts';

/**
 * A synthetic bundle for the compile benchmark: `entities` entities of `fields` fields each,
 * mixing every field type: references between entities (one-to-many and many-to-many),
 * enums, indexes (single, unique, composite), searchable fields, a computed field and a rule.
 */

type Json = Record<string, unknown>;

const label = (en: string, fr = en): Json => ({ en, fr });

export function entityName(i: number): string {
  return `e${String(i).padStart(4, '0')}`;
}

function fieldsOf(i: number, n: number, count: number): Json[] {
  const ref = (j: number) => entityName(((j % n) + n) % n);
  const all: Json[] = [
    {
      name: 'code',
      type: 'string',
      label: label('Code'),
      required: true,
      unique: true,
      maxLength: 32,
      searchable: true,
    },
    {
      name: 'name',
      type: 'string',
      label: label('Name', 'Nom'),
      required: true,
      index: true,
      searchable: true,
      maxLength: 200,
    },
    { name: 'summary', type: 'text', label: label('Summary', 'Résumé'), searchable: true, maxLength: 5000 },
    {
      name: 'status',
      type: 'enum',
      label: label('Status', 'Statut'),
      required: true,
      index: true,
      default: 'draft',
      values: ['draft', 'open', 'on_hold', 'closed', 'cancelled'].map((v) => ({ value: v, label: label(v) })),
    },
    { name: 'priority', type: 'integer', label: label('Priority', 'Priorité'), min: 0, max: 10, default: 0 },
    { name: 'amount', type: 'decimal', label: label('Amount', 'Montant'), precision: 14, scale: 2, min: 0 },
    { name: 'active', type: 'boolean', label: label('Active', 'Actif'), default: true },
    { name: 'start_date', type: 'date', label: label('Start', 'Début'), index: true },
    { name: 'due_at', type: 'datetime', label: label('Due', 'Échéance') },
    { name: 'slot', type: 'time', label: label('Slot', 'Créneau') },
    { name: 'contact_email', type: 'email', label: label('E-mail'), searchable: true },
    { name: 'phone', type: 'phone', label: label('Phone', 'Téléphone') },
    { name: 'website', type: 'url', label: label('Website', 'Site web') },
    { name: 'parent', type: 'reference', label: label('Parent'), entity: ref(i - 1), onDelete: 'set-null' },
    { name: 'owner', type: 'reference', label: label('Owner', 'Responsable'), entity: ref(i * 7 + 3), index: true },
    { name: 'related', type: 'references', label: label('Related', 'Liés'), entity: ref(i + 13) },
    { name: 'attributes', type: 'json', label: label('Attributes', 'Attributs') },
    { name: 'location', type: 'geopoint', label: label('Location', 'Position') },
    {
      name: 'display',
      type: 'computed',
      label: label('Display', 'Affichage'),
      expression: { cat: [{ var: 'code' }, ' - ', { var: 'name' }] },
      resultType: 'string',
      searchable: true,
    },
    { name: 'notes', type: 'text', label: label('Notes'), maxLength: 10000 },
  ];
  const fields = all.slice(0, count);
  for (let k = fields.length; k < count; k++) {
    fields.push({ name: `extra_${k}`, type: 'string', label: label(`Extra ${k}`), maxLength: 100, index: k % 5 === 0 });
  }
  return fields;
}

function entity(i: number, n: number, fields: number): Json {
  const defs = fieldsOf(i, n, fields);
  const has = (f: string) => defs.some((d) => d.name === f);
  return {
    name: entityName(i),
    label: label(`Entity ${i}`, `Entité ${i}`),
    pluralLabel: label(`Entities ${i}`, `Entités ${i}`),
    description: label(`Synthetic entity number ${i}.`, `Entité synthétique numéro ${i}.`),
    displayField: 'name',
    companyScoped: i % 3 === 0,
    fields: defs,
    ...(has('start_date') && { indexes: [{ fields: ['status', 'start_date'] }] }),
    ...(has('due_at') &&
      has('start_date') && {
        rules: [
          {
            name: 'due_after_start',
            expression: {
              or: [
                { '!': [{ var: 'due_at' }] },
                { '!': [{ var: 'start_date' }] },
                { '>=': [{ var: 'due_at' }, { var: 'start_date' }] },
              ],
            },
            message: label('The due date cannot be before the start', "L'échéance ne peut précéder le début"),
            field: 'due_at',
          },
        ],
      }),
  };
}

export function syntheticBundle(entities: number, fields: number): RawBundle {
  return {
    source: 'synthetic',
    manifest: {
      file: 'bundle.json',
      data: { name: 'synth', version: '1.0.0', title: label('Synthetic', 'Synthétique'), dependencies: {} },
    },
    kinds: {
      entity: Array.from({ length: entities }, (_, i) => ({
        file: `entities/${entityName(i)}.json`,
        data: entity(i, entities, fields),
      })),
    },
  };
}

/**
 * The same bundle, one version later: a new optional field on 10 entities (spread over the
 * bundle), and on one entity a type change (integer → decimal) and a widened string.
 */
export function changedBundle(raw: RawBundle): RawBundle {
  const copy = structuredClone(raw);
  (copy.manifest.data as Json).version = '1.1.0';
  const files = copy.kinds.entity!;
  const step = Math.max(1, Math.floor(files.length / 10));
  for (let k = 0; k < Math.min(10, files.length); k++) {
    const def = files[k * step]!.data as { fields: Json[] };
    def.fields.push({ name: 'review_note', type: 'string', label: label('Review note'), maxLength: 500 });
  }
  const first = files[0]!.data as { fields: Json[] };
  const priority = first.fields.find((f) => f.name === 'priority');
  if (priority) Object.assign(priority, { type: 'decimal', precision: 6, scale: 2 });
  const name = first.fields.find((f) => f.name === 'name');
  if (name) name.maxLength = 300;
  return copy;
}
