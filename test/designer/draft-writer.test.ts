import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../runtime-ui/src/api/api-error.ts';
import type { ChangeResult, Draft } from '../../designer/src/api/designer-types.ts';
import { DraftWriter, type DraftWriterApi } from '../../designer/src/workspace/draft-writer.ts';
import { createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';

/**
 * The designer's draft writer (debounced saves through one queue, conflicts) against a real
 * engine: two writers on the same bundle, as two administrators' workspaces would be.
 */
let t: TestEngine;

beforeAll(async () => {
  t = await createTestEngine([path.join(REPO, 'test/e2e/fixtures/ops')]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function call<T>(method: 'get' | 'put' | 'post' | 'delete', url: string, body?: unknown): Promise<T> {
  const agent = request(t.app);
  const res = await agent[method](url).send(body as object);
  if (res.status >= 400) throw ApiError.fromBody(res.status, res.body);
  return res.body.data as T;
}
const api: DraftWriterApi = {
  putFile: (b, p, revision, content) =>
    call<ChangeResult>('put', `/api/v1/admin/bundles/${b}/draft/files/${p}`, { revision, content }),
  deleteFile: (b, p, revision) =>
    call<ChangeResult>('delete', `/api/v1/admin/bundles/${b}/draft/files/${p}`, { revision }),
  renameFile: (b, revision, from, to) =>
    call<ChangeResult>('post', `/api/v1/admin/bundles/${b}/draft/rename`, { revision, from, to }),
  draft: (b) => call<Draft>('get', `/api/v1/admin/bundles/${b}/draft`),
};
const engineDraft = () => api.draft('ops');
const writer = async () => new DraftWriter('ops', await engineDraft(), api, 20);
const settle = (w: DraftWriter) => new Promise((r) => setTimeout(r, 60)).then(() => w.flush());
const entity = (files: Record<string, unknown>, name: string) =>
  files[`entities/${name}.json`] as Record<string, unknown>;

describe('DraftWriter', () => {
  it('saves changes after a pause, one revision per file, and takes in what others saved', async () => {
    const a = await writer();
    const b = await writer();
    const loc = entity(a.getState().files, 'location');
    a.change('entities/location.json', { ...loc, description: { en: 'first' } });
    a.change('entities/location.json', { ...loc, description: { en: 'second' } });
    expect(a.getState().status).toBe('pending');
    expect(await settle(a)).toBe(true);
    expect(a.getState()).toMatchObject({ status: 'saved', revision: 1 });
    expect(entity((await engineDraft()).files, 'location').description).toEqual({ en: 'second' });

    // b never read revision 1 but changes another file: accepted, and a sees it on its next save.
    const wo = entity(b.getState().files, 'work_order');
    b.change('entities/work_order.json', { ...wo, description: { en: 'from b' } });
    expect(await settle(b)).toBe(true);
    a.change('entities/location.json', { ...loc, description: { en: 'third' } });
    expect(await settle(a)).toBe(true);
    expect(entity(a.getState().files, 'work_order').description).toEqual({ en: 'from b' });
    expect(a.getState().revision).toBe((await engineDraft()).revision);
  });

  it('stops on a stale edit of the same file and lets the admin overwrite or reload', async () => {
    const a = await writer();
    const b = await writer();
    const loc = entity(a.getState().files, 'location');
    b.change('entities/location.json', { ...loc, description: { en: 'theirs' } });
    expect(await settle(b)).toBe(true);

    a.change('entities/location.json', { ...loc, description: { en: 'mine' } });
    expect(await settle(a)).toBe(false);
    const { status, conflict } = a.getState();
    expect(status).toBe('conflict');
    expect(entity(conflict!.theirs.files, 'location').description).toEqual({ en: 'theirs' });
    expect(Object.keys(conflict!.mine)).toEqual(['entities/location.json']);
    // Nothing is written while the conflict stands.
    a.change('entities/location.json', { ...loc, description: { en: 'mine, edited again' } });
    expect(await a.flush()).toBe(false);

    a.overwrite();
    expect(await a.flush()).toBe(true);
    expect(entity((await engineDraft()).files, 'location').description).toEqual({ en: 'mine, edited again' });

    b.change('entities/location.json', { ...loc, description: { en: 'b again, stale' } });
    expect(await settle(b)).toBe(false);
    b.reload();
    expect(b.getState()).toMatchObject({ status: 'saved', conflict: null });
    expect(entity(b.getState().files, 'location').description).toEqual({ en: 'mine, edited again' });
  });

  it('creates, renames and removes files in turn, after saving what waits', async () => {
    const a = await writer();
    const view = {
      name: 'spare',
      entity: 'location',
      label: { en: 'Spare' },
      type: 'list',
      columns: [{ field: 'name' }],
    };
    const loc = entity(a.getState().files, 'location');
    a.change('entities/location.json', { ...loc, description: { en: 'before the new view' } });
    expect(await a.create('views/spare.json', view)).toBe(true);
    expect(await a.rename('views/spare.json', 'views/spare_two.json')).toBe(true);
    let files = (await engineDraft()).files;
    expect(entity(files, 'location').description).toEqual({ en: 'before the new view' });
    // The definition follows its file's name, here as on the engine.
    expect(files['views/spare_two.json']).toEqual({ ...view, name: 'spare_two' });
    expect(a.getState().files['views/spare_two.json']).toEqual({ ...view, name: 'spare_two' });
    expect(files['views/spare.json']).toBeUndefined();
    expect(await a.remove('views/spare_two.json')).toBe(true);
    files = (await engineDraft()).files;
    expect(files['views/spare_two.json']).toBeUndefined();
    expect(a.getState().files).toEqual(files);
  });

  it('reports a refused save and saves again once the content is fixed', async () => {
    const a = await writer();
    const loc = entity(a.getState().files, 'location');
    a.change('entities/location.json', 'not an object');
    expect(await settle(a)).toBe(false);
    expect(a.getState().status).toBe('error');
    expect((a.getState().error as ApiError).status).toBe(422);
    a.change('entities/location.json', { ...loc, description: { en: 'fixed' } });
    expect(await settle(a)).toBe(true);
    expect(a.getState()).toMatchObject({ status: 'saved', error: null });
    expect(entity((await engineDraft()).files, 'location').description).toEqual({ en: 'fixed' });
  });
});
