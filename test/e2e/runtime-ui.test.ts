import type { Server } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';
import { axe, closeServed, ensureBuilt, serveInBrowser, shot, typeDate } from './browser-kit.ts';

/**
 * The runtime UI in Debian's Chromium against a real engine: a planner signs in, opens a list,
 * creates a record through the generated form (fixing the error the engine reports on a field)
 * and fires a transition; a supervisor approves it from the home page; French and dark mode;
 * a phone. axe-core checks every main page for serious accessibility violations.
 * `UPDATE_SCREENSHOTS=1` also saves the pages to docs/screenshots/.
 */
const OPS = path.join(REPO, 'test/e2e/fixtures/ops');

const planner = { email: 'paula.planner@ops.example', password: 'the tide turns at nine tonight', first: 'Paula' };
const supervisor = {
  email: 'sam.supervisor@ops.example',
  password: 'a calm sea and a prosperous voyage',
  first: 'Sam',
};

let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;
let created: string;
let northDeck: string;

beforeAll(async () => {
  ensureBuilt('runtime-ui');
  t = await createTestEngine([OPS]);
  const res = await request(t.app)
    .post('/api/v1/data/ops/location')
    .send([
      { name: 'North deck', code: 'ND' },
      { name: 'South jetty', code: 'SJ' },
    ]);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  northDeck = (res.body.data as { id: string; code: string }[]).find((l) => l.code === 'ND')!.id;
  for (const [who, role] of [
    [planner, 'ops.planner'],
    [supervisor, 'ops.supervisor'],
  ] as const) {
    await createUser(
      t.engine.db,
      t.engine.config.auth,
      {
        email: who.email,
        password: who.password,
        firstName: who.first,
        lastName: role === 'ops.planner' ? 'Planner' : 'Supervisor',
        memberships: [{ companyId: t.companyId, roles: [role] }],
      },
      { id: null, name: 'e2e' },
    );
  }
  ({ server, base, browser } = await serveInBrowser(t));
}, 180_000);

afterAll(() => closeServed({ browser, server }, t));

async function signIn(context: BrowserContext, who: { email: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('heading', { level: 1 })
    .filter({ hasText: /Welcome|Bienvenue/ })
    .waitFor();
  return page;
}

describe('the runtime UI, in a browser', () => {
  it('signs in with an accessible page', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'sign-in');
    await page.close();
  });

  it('a planner opens a list, creates a record fixing the error the engine reports, and submits it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context, planner);
    await page.getByRole('heading', { name: 'Installed bundles' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'home');

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Work orders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work orders' }).waitFor();
    await page.getByRole('grid').waitFor();
    expect(await axe(page)).toEqual([]);

    await page.getByRole('link', { name: 'New' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work order: new record' }).waitFor();
    await page.getByLabel('Title').fill('Replace the deck crane brake pads');
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Repair' }).click();
    await page.getByRole('combobox', { name: 'Location' }).fill('North');
    await page.getByRole('option', { name: 'North deck' }).click();
    await typeDate(page, 'Start', '2026-05-10');
    await typeDate(page, 'End', '2026-05-01');
    await page.getByRole('button', { name: 'Create' }).click();
    // The engine's rule names the field: the field turns invalid and says why.
    await page.getByText('The end is before the start').waitFor();
    await expect(page.getByRole('group', { name: 'End' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'record-new-error');
    await typeDate(page, 'End', '2026-05-20');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/data\/ops\/work_order\/[0-9a-f-]{36}$/);
    created = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: /^WO-\d{4}-\d{4}$/ }).waitFor();
    await page.getByRole('button', { name: 'Submit' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'record');

    await page.getByRole('button', { name: 'Submit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit' });
    await dialog.getByLabel('Estimate (hours)').fill('6.5');
    await dialog.getByLabel('Comment').fill('Parts are on board.');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.waitFor({ state: 'detached' });
    const panel = page.getByRole('complementary', { name: 'Workflow' });
    await panel.getByText('Awaiting Sam Supervisor').waitFor();
    await expect(panel.getByText('Submitted').first().isVisible()).resolves.toBe(true);

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('Submit: Draft → Submitted').waitFor();
    await page.getByText('Comment: “Parts are on board.”').waitFor();
    // The record's company is named, not shown by its id.
    const creation = page.getByRole('listitem').filter({ hasText: 'created the record' });
    await creation
      .getByRole('row', { name: /^Company/ })
      .getByText('Head Office')
      .waitFor();
    expect(await page.getByRole('tabpanel', { name: 'History' }).textContent()).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    );
    expect(await axe(page)).toEqual([]);
    await shot(page, 'history');

    await page.getByRole('link', { name: 'Work orders' }).first().click();
    await page.getByRole('row', { name: /Replace the deck crane brake pads/ }).waitFor();
    await shot(page, 'list');
    await context.close();
  });

  it('the supervisor finds it awaiting them on the home page and approves it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context, supervisor);
    const pending = page.getByRole('region', { name: 'Awaiting my decision' });
    await pending.getByRole('link', { name: /Work order/ }).click();
    await page.waitForURL(new RegExp(`/data/ops/work_order/${created}$`));
    await page
      .getByRole('region', { name: /^Approvals/ })
      .getByRole('button', { name: 'Approve' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Comment/).fill('Go ahead.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('complementary', { name: 'Workflow' }).getByText('This is a final state.').waitFor();
    await shot(page, 'record-approved');
    await context.close();
  });

  it('lists on a location the work orders that point at it, each opening its record', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context, planner);
    await page.goto(`${base}/data/ops/location/${northDeck}`);
    const related = page.getByRole('region', { name: 'Work orders' });
    await related.getByRole('cell', { name: 'Approved' }).waitFor();
    await expect(related.getByRole('cell', { name: 'Replace the deck crane brake pads' }).isVisible()).resolves.toBe(
      true,
    );
    expect(await axe(page)).toEqual([]);
    await related.getByRole('link', { name: /^WO-\d{4}-\d{4}$/ }).click();
    await page.waitForURL(new RegExp(`/data/ops/work_order/${created}$`));
    await context.close();
  });

  it('keeps unsaved edits from being lost, and shows what someone else changed meanwhile', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context, planner);
    await page.goto(`${base}/data/ops/work_order/${created}`);
    const title = page.getByLabel('Title');
    await title.fill('Replace the crane brake pads and the cable');
    // Leaving asks first; staying keeps the edit.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Locations' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.getByRole('button', { name: 'Stay' }).click();
    await expect(title.inputValue()).resolves.toBe('Replace the crane brake pads and the cable');
    // Someone saves first.
    const current = await request(t.app).get(`/api/v1/data/ops/work_order/${created}`);
    const patched = await request(t.app)
      .patch(`/api/v1/data/ops/work_order/${created}`)
      .send({ notes: 'Crane locked out until Friday.', version: current.body.data.version });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('dialog', { name: 'Someone changed this record meanwhile' });
    await conflict.getByRole('row', { name: /Notes.*Crane locked out until Friday/ }).waitFor();
    await shot(page, 'record-conflict');
    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const after = await request(t.app).get(`/api/v1/data/ops/work_order/${created}`);
    expect(after.body.data).toMatchObject({
      title: 'Replace the crane brake pads and the cable',
      notes: 'Crane locked out until Friday.',
    });
    await context.close();
  });

  it('moves a card on the board by its menu, and says why a move is refused', async () => {
    const login = await request(t.rawApp)
      .post('/api/v1/auth/login')
      .send({ email: planner.email, password: planner.password, client: 'api' });
    const token = login.body.data.accessToken as string;
    const draft = await request(t.rawApp)
      .post('/api/v1/data/ops/work_order')
      .set('authorization', `Bearer ${token}`)
      .send({ title: 'Inspect the north deck railings', kind: 'inspection', estimate_h: 2 });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const number = draft.body.data.number as string;

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context, planner);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Board' }).click();
    const lane = (name: string) => page.getByRole('region', { name });
    await lane('Draft').getByRole('link', { name: number }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'board');
    // Submitting asks for the estimate: the transition's dialog opens, filled from the record.
    await lane('Draft')
      .getByRole('button', { name: `Move ${number}` })
      .click();
    await page.getByRole('menuitem', { name: 'Submitted' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit' });
    await expect(dialog.getByLabel('Estimate (hours)').inputValue()).resolves.toBe('2');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await lane('Submitted').getByRole('link', { name: number }).waitFor();
    // Only the approval decides: the board says so instead of moving the card.
    await lane('Submitted')
      .getByRole('button', { name: `Move ${number}` })
      .click();
    await page.getByRole('menuitem', { name: 'Approved' }).click();
    await page.getByRole('alert').filter({ hasText: 'approvers approve or reject' }).waitFor();
    await expect(lane('Submitted').getByRole('link', { name: number }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('speaks French and turns dark, and stays accessible', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await signIn(context, planner);
    await page.getByRole('button', { name: 'Display settings' }).click();
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Sombre' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'Bienvenue, Paula' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Ordres de travail' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Ordres de travail' }).waitFor();
    await page.getByRole('row', { name: /Approuvé/ }).waitFor();
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).not.toBe('rgb(245, 247, 250)');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'list-fr-dark');
    // The choices are kept on the profile: another device opens in French and dark.
    await page.waitForTimeout(1000);
    await context.close();
    const elsewhere = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const again = await signIn(elsewhere, planner);
    await again.getByRole('heading', { level: 1, name: 'Bienvenue, Paula' }).waitFor();
    await expect
      .poll(() => again.evaluate('getComputedStyle(document.body).backgroundColor'))
      .not.toBe('rgb(245, 247, 250)');
    await elsewhere.close();
  });

  it('fits a phone: bottom navigation with large targets', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    // The planner chose French above, and their profile keeps it: the supervisor still reads English.
    const page = await signIn(context, supervisor);
    const bottom = page
      .getByRole('navigation', { name: 'Main navigation' })
      .filter({ has: page.getByRole('button', { name: 'More' }) });
    const target = bottom.getByRole('button', { name: 'Work orders' });
    // Laid out once visible: before that the box is null.
    await target.waitFor({ state: 'visible' });
    const box = await target.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await target.click();
    await page.getByRole('heading', { level: 1, name: 'Work orders' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'phone-list');
    await page.goto(`${base}/data/ops/work_order/${created}`);
    await page.getByRole('heading', { level: 1, name: /^WO-/ }).waitFor();
    await shot(page, 'phone-record');
    await context.close();
  });
});
