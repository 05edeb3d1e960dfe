import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { CORE, createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';
import { axe, CHROMIUM, ensureBuilt, shot, SHOTS } from './browser-kit.ts';
import { buildAutomation } from './designer-automation-steps.ts';
import { buildEntity, saved } from './designer-entity-steps.ts';
import { buildForm } from './designer-form-steps.ts';
import { buildMenu } from './designer-menu-steps.ts';
import { buildPermissions } from './designer-permission-steps.ts';
import { buildView } from './designer-view-steps.ts';
import { buildWorkflow } from './designer-workflow-steps.ts';

/**
 * The designer in Debian's Chromium against real engines. An administrator builds a module from
 * nothing (bundle, entity, form, workflow with a guard and an approval, view, permissions, an
 * automation tried in its dry run, a menu), each file with its editor's own controls and none
 * typed as JSON, publishes it, and a user holding the granted role creates a record and moves it
 * through the workflow in the runtime UI. Then a field of that entity is renamed with
 * its data kept, and the bundle goes as a .zip into a fresh database through the import dialog.
 * axe-core checks the designer's main pages; `UPDATE_SCREENSHOTS=1` saves them to
 * docs/screenshots/designer-*.png. The module's business lives in fixtures/designer only.
 */
const FIXTURES = path.join(REPO, 'test/e2e/fixtures/designer');

const admin = { email: 'ada.designer@fleet.example', password: 'the keeper walks the long pier' };
const inspector = { email: 'ivan.inspector@fleet.example', password: 'brakes squeal on the cold hill' };

/**
 * The files the administrator adds, each built in its editor, in an order where what an editor
 * offers exists (the view's `state` column comes from the workflow, the menu's view before it).
 */
const FILES: [kind: string, add: string, name: string, build: (page: Page) => Promise<void>][] = [
  ['entities', 'Add an entity', 'inspection', buildEntity],
  ['forms', 'Add a form', 'inspection', buildForm],
  ['workflows', 'Add a workflow', 'inspection', buildWorkflow],
  ['views', 'Add a view', 'inspections', buildView],
  ['permissions', 'Add a permission file', 'fleet', buildPermissions],
  ['automations', 'Add an automation', 'flag_failure', buildAutomation],
  ['menus', 'Add a menu', 'fleet', buildMenu],
];

let t: TestEngine;
let fresh: TestEngine;
let server: Server;
let freshServer: Server;
let base: string;
let freshBase: string;
let browser: Browser;
let siteId: string;
let recordId: string;
let zip: Buffer;

async function listen(engine: TestEngine): Promise<[Server, string]> {
  const s = await engine.engine.listen(0, '127.0.0.1');
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

async function addAdmin(engine: TestEngine) {
  await createUser(
    engine.engine.db,
    engine.engine.config.auth,
    {
      email: admin.email,
      password: admin.password,
      firstName: 'Ada',
      lastName: 'Designer',
      systemRoles: ['admin'],
      memberships: [{ companyId: engine.companyId, roles: [] }],
    },
    { id: null, name: 'e2e' },
  );
}

beforeAll(async () => {
  ensureBuilt('runtime-ui', 'designer');
  [t, fresh] = await Promise.all([createTestEngine([CORE]), createTestEngine([CORE])]);
  await Promise.all([addAdmin(t), addAdmin(fresh)]);
  const site = await request(t.app)
    .post('/api/v1/data/core/site')
    .send({ code: 'NB', name: 'North base', kind: 'base', country: 'NO', time_zone: 'Europe/Oslo' });
  expect(site.status, JSON.stringify(site.body)).toBe(201);
  siteId = site.body.data.id;
  await createUser(
    t.engine.db,
    t.engine.config.auth,
    {
      email: inspector.email,
      password: inspector.password,
      firstName: 'Ivan',
      lastName: 'Inspector',
      memberships: [{ companyId: t.companyId, roles: ['fleet.inspector', 'core.viewer'] }],
    },
    { id: null, name: 'e2e' },
  );
  [server, base] = await listen(t);
  [freshServer, freshBase] = await listen(fresh);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => freshServer?.close(resolve));
  await Promise.all([t?.close(), fresh?.close()]);
});

async function signIn(url: string, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** The designer's pages fill the window: screenshots of the window, named designer-<name>. */
const shoot = (page: Page, name: string) => shot(page, `designer-${name}`, { fullPage: false });

/** Opens a file of the workspace's tree in its editor. */
async function openFile(page: Page, kind: string, name: string) {
  const group = page.getByRole('list', { name: kind[0]!.toUpperCase() + kind.slice(1) });
  // A file with problems says how many after its name.
  await group.getByRole('button', { name: new RegExp(`^${name}( \\d+ problems?)?$`) }).click();
  await page.getByRole('heading', { name: `${kind}/${name}.json` }).waitFor();
}

/** Opens the publish dialog, checks its plan with `check`, publishes and closes it. */
async function publish(page: Page, bundle: string, check: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: `Publish ${bundle}` });
  await dialog.getByRole('list', { name: 'Steps of the plan' }).waitFor({ timeout: 30_000 });
  await check(dialog);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await dialog.getByText(/is published/).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
}

describe('the designer, in a browser', () => {
  it('builds a module from nothing, publishes it, and a user works with it in the app', async () => {
    const page = await signIn(`${base}/designer/`, admin);
    await page.getByRole('heading', { name: 'Bundles' }).waitFor();
    await page.getByRole('table', { name: 'Bundles' }).getByRole('link', { name: 'core' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'bundles');

    await page.getByRole('button', { name: 'New bundle' }).click();
    const create = page.getByRole('dialog', { name: 'New bundle' });
    await create.getByLabel('Name').fill('fleet');
    await create.getByLabel('Title').fill('Fleet');
    await create.getByLabel('Depends on (optional)').fill('core ^1.0.0');
    await create.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/designer\/bundles\/fleet/);
    await page.getByRole('heading', { name: 'Bundle fleet' }).waitFor();

    for (const [kind, add, name, build] of FILES) {
      await page.getByRole('button', { name: add }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByRole('button', { name: 'Add' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: `${kind}/${name}.json` }).waitFor();
      await build(page);
      // The draft holds the fixture's definition.
      const draft = await request(t.app).get('/api/v1/admin/bundles/fleet/draft');
      expect(draft.body.data.files[`${kind}/${name}.json`]).toEqual(
        JSON.parse(readFileSync(path.join(FIXTURES, `${kind}/${name}.json`), 'utf8')),
      );
    }

    // The main editors, drawn from the files just built, pass axe.
    await openFile(page, 'entities', 'inspection');
    await page.getByRole('table', { name: 'Fields' }).waitFor();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('No problem found.').waitFor({ timeout: 30_000 });
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'workspace');
    await openFile(page, 'forms', 'inspection');
    await page.getByText('Outcome').first().waitFor();
    await page.waitForTimeout(1000);
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'form-editor');
    await openFile(page, 'workflows', 'inspection');
    await page.getByText('Submitted').first().waitFor();
    await page.waitForTimeout(1000);
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'workflow-editor');
    await openFile(page, 'permissions', 'fleet');
    await page.getByText('Inspector').first().waitFor();
    await page.waitForTimeout(1000);
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'permission-matrix');
    for (const [kind, name, shown, shotName] of [
      ['views', 'inspections', 'Default order', 'view-editor'],
      ['automations', 'flag_failure', 'Then (actions)', 'automation-editor'],
      ['menus', 'fleet', 'Items', 'menu-editor'],
    ] as const) {
      await openFile(page, kind, name);
      await page.getByRole('heading', { name: shown, exact: true }).waitFor();
      await page.waitForTimeout(1000);
      expect(await axe(page), `${kind}/${name}.json`).toEqual([]);
      await shoot(page, shotName);
    }

    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish fleet' });
    const steps = dialog.getByRole('list', { name: 'Steps of the plan' });
    await steps.waitFor({ timeout: 30_000 });
    await expect(steps.innerText()).resolves.toMatch(/create_table/);
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'publish-plan');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.getByText(/fleet .* is published/).waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.context().close();

    // The inspector, in the runtime UI of the same engine.
    const app = await signIn(base, inspector);
    await app
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Vehicle inspections' })
      .click();
    await app.getByRole('heading', { level: 1, name: 'Vehicle inspections' }).waitFor();
    await app.getByRole('link', { name: 'New' }).click();
    await app.getByRole('heading', { level: 1, name: /Vehicle inspection: new record/ }).waitFor();
    await app.getByLabel('Plate').fill('AB-123-CD');
    await app.getByRole('combobox', { name: 'Site' }).fill('North');
    await app.getByRole('option', { name: /North base/ }).click();
    await app.getByLabel('Odometer (km)').fill('48210');
    await app.getByRole('combobox', { name: 'Result' }).click();
    await app.getByRole('option', { name: 'Fail' }).click();
    await app.getByLabel('Defects').fill('2');
    await app.getByRole('button', { name: 'Create' }).click();
    await app.waitForURL(/\/data\/fleet\/inspection\/[0-9a-f-]{36}$/);
    recordId = app.url().split('/').pop()!;
    await app.getByRole('heading', { level: 1, name: 'AB-123-CD' }).waitFor();

    await app.getByRole('button', { name: 'Submit' }).click();
    const submit = app.getByRole('dialog', { name: 'Submit' });
    if (await submit.isVisible().catch(() => false)) await submit.getByRole('button', { name: 'Submit' }).click();
    const panel = app.getByRole('complementary', { name: 'Workflow' });
    await panel.getByText('Submitted').first().waitFor();
    await app
      .getByRole('region', { name: /^Approvals/ })
      .getByRole('button', { name: 'Approve' })
      .click();
    const approve = app.getByRole('dialog');
    await approve.getByLabel(/Comment/).fill('Brakes to be fixed this week.');
    await approve.getByRole('button', { name: 'Approve' }).click();
    await approve.waitFor({ state: 'detached' });
    await panel.getByText('This is a final state.').waitFor();
    await app.context().close();

    const record = await request(t.app).get(`/api/v1/data/fleet/inspection/${recordId}`);
    expect(record.status).toBe(200);
    expect(record.body.data).toMatchObject({ state: 'approved', result: 'fail', odometer_km: 48210, site: siteId });
    expect(record.body.data.summary).toBe('AB-123-CD — 2 defect(s)');
    // The automation told the role's holders that the inspection failed (tests run jobs on drain).
    await t.engine.jobs.drain();
    await t.engine.jobs.drain();
    const notes = await t.engine.db('sys_notifications').select('title');
    expect(notes.map((n: { title: unknown }) => JSON.stringify(n.title)).join()).toMatch(
      /AB-123-CD failed its inspection/,
    );
  }, 240_000);

  it('renames a field of an entity with data: the plan renames the column and no value is lost', async () => {
    const page = await signIn(`${base}/designer/bundles/fleet`, admin);
    await page.getByRole('heading', { name: 'Bundle fleet' }).waitFor();
    await openFile(page, 'entities', 'inspection');
    await page.getByRole('table', { name: 'Fields' }).getByRole('button', { name: 'odometer_km', exact: true }).click();
    const settings = page.getByRole('region', { name: 'Field odometer_km' });
    await settings.getByLabel('Field name').fill('mileage_km');
    await page.getByText('was odometer_km').waitFor();
    await saved(page);
    // Forms and views name the field too: they follow in their JSON.
    for (const [kind, name] of [
      ['forms', 'inspection'],
      ['views', 'inspections'],
    ]) {
      await openFile(page, kind!, name!);
      await page.getByLabel('Edit as JSON').check();
      const box = page.getByLabel(`Content of ${kind}/${name}.json`);
      await box.fill((await box.inputValue()).replaceAll('odometer_km', 'mileage_km'));
      await page.waitForTimeout(800);
      await saved(page);
    }
    await publish(page, 'fleet', async (dialog) => {
      const text = await dialog.getByRole('list', { name: 'Steps of the plan' }).innerText();
      expect(text).toMatch(/rename_column/);
      expect(text).not.toMatch(/drop_column|add_column/);
      await expect(dialog.getByText('Type fleet to confirm').count()).resolves.toBe(0);
    });
    await page.context().close();

    const record = await request(t.app).get(`/api/v1/data/fleet/inspection/${recordId}`);
    expect(record.status).toBe(200);
    expect(record.body.data.mileage_km).toBe(48210);
    expect(record.body.data).not.toHaveProperty('odometer_km');
    expect(record.body.data).toMatchObject({ plate: 'AB-123-CD', result: 'fail', state: 'approved' });
  }, 180_000);

  it('exports the bundle as a .zip and imports it into a fresh database through the import dialog', async () => {
    const page = await signIn(`${base}/designer/`, admin);
    await page.getByRole('button', { name: 'Actions for fleet' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Export as .zip', exact: true }).click();
    const file = await (await download).path();
    zip = readFileSync(file);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await page.context().close();

    const other = await signIn(`${freshBase}/designer/`, admin);
    await other.getByRole('heading', { name: 'Bundles' }).waitFor();
    await other.getByRole('button', { name: 'Import a .zip' }).click();
    const dialog = other.getByRole('dialog', { name: 'Import a bundle' });
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'fleet.zip', mimeType: 'application/zip', buffer: zip });
    await dialog.getByText('The bundle is valid.').waitFor({ timeout: 30_000 });
    const steps = dialog.getByRole('list', { name: 'Steps of the plan' });
    await expect(steps.innerText()).resolves.toMatch(/create_table/);
    expect(await axe(other)).toEqual([]);
    await shoot(other, 'import');
    await dialog.getByRole('button', { name: 'Apply the import' }).click();
    await dialog.getByText(/fleet .* is installed/).waitFor({ timeout: 30_000 });
    await other.context().close();

    const created = await request(fresh.app)
      .post('/api/v1/data/fleet/inspection')
      .send({ plate: 'EF-456-GH', result: 'pass', mileage_km: 1200, defects: 0 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ state: 'draft', summary: 'EF-456-GH — 0 defect(s)' });
  }, 180_000);
});
