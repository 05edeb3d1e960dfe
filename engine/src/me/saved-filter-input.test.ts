import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Access } from '../access/access.ts';
import { SYSTEM_PRINCIPAL } from '../access/principal.ts';
import { loadBundle } from '../bundles/load-bundle.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import { isOpsError } from '../errors.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import type { Registry } from '../registry/registry-types.ts';
import { checkSavedFilter } from './saved-filter-input.ts';

// A saved filter is checked as the data API checks a list's filter, on its view's entity: what
// is saved can always be run, and what is refused says where.

let registry: Registry;
const access = Access.unrestricted(SYSTEM_PRINCIPAL);
beforeAll(async () => {
  const result = validateBundle(await loadBundle(path.join(import.meta.dirname, '../../test/bundles/desk')));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  registry = compileRegistry([result.bundle]);
});

const check = (body: unknown) => checkSavedFilter(body, { registry, access });
function refusal(body: unknown) {
  try {
    check(body);
    return undefined;
  } catch (e) {
    if (!isOpsError(e)) throw e;
    return e;
  }
}

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Conditions the ticket entity accepts, one per field and operator family. */
const condition = fc.oneof(
  fc.record({
    title: fc.oneof(fc.string({ maxLength: 50 }), fc.record({ $contains: fc.string({ minLength: 1, maxLength: 50 }) })),
  }),
  fc.record({ priority: fc.oneof(fc.constantFrom('low', 'high'), fc.record({ $in: fc.subarray(['low', 'high']) })) }),
  fc.record({
    due_on: fc.oneof(
      day,
      fc.record({ $gte: day }),
      fc.tuple(day, day).map((b) => ({ $between: b })),
    ),
  }),
  fc.record({ state: fc.constantFrom('open', 'closed') }),
  fc.record({ 'team.name': fc.record({ $startsWith: fc.string({ minLength: 1, maxLength: 20 }) }) }),
);
const filter = fc
  .oneof(
    condition,
    fc.array(condition, { minLength: 1, maxLength: 4 }).map((c) => ({ $or: c })),
    fc.array(condition, { minLength: 1, maxLength: 4 }).map((c) => ({ $and: c })),
    condition.map((c) => ({ $not: c })),
  )
  // As it arrives over HTTP: plain objects.
  .map((f) => JSON.parse(JSON.stringify(f)) as Record<string, unknown>);

describe('saved filter payloads', () => {
  it('accept every filter the data API accepts on the view', () => {
    fc.assert(
      fc.property(filter, fc.string({ minLength: 1, maxLength: 200 }), fc.boolean(), (f, name, shared) => {
        const out = check({
          view: 'desk.tickets',
          name,
          filter: f,
          shared,
          sort: [{ field: 'due_on', direction: 'asc' }],
        });
        expect(out.entity.key).toBe('desk.ticket');
        expect(out.filter).toEqual(f);
      }),
    );
  });

  it('answer any filter with acceptance or a 422 naming a place in it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (f) => {
        const err = refusal({ view: 'desk.tickets', name: 'x', filter: f });
        if (!err) return;
        expect(err.status).toBe(422);
        for (const d of err.details) expect(d.path).toMatch(/^filter/);
      }),
    );
  });

  it('name the field of an unknown field, a wrong value, or an operator it lacks', () => {
    const detail = (f: object) => refusal({ view: 'desk.tickets', name: 'x', filter: f })?.details;
    expect(detail({ colour: 'red' })).toEqual([
      expect.objectContaining({ path: 'filter.colour', code: 'unknown_field' }),
    ]);
    expect(detail({ due_on: 'soon' })).toEqual([
      expect.objectContaining({ path: 'filter.due_on', code: 'invalid_value' }),
    ]);
    expect(detail({ due_on: { $contains: '2026' } })).toEqual([
      expect.objectContaining({ path: 'filter.due_on', code: 'operator_not_allowed' }),
    ]);
    expect(detail({ 'team.colour': 'red' })).toEqual([
      // The data API names the field on the entity the path reaches.
      expect.objectContaining({
        path: 'filter.colour',
        code: 'unknown_field',
        message: 'desk.team has no field "colour"',
      }),
    ]);
    expect(detail({ title: { $near: 1 } })).toEqual([
      expect.objectContaining({ path: 'filter.title.$near', code: 'unknown_operator' }),
    ]);
  });

  it('refuse unknown views, unsortable sorts and unknown properties', () => {
    expect(refusal({ view: 'desk.nope', name: 'x', filter: {} })?.details[0]).toMatchObject({
      path: 'view',
      code: 'unknown_view',
    });
    expect(
      refusal({ view: 'desk.tickets', name: 'x', filter: {}, sort: [{ field: 'story', direction: 'asc' }] })
        ?.details[0],
    ).toMatchObject({ path: 'sort.0.field', code: 'not_sortable' });
    expect(refusal({ view: 'desk.tickets', name: 'x', filter: {}, owner: 'me' })?.details[0]).toMatchObject({
      path: 'owner',
      code: 'unknown_property',
    });
    expect(refusal({ view: 'desk.tickets', filter: {} })?.details[0]).toMatchObject({ path: 'name', code: 'required' });
  });
});
