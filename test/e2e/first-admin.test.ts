import type { Server } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken, sha256 } from '../../engine/src/auth/tokens.ts';
import { createTestEngine, TIERS, type TestEngine } from '../../engine/test/harness.ts';
import { closeServed, ensureBuilt, serveInBrowser } from './browser-kit.ts';

/**
 * The two-command promise in a real browser (Debian's Chromium): the single-use invitation
 * `npm start` prints creates the first administrator, who signs in and sees the bundles.
 */
let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt('runtime-ui');
  t = await createTestEngine([TIERS]);
  ({ server, base, browser } = await serveInBrowser(t));
}, 120_000);

afterAll(() => closeServed({ browser, server }, t));

describe('first administrator, in a browser', () => {
  it('accepts the invitation, signs in, and sees the installed bundles', async () => {
    const token = newToken('link');
    await t.engine.db('sys_invitations').insert({
      hash: sha256(token),
      system_roles: ['admin'],
      max_uses: 1,
      expires_at: new Date(Date.now() + 3_600_000),
    });
    const page = await browser.newPage();
    await page.goto(`${base}/invitation?token=${encodeURIComponent(token)}`);
    await page.getByLabel('E-mail').fill('first@browser.example');
    await page.getByLabel('First name').fill('Amina');
    await page.getByLabel('Last name').fill('Ndiaye');
    await page.getByLabel(/^Password/).fill('the ferry leaves at six sharp');
    await page.getByRole('button', { name: 'Create the account' }).click();
    // The account exists: the page offers to sign in.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill('first@browser.example');
    await page.getByLabel('Password').fill('the ferry leaves at six sharp');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { name: 'Installed bundles' }).waitFor();
    expect(await page.locator('section.bundle h3').allTextContents()).toEqual(['Third parties ']);
    const cookies = await page.context().cookies();
    const access = cookies.find((c) => c.name === 'opsflux_access')!;
    expect(access).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    // A second use of the same link is refused, with the engine's message on the page.
    const again = await browser.newPage();
    await again.goto(`${base}/invitation?token=${encodeURIComponent(token)}`);
    await again.getByLabel('E-mail').fill('second@browser.example');
    await again.getByLabel('First name').fill('Other');
    await again.getByLabel('Last name').fill('Person');
    await again.getByLabel(/^Password/).fill('another long passphrase here');
    await again.getByRole('button', { name: 'Create the account' }).click();
    await expect(again.getByRole('alert').textContent()).resolves.toMatch(/expired, was revoked or was already used/);
  });

  it('a wrong password shows the generic message and stays on the sign-in form', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill('first@browser.example');
    await page.getByLabel('Password').fill('not the right password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /e-mail address or the password is not correct/,
    );
  });
});
