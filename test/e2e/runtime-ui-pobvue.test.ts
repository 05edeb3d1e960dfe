import type { Server } from 'node:net';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { CORE, createTestEngine, REPO, TIERS, type TestEngine } from '../../engine/test/harness.ts';
import { axe, closeServed, ensureBuilt, serveInBrowser, shot, typeDate } from './browser-kit.ts';

/**
 * The runtime UI on the shipped POBVue bundle (with core and tiers), in Debian's Chromium
 * against a real engine: a requester signs in with password and TOTP code, asks for a stay
 * through the generated form (fixing the departure the engine refuses) and submits it; their
 * line manager approves it from a second browser while the requester's bell counts the news
 * live (socket.io); another request is sent back with a comment, which the dialog asks for; the
 * history names who decided, when, and why; French and dark mode; a phone. axe-core checks every
 * main page. `UPDATE_SCREENSHOTS=1` saves them to docs/screenshots/pobvue-*.png.
 */
const POBVUE = path.join(REPO, 'definitions/bundles/pobvue');
const DATA = '/api/v1/data';

const manager = { email: 'mona.manager@pob.example', password: 'the crane swings at first light', first: 'Mona' };
const requester = { email: 'remi.requester@pob.example', password: 'four bunks and a porthole', first: 'Remi' };

let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;
let secret: string;
/** Backup codes, each good once: for the sign-ins after the first (a TOTP code is taken once per period). */
let backupCodes: string[];
/** The requester's desk, kept open from the sign-in to the live notification. */
let desk: BrowserContext;
let deskPage: Page;
let first: { id: string; number: string };

beforeAll(async () => {
  ensureBuilt('runtime-ui');
  t = await createTestEngine([CORE, TIERS, POBVUE], { LOGIN_PER_IP_PER_MINUTE: '1000' });
  const role = (r: string) => [{ companyId: t.companyId, roles: [`pobvue.${r}`] }];
  const actor = { id: null, name: 'e2e' };
  const boss = await createUser(
    t.engine.db,
    t.engine.config.auth,
    { ...manager, firstName: 'Mona', lastName: 'Manager', memberships: role('line_manager') },
    actor,
  );
  await createUser(
    t.engine.db,
    t.engine.config.auth,
    { ...requester, firstName: 'Remi', lastName: 'Requester', managerId: boss.id, memberships: role('requester') },
    actor,
  );
  await createUser(
    t.engine.db,
    t.engine.config.auth,
    {
      email: 'cora.coordinator@pob.example',
      password: 'the manifest closes at noon',
      firstName: 'Cora',
      lastName: 'Coordinator',
      memberships: role('site_coordinator'),
    },
    actor,
  );
  const made = async (url: string, body: object) => {
    const res = await request(t.app).post(`${DATA}/${url}`).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data as { id: string };
  };
  await made('tiers/company', { legal_name: 'Gulf Crew Services', type: 'client' });
  // A base reached by road requires no certificate: its beds are the only check.
  const site = await made('core/site', {
    code: 'KRB',
    name: 'Kribi logistics base',
    kind: 'base',
    country: 'CM',
    time_zone: 'Africa/Douala',
  });
  await made('pobvue/site_capacity', { site: site.id, beds: 40, transfer_mode: 'road' });
  for (const [first_name, last_name] of [
    ['Jean', 'Dupont'],
    ['Ana', 'Silva'],
    ['Kofi', 'Mensah'],
  ])
    await made('pobvue/person', { first_name, last_name });

  // The requester turns on two-factor authentication (as engine/test/auth-second-factor.test.ts does).
  const login = await request(t.rawApp)
    .post('/api/v1/auth/login')
    .send({ email: requester.email, password: requester.password, client: 'api' });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const bearer = `Bearer ${login.body.data.accessToken as string}`;
  const enrol = await request(t.rawApp)
    .post('/api/v1/auth/2fa/enrol')
    .set('authorization', bearer)
    .send({ currentPassword: requester.password });
  expect(enrol.status, JSON.stringify(enrol.body)).toBe(200);
  secret = enrol.body.data.secret as string;
  const confirm = await request(t.rawApp)
    .post('/api/v1/auth/2fa/confirm')
    .set('authorization', bearer)
    .send({ code: await generate({ secret }) });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  backupCodes = confirm.body.data.backupCodes as string[];

  ({ server, base, browser } = await serveInBrowser(t));
}, 180_000);

afterAll(() => closeServed({ browser, server }, t));

const wide = () => browser.newContext({ viewport: { width: 1366, height: 900 } });

/** The code of the next 30-second period: accepted (clock drift) and newer than the one used. */
const nextCode = () => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function signIn(context: BrowserContext, who: { email: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

const welcome = (page: Page) =>
  page
    .getByRole('heading', { level: 1 })
    .filter({ hasText: /Welcome|Bienvenue/ })
    .waitFor();

/**
 * On a touch screen the date pickers open a calendar dialog from the field's button: picks a day
 * of the month it shows (the current one) and confirms.
 */
async function tapDate(page: Page, label: string, day: number) {
  await page.getByRole('group', { name: label }).getByRole('button').tap();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('gridcell', { name: String(day), exact: true }).click();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Picks a record in a reference field by typing part of its name. */
async function pick(page: Page, label: string, typed: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page.getByRole('option', { name: option }).click();
}

/** The form's words: the entity's field labels as the bundle gives them, in English and French. */
const EN = {
  person: 'Person',
  employer: 'Employer',
  site: 'Site',
  arrival: 'Arrival',
  departure: 'Departure',
  reason: 'Reason',
  maintenance: 'Maintenance',
  create: 'Create',
};
const FR: typeof EN = {
  person: 'Personne',
  employer: 'Employeur',
  site: 'Site',
  arrival: 'Arrivée',
  departure: 'Départ',
  reason: 'Motif',
  maintenance: 'Maintenance',
  create: 'Créer',
};

/** Fills a new stay request: who, where, the two dates, the reason. */
async function fillStay(page: Page, who: string, arrival: string, departure: string, words = EN) {
  await pick(page, words.person, who.split(' ')[1]!, who);
  await pick(page, words.employer, 'Gulf', 'Gulf Crew Services');
  await pick(page, words.site, 'Kribi', 'Kribi logistics base');
  await typeDate(page, words.arrival, arrival);
  await typeDate(page, words.departure, departure);
  await page.getByRole('combobox', { name: words.reason }).click();
  await page.getByRole('option', { name: words.maintenance }).click();
}

/** Opens the creation form from the sidebar's POBVue menu. */
async function newRequest(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const item = nav.getByRole('link', { name: 'New request' });
  if (!(await item.isVisible())) await nav.getByRole('button', { name: 'Stays' }).click();
  await item.click();
  await page.getByRole('heading', { level: 1, name: /Stay request/ }).waitFor();
}

/** Submits the open draft through the transition's dialog. */
async function submit(page: Page) {
  await page.getByRole('button', { name: 'Submit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit' });
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('complementary', { name: 'Workflow' }).getByText('Awaiting Mona Manager').waitFor();
}

/** Creates and submits a stay through the API as the requester (a second request to decide on). */
async function submittedByApi(who: string): Promise<{ id: string; number: string }> {
  const login = await request(t.rawApp)
    .post('/api/v1/auth/login')
    .send({ email: requester.email, password: requester.password, client: 'api' });
  const challenge = login.body.data.challenge as string;
  const second = await request(t.rawApp)
    .post('/api/v1/auth/login/second-factor')
    .send({ challenge, backupCode: backupCodes.pop() });
  expect(second.status, JSON.stringify(second.body)).toBe(200);
  const as = (r: request.Test) => r.set('authorization', `Bearer ${second.body.data.accessToken as string}`);
  const lookup = async (entity: string, q: string) =>
    ((await request(t.app).get(`${DATA}/${entity}?q=${encodeURIComponent(q)}`)).body.data as { id: string }[])[0]!.id;
  const made = await as(request(t.rawApp).post(`${DATA}/pobvue/stay_request`)).send({
    person: await lookup('pobvue/person', who),
    employer: await lookup('tiers/company', 'Gulf'),
    site: await lookup('core/site', 'Kribi'),
    arrival: '2031-07-01',
    departure: '2031-07-15',
    reason: 'operations',
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const id = made.body.data.id as string;
  const fired = await as(request(t.rawApp).post(`${DATA}/pobvue/stay_request/${id}/transitions/submit`)).send({});
  expect(fired.status, JSON.stringify(fired.body)).toBe(200);
  return { id, number: made.body.data.number as string };
}

describe('POBVue in the runtime UI', () => {
  it('the requester signs in with a password and a code from their authenticator app', async () => {
    desk = await wide();
    deskPage = await signIn(desk, requester);
    const code = deskPage.getByLabel('Code from your authenticator app, or a backup code');
    await code.waitFor();
    expect(await axe(deskPage)).toEqual([]);
    await shot(deskPage, 'pobvue-sign-in-code');
    await code.fill(await nextCode());
    await deskPage.getByRole('button', { name: 'Verify' }).click();
    await welcome(deskPage);
    expect(await axe(deskPage)).toEqual([]);
    await shot(deskPage, 'pobvue-home');
  });

  it('asks for a stay through the form, fixes the departure the engine refuses, and submits it', async () => {
    const page = deskPage;
    await newRequest(page);
    await fillStay(page, 'Jean Dupont', '2031-06-10', '2031-06-03');
    await page.getByRole('button', { name: 'Create' }).click();
    // The entity's rule names the field: it turns invalid and says why.
    await page.getByText('Departure must come after arrival: a stay counts at least one night.').waitFor();
    await expect(page.getByRole('group', { name: 'Departure' }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-new-error');
    await typeDate(page, 'Departure', '2031-06-24');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/data\/pobvue\/stay_request\/[0-9a-f-]{36}$/);
    const heading = page.getByRole('heading', { level: 1, name: /^POB-\d{4}-\d{5}$/ });
    await heading.waitFor();
    first = { id: page.url().split('/').pop()!, number: (await heading.textContent())!.trim() };
    await expect(page.getByLabel('Nights').inputValue()).resolves.toBe('14');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-record-draft');

    await submit(page);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-record-submitted');
    const stored = await request(t.app).get(`${DATA}/pobvue/stay_request/${first.id}`);
    expect(stored.body.data).toMatchObject({ state: 'submitted', arrival: '2031-06-10', departure: '2031-06-24' });
  });

  it('the manager approves it from another browser; the requester’s bell counts it live', async () => {
    const bell = deskPage.getByRole('button', { name: /^Notifications/ });
    await expect(bell.getAttribute('aria-label')).resolves.toBe('Notifications');

    const context = await wide();
    const page = await signIn(context, manager);
    await welcome(page);
    await t.engine.jobs.drain();
    // Her own bell was told when the step opened.
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    const pending = page.getByRole('region', { name: 'Awaiting my decision' });
    await pending.getByRole('link', { name: new RegExp(first.number) }).click();
    await page.waitForURL(new RegExp(`/data/pobvue/stay_request/${first.id}$`));
    const approvals = page.getByRole('region', { name: /^Approvals/ });
    await approvals.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: /^Approve/ });
    await dialog.getByLabel('Comment (optional)').fill('Fine by me: bring the pump spares.');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-approve-dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await approvals.getByText(/Approved by Mona Manager/).waitFor();
    // The second step now awaits the site coordinator.
    await approvals.getByText('Awaiting Cora Coordinator').waitFor();

    // The outbox runs; the requester's page, never reloaded, hears it over socket.io.
    await t.engine.jobs.drain();
    await deskPage.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await bell.click();
    const panel = deskPage.getByRole('dialog', { name: 'Notifications' });
    await panel.getByRole('link', { name: `Stay ${first.number}: approved by Mona Manager` }).waitFor();
    await panel.getByText('“Fine by me: bring the pump spares.”').waitFor();
    expect(await axe(deskPage)).toEqual([]);
    await shot(deskPage, 'pobvue-notification-live');
    await deskPage.keyboard.press('Escape');
    await context.close();
  });

  it('the manager sends another request back, and the dialog first asks why', async () => {
    const second = await submittedByApi('Ana Silva');
    const context = await wide();
    const page = await signIn(context, manager);
    await welcome(page);
    await page.goto(`${base}/data/pobvue/stay_request/${second.id}`);
    await page.getByRole('heading', { level: 1, name: second.number }).waitFor();
    await page
      .getByRole('region', { name: /^Approvals/ })
      .getByRole('button', { name: 'Reject' })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Reject/ });
    await dialog.getByRole('button', { name: 'Reject' }).click();
    const why = dialog.getByLabel(/Why do you reject it\?/);
    await dialog.getByText('Required', { exact: true }).waitFor();
    await expect(why.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-reject-empty');
    await why.fill('Cost centre missing: use CC-4410.');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Sent back to its author as a draft.
    await page.getByRole('complementary', { name: 'Workflow' }).getByText('Draft').first().waitFor();
    const stored = await request(t.app).get(`${DATA}/pobvue/stay_request/${second.id}`);
    expect(stored.body.data.state).toBe('draft');
    await context.close();

    // The requester hears of it too, with the reason.
    await t.engine.jobs.drain();
    await deskPage.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();
  });

  it('the history of the first request names each decision, who made it, when and why', async () => {
    const page = deskPage;
    await page.goto(`${base}/data/pobvue/stay_request/${first.id}`);
    await page.getByRole('heading', { level: 1, name: first.number }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('tabpanel', { name: 'History' });
    await history.getByText('Submit: Draft → Awaiting approval').waitFor();
    const decision = history.getByRole('listitem').filter({ hasText: 'Approved the step Line manager' });
    await decision.waitFor();
    await expect(decision.textContent()).resolves.toMatch(/Mona Manager/);
    await decision.getByText('Comment: “Fine by me: bring the pump spares.”').waitFor();
    // When: the day it was decided, as the reader's locale writes it.
    const today = new Date().toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
    expect(await decision.textContent()).toContain(today.split(' ')[0]!);
    const submitted = history.getByRole('listitem').filter({ hasText: 'Submit: Draft → Awaiting approval' });
    await expect(submitted.textContent()).resolves.toMatch(/Remi Requester/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-history');
  });

  it('speaks French and turns dark', async () => {
    const page = deskPage;
    await page.getByRole('button', { name: 'Display settings' }).click();
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Sombre' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Détails' }).click();
    for (const label of ['Personne', 'Employeur', 'Arrivée', 'Départ', 'Nuitées', 'Motif'])
      await expect(page.getByText(label, { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.getByRole('complementary', { name: 'Processus' }).getByText('En validation').first().waitFor();
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).not.toBe('rgb(245, 247, 250)');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-record-fr-dark');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    const mine = nav.getByRole('link', { name: 'Mes demandes' });
    if (!(await mine.isVisible())) await nav.getByRole('button', { name: 'Séjours' }).click();
    await mine.click();
    await page.getByRole('row', { name: new RegExp(first.number) }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-list-fr-dark');
    // The choices are on the profile: let it save before the desk closes.
    await page.waitForTimeout(1000);
    await desk.close();
  });

  it('fits a phone: the same request from the bottom bar, with large targets', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await signIn(context, requester);
    await page.getByLabel(/Code from your authenticator app|Code de votre application/).fill(backupCodes.pop()!);
    await page.getByRole('button', { name: /Verify|Vérifier/ }).click();
    await welcome(page);
    // The requester chose French above: their profile keeps it on the phone.
    const bottom = page
      .getByRole('navigation', { name: 'Navigation principale' })
      .filter({ has: page.getByRole('button', { name: 'Plus' }) });
    const more = bottom.getByRole('button', { name: 'Plus' });
    await more.waitFor({ state: 'visible' });
    for (const b of await bottom.getByRole('button').all())
      expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-phone-home');

    // Signed in on a device still in English, the shell turns French with the profile, and the
    // menus with it: the engine's labels are cached per language.
    await more.click();
    const menu = page
      .getByRole('navigation', { name: 'Navigation principale' })
      .filter({ has: page.getByRole('link', { name: 'Accueil' }) });
    const item = menu.getByRole('link', { name: 'Nouvelle demande' });
    if (!(await item.isVisible())) await menu.getByRole('button', { name: 'Séjours' }).click();
    await item.click();
    await page.getByRole('heading', { level: 1, name: /Demande de séjour/ }).waitFor();
    // The form's row "person, employer" stacks: each field at the screen's width, none cut.
    const person = (await page.getByRole('combobox', { name: FR.person }).boundingBox())!;
    const employer = (await page.getByRole('combobox', { name: FR.employer }).boundingBox())!;
    expect(employer.y).toBeGreaterThanOrEqual(person.y + person.height);
    for (const box of [person, employer]) expect(box.x + box.width).toBeLessThanOrEqual(390);
    await pick(page, FR.person, 'Mensah', 'Kofi Mensah');
    await pick(page, FR.employer, 'Gulf', 'Gulf Crew Services');
    await pick(page, FR.site, 'Kribi', 'Kribi logistics base');
    await tapDate(page, FR.arrival, 2);
    await tapDate(page, FR.departure, 9);
    await page.getByRole('combobox', { name: FR.reason }).click();
    await page.getByRole('option', { name: FR.maintenance }).click();
    const create = page.getByRole('button', { name: 'Créer' });
    expect((await create.boundingBox())!.height).toBeGreaterThanOrEqual(36);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'pobvue-phone-new');
    // The end of the long form scrolls above the fixed bottom bar: a tap reaches the button.
    await create.tap();
    await page.waitForURL(/\/data\/pobvue\/stay_request\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /^POB-\d{4}-\d{5}$/ }).waitFor();
    await shot(page, 'pobvue-phone-record');
    const id = page.url().split('/').pop()!;
    const stored = await request(t.app).get(`${DATA}/pobvue/stay_request/${id}`);
    const month = new Date().toISOString().slice(0, 8);
    expect(stored.body.data).toMatchObject({
      state: 'draft',
      arrival: `${month}02`,
      departure: `${month}09`,
      nights: 7,
    });
    await context.close();
  });
});
