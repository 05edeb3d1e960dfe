import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';
import { axe, closeServed, ensureBuilt, serveInBrowser, shot } from './browser-kit.ts';

/**
 * The list tools in Debian's Chromium against a real engine: the Ctrl+K palette finds a record
 * and opens it by keyboard; a list filtered from the home page's counts is bookmarked and
 * reopened from the sidebar; a saved filter is applied; a bulk transition reports the record
 * the engine refused and why; the Excel export downloads what the list shows. axe-core checks
 * the new pieces. `UPDATE_SCREENSHOTS=1` also saves them to docs/screenshots/.
 */
const OPS = path.join(REPO, 'test/e2e/fixtures/ops');

const planner = { email: 'lena.lists@ops.example', password: 'copper kettles hum beside the harbour', first: 'Lena' };

let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;
let token: string;
const numbers: Record<string, string> = {};
type Json = Record<string, unknown> | null;

async function seed(body: object): Promise<{ id: string; number: string }> {
  const res = await request(t.rawApp)
    .post('/api/v1/data/ops/work_order')
    .set('authorization', `Bearer ${token}`)
    .send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

beforeAll(async () => {
  ensureBuilt('runtime-ui');
  t = await createTestEngine([OPS]);
  await createUser(
    t.engine.db,
    t.engine.config.auth,
    {
      email: planner.email,
      password: planner.password,
      firstName: planner.first,
      lastName: 'Lists',
      memberships: [{ companyId: t.companyId, roles: ['ops.planner'] }],
    },
    { id: null, name: 'e2e' },
  );
  const login = await request(t.rawApp)
    .post('/api/v1/auth/login')
    .send({ email: planner.email, password: planner.password, client: 'api' });
  token = login.body.data.accessToken as string;
  // Three drafts for the bulk submit; one lacks the estimate submitting requires.
  for (const [key, body] of [
    ['a', { title: 'Bulkcheck gangway lights', kind: 'inspection', estimate_h: 1 }],
    ['b', { title: 'Bulkcheck winch cable', kind: 'repair', estimate_h: 3 }],
    ['c', { title: 'Bulkcheck fire pump', kind: 'repair' }],
    ['crane', { title: 'Overhaul the starboard crane gearbox', kind: 'upgrade', estimate_h: 12 }],
  ] as const)
    numbers[key] = (await seed(body)).number;
  ({ server, base, browser } = await serveInBrowser(t));
}, 180_000);

afterAll(() => closeServed({ browser, server }, t));

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('E-mail').fill(planner.email);
  await page.getByLabel('Password').fill(planner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: `Welcome, ${planner.first}` }).waitFor();
  return page;
}

describe('list tools, in a browser', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await signIn(context);
  });
  afterAll(() => context?.close());

  it('finds a record with Ctrl+K and opens it by keyboard', async () => {
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search and go' });
    const box = dialog.getByRole('combobox', { name: 'Search and go' });
    await box.waitFor();
    await box.fill('starboard gearbox');
    await dialog.getByRole('option', { name: new RegExp(numbers.crane!) }).waitFor();
    await expect(dialog.getByRole('status').textContent()).resolves.toMatch(/\d+ results?/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'palette');
    // Pages come first; the record is reached with the arrows.
    await box.fill('');
    await box.fill('gearbox');
    await dialog.getByRole('option', { name: new RegExp(numbers.crane!) }).waitFor();
    const options = await dialog.getByRole('option').allTextContents();
    const index = options.findIndex((o) => o.includes(numbers.crane!));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(`palette-option-${index}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: numbers.crane }).waitFor();
    // The top bar's button opens it too; Esc closes it.
    await page.getByRole('button', { name: 'Search and go (Ctrl+K)' }).click();
    await box.waitFor();
    await box.fill('locat');
    await dialog.getByRole('option', { name: /Locations/ }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('bookmarks a list filtered from the home page’s counts, and reopens it from the sidebar', async () => {
    await page.getByRole('link', { name: 'Home' }).first().click();
    const follow = page.getByRole('region', { name: 'What I follow' });
    await follow.getByRole('link', { name: 'Draft: 4' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work orders' }).waitFor();
    // The grid shows the filter, and writes it back in its own words once the page settles.
    await page.waitForURL(
      (u) => u.searchParams.has('filter') && (JSON.parse(u.searchParams.get('filter')!) as Json)?.state !== 'draft',
    );
    const filtered = new URL(page.url()).searchParams.get('filter')!;
    expect(JSON.parse(filtered)).toEqual({ state: { $eq: 'draft' } });
    await page.getByRole('row', { name: /Bulkcheck fire pump/ }).waitFor();
    await page.getByRole('button', { name: 'Bookmark this page' }).click();
    await page.getByRole('button', { name: 'Edit the bookmark' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the bookmark' });
    await dialog.getByLabel('Name').fill('My drafts');
    await dialog.getByLabel('Folder').fill('Desk');
    expect(await axe(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();
    await nav.getByRole('button', { name: 'Desk' }).click();
    await nav.getByRole('link', { name: 'My drafts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work orders' }).waitFor();
    expect(new URL(page.url()).searchParams.get('filter')).toBe(filtered);
    await page.getByRole('button', { name: 'Edit the bookmark' }).waitFor();
    await shot(page, 'bookmarks');
    // The organizer renames the folder: the sidebar follows.
    await nav.getByRole('button', { name: 'Organize bookmarks' }).click();
    const organizer = page.getByRole('dialog', { name: 'Organize bookmarks' });
    await organizer.getByRole('button', { name: 'Rename the folder: Desk' }).click();
    await organizer.getByLabel('Folder name').fill('Daily');
    await organizer.getByRole('button', { name: 'Save' }).click();
    await organizer.getByRole('button', { name: 'Rename the folder: Daily' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await organizer.getByRole('button', { name: 'Close' }).click();
    await nav.getByRole('button', { name: 'Daily' }).waitFor();
  });

  it('saves a filter and applies it again', async () => {
    const repairs = encodeURIComponent(JSON.stringify({ kind: 'repair' }));
    await page.goto(`${base}/views/ops.work_orders?filter=${repairs}&q=Bulkcheck`);
    await page.getByRole('row', { name: /Bulkcheck winch cable/ }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /starboard crane/ }).count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: 'Saved filters' }).click();
    await page.getByRole('button', { name: 'Save the current filter…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save the filter' });
    await dialog.getByLabel('Name').fill('Repairs');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.goto(`${base}/views/ops.work_orders`);
    await page.getByRole('row', { name: /starboard crane/ }).waitFor();
    await page.getByRole('button', { name: 'Saved filters' }).click();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Apply Repairs' }).click();
    await page.waitForURL(/filter=.*q=Bulkcheck/);
    await page.getByRole('row', { name: /Bulkcheck fire pump/ }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /starboard crane/ }).count(), { timeout: 15_000 }).toBe(0);
    // Kept with it: the sort, the search and the visible columns.
    const saved = await request(t.rawApp)
      .get('/api/v1/me/saved-filters')
      .set('authorization', `Bearer ${token}`)
      .query({ view: 'ops.work_orders' });
    expect(saved.body.data[0]).toMatchObject({
      name: 'Repairs',
      filter: { kind: { $eq: 'repair' } },
      q: 'Bulkcheck',
      columns: ['number', 'state', 'title', 'kind', 'location', 'start_on', 'end_on', 'estimate_h'],
    });
  });

  it('submits three drafts at once and says which one the engine refused, and why', async () => {
    await page.goto(`${base}/views/ops.work_orders?q=Bulkcheck`);
    for (const title of ['Bulkcheck gangway lights', 'Bulkcheck winch cable', 'Bulkcheck fire pump'])
      await page
        .getByRole('row', { name: new RegExp(title) })
        .getByRole('checkbox')
        .check();
    const bar = page.getByRole('region', { name: '3 selected' });
    await bar.getByRole('button', { name: 'Workflow action' }).click();
    await page.getByRole('menuitem', { name: 'Submit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit: 3 records' });
    await dialog.getByLabel('Comment').fill('Weekly batch');
    await dialog.getByRole('button', { name: 'Run' }).click();
    const result = page.getByRole('dialog', { name: 'Submit' });
    await result.getByText('Result: 2 done, 1 refused').first().waitFor();
    const refused = result.getByRole('listitem').filter({ hasText: `${numbers.c} — Refused` });
    await expect(refused.textContent()).resolves.toMatch(/estimate_h/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'bulk-result');
    await result.getByRole('button', { name: 'Close' }).click();
    const states = await Promise.all(
      ['a', 'b', 'c'].map(async (k) => {
        const res = await request(t.rawApp)
          .get('/api/v1/data/ops/work_order')
          .set('authorization', `Bearer ${token}`)
          .query({ filter: JSON.stringify({ number: numbers[k] }) });
        return res.body.data[0].state;
      }),
    );
    expect(states).toEqual(['submitted', 'submitted', 'draft']);
  });

  it('downloads the list as an Excel workbook, as it is filtered', async () => {
    await page.goto(`${base}/views/ops.work_orders?q=Bulkcheck`);
    await page.getByRole('row', { name: /Bulkcheck fire pump/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the list as an Excel workbook' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ops\.work_order-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Id', 'Number', 'State', 'Title', 'Kind', 'Location', 'Start', 'End', 'Estimate (hours)']);
    const titles: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) titles.push((row.values as unknown[])[4]);
    });
    expect(titles.sort()).toEqual(['Bulkcheck fire pump', 'Bulkcheck gangway lights', 'Bulkcheck winch cable']);
  });
});
