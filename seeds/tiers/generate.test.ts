import { fileURLToPath } from 'node:url';
import type { EntityDefinition, FieldDefinition } from '@opsflux/definitions';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import jsonLogic from 'json-logic-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../engine/src/bundles/load-bundle.ts';
import { formatIssue, validateBundle } from '../../engine/src/bundles/validate-bundle.ts';
import { generateTiersSeed, type SeedRecord, type TiersSeed } from './generate.ts';

const BUNDLE_DIR = fileURLToPath(new URL('../../definitions/bundles/tiers', import.meta.url));

// The value formats the engine's API applies to email, url and phone fields.
const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);
const isEmail = ajv.compile({ type: 'string', format: 'email' });
const isUri = ajv.compile({ type: 'string', format: 'uri' });
const PHONE = /^\+?[0-9][0-9 ().-]{2,31}$/;

type Seeded = Record<string, SeedRecord[]>;

interface Ref {
  $ref: string;
}

function isRef(v: unknown): v is Ref {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 1 && typeof (v as Ref).$ref === 'string';
}

function refIds(record: SeedRecord, field: string): string[] {
  const v = record[field];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((r: Ref) => r.$ref);
}

/** Problems of one value against its field definition; empty when the value fits. */
function fieldProblems(f: FieldDefinition, v: unknown, ids: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  const say = (m: string) => out.push(`${f.name}: ${m} (${JSON.stringify(v)})`);
  const lengthWithin = (max: number, min = 0) => {
    if (typeof v !== 'string') return say('not a string');
    if (v.length > max) say(`longer than ${max}`);
    if (v.length < min) say(`shorter than ${min}`);
  };
  const targetIds = (entity: string) => ids.get(entity.split('.').pop()!) ?? new Set<string>();
  switch (f.type) {
    case 'string':
      lengthWithin(f.maxLength ?? 255, f.minLength);
      if (f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(String(v))) say(`does not match ${f.pattern}`);
      break;
    case 'text':
      lengthWithin(f.maxLength ?? 1_000_000, f.minLength);
      break;
    case 'email':
      lengthWithin(f.maxLength ?? 320);
      if (!isEmail(v)) say('not an e-mail address');
      break;
    case 'phone':
      lengthWithin(f.maxLength ?? 32);
      if (!PHONE.test(String(v))) say('not a phone number');
      break;
    case 'url':
      lengthWithin(f.maxLength ?? 2048);
      if (!isUri(v) || !/^https?:\/\//.test(String(v))) say('not an http(s) URL');
      break;
    case 'enum':
      if (!f.values.some((e) => e.value === v)) say(`not one of ${f.values.map((e) => e.value).join(', ')}`);
      break;
    case 'decimal': {
      const scale = f.scale ?? 2;
      if (typeof v !== 'number' || !Number.isFinite(v)) return [`${f.name}: not a number`];
      if (f.min !== undefined && v < f.min) say(`below ${f.min}`);
      if (f.max !== undefined && v > f.max) say(`above ${f.max}`);
      if (Number(v.toFixed(scale)) !== v) say(`more than ${scale} decimals`);
      if (Math.abs(v) >= 10 ** ((f.precision ?? 18) - scale)) say('too many digits');
      break;
    }
    case 'integer':
      if (!Number.isInteger(v)) say('not an integer');
      else if ((f.min !== undefined && (v as number) < f.min) || (f.max !== undefined && (v as number) > f.max)) {
        say('out of range');
      }
      break;
    case 'boolean':
      if (typeof v !== 'boolean') say('not a boolean');
      break;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(v))) say('not a date');
      break;
    case 'datetime':
      if (Number.isNaN(Date.parse(String(v)))) say('not a date-time');
      break;
    case 'time':
      if (!/^\d{2}:\d{2}(:\d{2})?$/.test(String(v))) say('not a time');
      break;
    case 'json':
      if (JSON.stringify(JSON.parse(JSON.stringify(v))) !== JSON.stringify(v)) say('not plain JSON');
      break;
    case 'geopoint':
      if (typeof v !== 'object' || v === null || !('latitude' in v) || !('longitude' in v)) say('not a geopoint');
      break;
    case 'reference':
      if (!isRef(v)) say('not a { $ref } object');
      else if (!targetIds(f.entity).has(v.$ref)) say(`points at unknown ${f.entity} ${v.$ref}`);
      break;
    case 'references':
      if (!Array.isArray(v) || !v.every(isRef)) say('not an array of { $ref } objects');
      else {
        if (new Set(v.map((r) => r.$ref)).size !== v.length) say('lists a target twice');
        for (const r of v) if (!targetIds(f.entity).has(r.$ref)) say(`points at unknown ${f.entity} ${r.$ref}`);
      }
      break;
    case 'computed':
      say('is computed by the engine and cannot be sent');
      break;
  }
  return out;
}

/** Everything wrong with one record against its entity definition. */
function recordProblems(def: EntityDefinition, record: SeedRecord, ids: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  const fields = new Map(def.fields.map((f) => [f.name, f]));
  for (const key of Object.keys(record)) {
    if (key !== 'external_id' && !fields.has(key)) out.push(`${key}: not a field of ${def.name}`);
  }
  if (typeof record.external_id !== 'string' || record.external_id.length === 0) out.push('external_id: missing');
  for (const f of def.fields) {
    const v = record[f.name];
    if (v === undefined || v === null) {
      if (f.required) out.push(`${f.name}: required`);
      continue;
    }
    if (f.required && v === '') out.push(`${f.name}: required but empty`);
    out.push(...fieldProblems(f, v, ids));
  }
  for (const f of def.fields) {
    if (f.type !== 'computed') continue;
    const value: unknown = jsonLogic.apply(f.expression as jsonLogic.RulesLogic, record);
    const ok = f.resultType === 'string' ? typeof value === 'string' && value.trim() !== '' : value !== null;
    if (!ok) out.push(`${f.name}: computes to ${JSON.stringify(value)}`);
  }
  for (const rule of def.rules ?? []) {
    if (!jsonLogic.truthy(jsonLogic.apply(rule.expression as jsonLogic.RulesLogic, record))) {
      out.push(`rule ${rule.name} fails: ${rule.message.en}`);
    }
  }
  return out;
}

/** Problems of a whole seed: each record, then unique fields across records. */
function seedProblems(entities: EntityDefinition[], seed: Seeded): string[] {
  const ids = new Map(
    Object.entries(seed).map(([name, rows]) => [name, new Set(rows.map((r) => String(r.external_id)))]),
  );
  const out: string[] = [];
  for (const def of entities) {
    const rows = seed[def.name] ?? [];
    for (const r of rows) {
      out.push(...recordProblems(def, r, ids).map((p) => `${def.name} ${String(r.external_id)}: ${p}`));
    }
    for (const f of def.fields.filter((x) => x.unique)) {
      const values = rows.map((r) => r[f.name]).filter((v) => v !== undefined && v !== null);
      const seen = new Set<string>();
      for (const v of values) {
        const key = String(v).toLowerCase();
        if (seen.has(key)) out.push(`${def.name}.${f.name}: ${String(v)} is used twice`);
        seen.add(key);
      }
    }
  }
  return out;
}

const DIALLING_CODES: Record<string, string> = {
  CM: '+237 ',
  GA: '+241 ',
  CG: '+242 ',
  GQ: '+240 ',
  NG: '+234 ',
  AO: '+244 ',
  FR: '+33 ',
  GB: '+44 ',
  US: '+1 ',
  NL: '+31 ',
  NO: '+47 ',
};

describe('tiers demo seed', () => {
  let entities: EntityDefinition[] = [];
  let seed: TiersSeed;

  beforeAll(async () => {
    const result = validateBundle(await loadBundle(BUNDLE_DIR));
    if (!result.ok) throw new Error(`The tiers bundle is invalid:\n${result.issues.map(formatIssue).join('\n')}`);
    entities = result.bundle.entities;
    seed = generateTiersSeed();
  });

  it('generates 200 companies and 1,000 contacts by default', () => {
    expect(seed.company).toHaveLength(200);
    expect(seed.contact).toHaveLength(1000);
    expect(entities.map((e) => e.name).sort()).toEqual(Object.keys(seed).sort());
  });

  it('honours the requested counts', () => {
    const small = generateTiersSeed({ companies: 12, contacts: 30, seed: 7 });
    expect(small.company).toHaveLength(12);
    expect(small.contact).toHaveLength(30);
    expect(generateTiersSeed({ companies: 0, contacts: 0 })).toEqual({ company: [], contact: [] });
    expect(() => generateTiersSeed({ companies: 0, contacts: 5 })).toThrow(RangeError);
    expect(() => generateTiersSeed({ companies: -1 })).toThrow(RangeError);
  });

  it('is deterministic: the same seed gives the same output, another seed another one', () => {
    expect(generateTiersSeed()).toEqual(seed);
    expect(generateTiersSeed({ seed: 42 })).toEqual(generateTiersSeed({ seed: 42 }));
    expect(generateTiersSeed({ seed: 42 })).not.toEqual(seed);
  });

  it('uses unique external ids, registration numbers and contact e-mails', () => {
    const all = [...seed.company, ...seed.contact].map((r) => r.external_id);
    expect(new Set(all).size).toBe(all.length);
    expect(seed.company[0]!.external_id).toBe('TIERS-CO-0001');
    expect(seed.contact[0]!.external_id).toBe('TIERS-CT-00001');
    const regs = seed.company.map((c) => c.registration_number).filter((v) => v !== undefined);
    expect(regs.length).toBeGreaterThan(150);
    expect(new Set(regs).size).toBe(regs.length);
    const emails = seed.contact.map((c) => String(c.email ?? '').toLowerCase()).filter(Boolean);
    expect(emails.length).toBeGreaterThan(900);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('points every $ref at an existing company, and no company at itself', () => {
    const companyIds = new Set(seed.company.map((c) => String(c.external_id)));
    const position = new Map(seed.company.map((c, i) => [String(c.external_id), i]));
    const parents = seed.company.filter((c) => c.parent !== undefined);
    expect(parents.length).toBeGreaterThan(20);
    for (const c of parents) {
      const [parent] = refIds(c, 'parent');
      expect(companyIds.has(parent!)).toBe(true);
      expect(parent).not.toBe(c.external_id);
      // Parents come first, so the hierarchy has no cycle and loads in order.
      expect(position.get(parent!)!).toBeLessThan(position.get(String(c.external_id))!);
    }
    for (const c of seed.contact) {
      const ids = refIds(c, 'companies');
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(companyIds.has(id)).toBe(true);
    }
    // Every company has at least one contact when there are enough contacts.
    const linked = new Set(seed.contact.flatMap((c) => refIds(c, 'companies')));
    expect(linked.size).toBe(companyIds.size);
  });

  it('validates every record against the tiers bundle (types, enums, patterns, lengths, rules)', () => {
    expect(seedProblems(entities, seed as unknown as Seeded)).toEqual([]);
    const variants = [
      { seed: 2 },
      { seed: 3, companies: 500, contacts: 3000 },
      { seed: 4, companies: 3, contacts: 10 },
    ];
    for (const opts of variants) {
      expect(seedProblems(entities, generateTiersSeed(opts) as unknown as Seeded)).toEqual([]);
    }
  });

  it('catches a broken record (the checker itself works)', () => {
    const broken: Seeded = {
      company: [
        { external_id: 'X-1', legal_name: 'Bad SA', type: 'vendor', country: 'Cameroon', parent: { $ref: 'X-9' } },
      ],
      contact: [{ external_id: 'X-2', first_name: 'A', last_name: 'B', preferred_channel: 'email', full_name: 'A B' }],
    };
    const problems = seedProblems(entities, broken).join('\n');
    expect(problems).toContain('type: not one of');
    expect(problems).toContain('country: longer than 2');
    expect(problems).toContain('points at unknown company X-9');
    expect(problems).toContain('rule email_channel_needs_email fails');
    expect(problems).toContain('full_name: is computed');
    const supplier = { ...broken.company![0]!, type: 'supplier', country: 'CM', parent: null };
    expect(seedProblems(entities, { company: [supplier], contact: [] }).join('\n')).toContain(
      'rule supplier_registration fails',
    );
  });

  it('looks like a Gulf of Guinea supply chain', () => {
    const countries = new Set(seed.company.map((c) => String(c.country)));
    for (const cc of ['CM', 'GA', 'CG', 'GQ', 'NG', 'AO']) expect(countries.has(cc)).toBe(true);
    for (const cc of countries) expect(Object.keys(DIALLING_CODES)).toContain(cc);
    for (const c of seed.company) {
      if (c.phone !== undefined) expect(String(c.phone).startsWith(DIALLING_CODES[String(c.country)]!)).toBe(true);
      if (c.registration_number !== undefined) expect(String(c.registration_number).slice(0, 2)).toBe(c.country);
    }
    const sectors = new Set(seed.company.map((c) => c.sector));
    expect(sectors.size).toBeGreaterThanOrEqual(10);
    const types = new Set(seed.company.map((c) => c.type));
    expect([...types].sort()).toEqual(['client', 'competitor', 'partner', 'supplier']);
    // Subsidiaries are local, their groups international.
    const byId = new Map(seed.company.map((c) => [c.external_id, c]));
    for (const c of seed.company.filter((x) => x.parent !== undefined)) {
      const parent = byId.get(refIds(c, 'parent')[0])!;
      expect(['FR', 'GB', 'US', 'NL', 'NO']).toContain(parent.country);
      expect(Object.keys(DIALLING_CODES).slice(0, 6)).toContain(c.country);
    }
  });
});
