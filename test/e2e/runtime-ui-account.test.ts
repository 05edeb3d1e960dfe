import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';
import { axe, closeServed, ensureBuilt, serveInBrowser, shot } from './browser-kit.ts';

/**
 * The profile in Debian's Chromium against a real engine: a planner turns on two-factor
 * authentication from the QR code's secret, signs out and back in with a TOTP code; a
 * supervisor ends a session opened elsewhere, creates an API key and uses it, delegates their
 * approvals, and sets do-not-disturb hours that are still there after a reload. axe-core checks
 * the profile and the notification preferences. `UPDATE_SCREENSHOTS=1` saves them to
 * docs/screenshots/.
 */
const OPS = path.join(REPO, 'test/e2e/fixtures/ops');

const planner = { email: 'petra.planner@ops.example', password: 'seven gulls over the harbour wall', first: 'Petra' };
const supervisor = { email: 'sven.supervisor@ops.example', password: 'a lantern swings in the galley', first: 'Sven' };

let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt('runtime-ui');
  t = await createTestEngine([OPS], { LOGIN_PER_IP_PER_MINUTE: '1000' });
  for (const [who, role, last] of [
    [planner, 'ops.planner', 'Planner'],
    [supervisor, 'ops.supervisor', 'Supervisor'],
  ] as const) {
    await createUser(
      t.engine.db,
      t.engine.config.auth,
      {
        email: who.email,
        password: who.password,
        firstName: who.first,
        lastName: last,
        memberships: [{ companyId: t.companyId, roles: [role] }],
      },
      { id: null, name: 'e2e' },
    );
  }
  ({ server, base, browser } = await serveInBrowser(t));
}, 180_000);

afterAll(() => closeServed({ browser, server }, t));

const desk = () => browser.newContext({ viewport: { width: 1366, height: 1000 } });

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
    .filter({ hasText: /Welcome/ })
    .waitFor();

async function openProfile(page: Page) {
  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
}

/** The code of the next 30-second period: accepted (clock drift) and newer than the one used. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe('the profile, in a browser', () => {
  it('turns on two-factor authentication from the QR code, then signs in with a TOTP code', async () => {
    const context = await desk();
    const page = await signIn(context, planner);
    await welcome(page);
    await openProfile(page);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'profile');

    const section = page.getByRole('region', { name: 'Two-factor authentication' });
    await section.getByRole('button', { name: 'Set up' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Current password').fill(planner.password);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('img', { name: 'QR code to scan with an authenticator app' }).waitFor();
    const secret = (await dialog.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'profile-2fa-enrol');
    await dialog.getByLabel('6-digit code from the app').fill('000000');
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await dialog.getByText('The code is not correct or was already used.').waitFor();
    await dialog.getByLabel('6-digit code from the app').fill(await generate({ secret }));
    await dialog.getByRole('button', { name: 'Turn on' }).click();

    const codes = page.getByRole('dialog', { name: 'Backup codes' });
    const shown = (await codes.getByLabel('Backup codes').textContent())!.trim().split('\n');
    expect(shown).toHaveLength(10);
    await expect(codes.getByRole('button', { name: 'Download' }).isVisible()).resolves.toBe(true);
    await codes.getByRole('button', { name: 'I have saved it' }).click();
    await section.getByText('On', { exact: true }).waitFor();

    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill(planner.email);
    await page.getByLabel('Password').fill(planner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code from your authenticator app, or a backup code').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    // Signed in again at the same address: the profile, the second factor on.
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await section.getByText('On', { exact: true }).waitFor();
    const me = await t.engine.db('sys_users').where({ email: planner.email }).first('id');
    const latest = await t.engine.db('sys_sessions').where({ user_id: me.id }).orderBy('created_at', 'desc').first();
    expect(latest).toMatchObject({ mfa: true, revoked_at: null });

    // A new sign-in address, confirmed with the password.
    const email = page.getByRole('region', { name: 'E-mail address' });
    await email.getByLabel('New e-mail address').fill('petra.p@ops.example');
    await email.getByLabel('Current password').fill('not my password at all');
    await email.getByRole('button', { name: 'Change the address' }).click();
    await email.getByText('The current password is not correct.').waitFor();
    await email.getByLabel('Current password').fill(planner.password);
    await email.getByRole('button', { name: 'Change the address' }).click();
    await email.getByText('Address changed: sign in with it from now on.').waitFor();
    await page.getByText('Petra Planner · petra.p@ops.example').waitFor();
    await expect(t.engine.db('sys_users').where({ id: me.id }).first('email')).resolves.toEqual({
      email: 'petra.p@ops.example',
    });
    await context.close();
  });

  it('ends a session opened elsewhere, and the key created on the profile works until revoked', async () => {
    const elsewhere = await request(t.rawApp)
      .post('/api/v1/auth/login')
      .set('user-agent', 'curl/8.5.0')
      .send({ email: supervisor.email, password: supervisor.password, client: 'api' })
      .expect(200);
    const token = elsewhere.body.data.accessToken as string;
    const asElsewhere = () => request(t.rawApp).get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);
    await asElsewhere().expect(200);

    const context = await desk();
    const page = await signIn(context, supervisor);
    await welcome(page);
    await openProfile(page);
    const sessions = page.getByRole('list', { name: 'Sessions' });
    await sessions.getByText('This device').waitFor();
    await sessions.getByRole('button', { name: /^Sign out this session: curl/ }).click();
    await sessions.getByText(/^curl/).waitFor({ state: 'detached' });
    await asElsewhere().expect(401);

    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByLabel('Name').fill('nightly export');
    await dialog.getByRole('button', { name: 'Create the key' }).click();
    const once = page.getByRole('dialog', { name: 'API key "nightly export"' });
    const key = (await once.getByLabel('API key "nightly export"').textContent())!.trim();
    expect(key).toMatch(/^ofk_/);
    await shot(page, 'profile-api-key');
    await once.getByRole('button', { name: 'I have saved it' }).click();
    const withKey = () => request(t.rawApp).get('/api/v1/data/ops/location').set('authorization', `Bearer ${key}`);
    await withKey().expect(200);
    // A read-only key reads, and changes nothing.
    await request(t.rawApp)
      .post('/api/v1/data/ops/location')
      .set('authorization', `Bearer ${key}`)
      .send({ name: 'Dry dock', code: 'DD' })
      .expect(403);
    await keys.getByRole('button', { name: 'Revoke: nightly export' }).click();
    await keys.getByText('Revoked').waitFor();
    await withKey().expect(401);
    await context.close();
  });

  it('delegates approvals to a colleague found by name', async () => {
    const context = await desk();
    const page = await signIn(context, supervisor);
    await welcome(page);
    await openProfile(page);
    const section = page.getByRole('region', { name: 'Delegation of approvals' });
    await section.getByRole('combobox', { name: 'Delegate to' }).fill('petra');
    await page.getByRole('option', { name: /Petra Planner/ }).click();
    await section.getByLabel('Reason (optional)').fill('Offshore rotation');
    await section.getByRole('button', { name: 'Delegate', exact: true }).click();
    const list = section.getByRole('list', { name: 'Delegations' });
    await list.getByText(/^Your approvals go to Petra Planner from/).waitFor();
    expect(await axe(page)).toEqual([]);
    await list.getByRole('button', { name: /^Revoke: Your approvals go to Petra Planner/ }).click();
    await list.getByText('Revoked').waitFor();
    await context.close();
  });

  it('keeps do-not-disturb hours set on the notification preferences', async () => {
    const context = await desk();
    const page = await signIn(context, supervisor);
    await welcome(page);
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Notification preferences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notification preferences' }).waitFor();
    await page.getByLabel('Do not disturb').check();
    await page.getByLabel('From', { exact: true }).fill('22:00');
    await page.getByLabel('Until', { exact: true }).fill('06:30');
    await page.getByText('Crosses midnight.').waitFor();
    await page.getByRole('checkbox', { name: 'E-mail: Everything else' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Preferences saved.').waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'notification-preferences');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Notification preferences' }).waitFor();
    await expect(page.getByLabel('Do not disturb').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Until', { exact: true }).inputValue()).resolves.toBe('06:30');
    await expect(page.getByRole('checkbox', { name: 'E-mail: Everything else' }).isChecked()).resolves.toBe(true);
    const user = await t.engine.db('sys_users').where({ email: supervisor.email }).first('id');
    const stored = await t.engine.db('sys_notification_preferences').where({ user_id: user.id }).first();
    expect(stored).toMatchObject({ dnd_start: '22:00', dnd_end: '06:30' });

    // The bell's panel: filters, and the way to these preferences.
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await page.getByText('No notifications.').waitFor();
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

describe('a session that must first set up a second factor', () => {
  let strict: TestEngine;
  let strictServer: Server;
  let strictBase: string;
  const who = { email: 'nina.new@ops.example', password: 'the pilot boards at the outer buoy' };

  beforeAll(async () => {
    strict = await createTestEngine([OPS], { MFA_REQUIRED: 'all' });
    await createUser(
      strict.engine.db,
      strict.engine.config.auth,
      {
        email: who.email,
        password: who.password,
        firstName: 'Nina',
        lastName: 'New',
        memberships: [{ companyId: strict.companyId, roles: ['ops.planner'] }],
      },
      { id: null, name: 'e2e' },
    );
    strictServer = await strict.engine.listen(0, '127.0.0.1');
    strictBase = `http://127.0.0.1:${(strictServer.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    await new Promise((resolve) => strictServer?.close(resolve));
    await strict?.close();
  });

  it('sets it up from the sign-in, then opens the app', async () => {
    const context = await desk();
    const page = await context.newPage();
    await page.goto(strictBase);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Your role requires two-factor authentication. Set it up before continuing.').waitFor();
    await page.getByRole('button', { name: 'Set up' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Current password').fill(who.password);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const secret = (await dialog.getByTestId('totp-secret').textContent())!.trim();
    await dialog.getByLabel('6-digit code from the app').fill(await generate({ secret }));
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('dialog', { name: 'Backup codes' }).getByRole('button', { name: 'I have saved it' }).click();
    await welcome(page);
    await context.close();
  });
});
