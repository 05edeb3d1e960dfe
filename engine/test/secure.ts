import { randomBytes } from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { expect } from 'vitest';
import type { Logger } from '../src/logger.ts';
import { createTestEngine, type TestEngine } from './harness.ts';

/**
 * The test bundle of the security suites: companyScoped clients and deals (a deal refers to a
 * client), countries shared by every company, roles reader ⊂ writer ⊂ manager (manager needs a
 * second factor), a sales rep limited by a `$user` condition, an author (scope own) and an
 * inspector (scope department); hidden, read-only and sensitive fields.
 */
export const SECURE = path.join(import.meta.dirname, 'bundles/secure');
export const DATA = '/api/v1/data/secure';
export const AUTH = '/api/v1/auth';
export const ADMIN = '/api/v1/admin';

export type Json = Record<string, unknown>;

export function startSecure(env: Record<string, string> = {}, opts: { log?: Logger } = {}): Promise<TestEngine> {
  return createTestEngine([SECURE], env, opts);
}

/** A password the policy accepts (long, uncommon, unrelated to the name), new at each call. */
export const strongPassword = () => `Qz7!${randomBytes(12).toString('base64url')}`;

export const uniqueEmail = (tag: string) => `${tag}.${randomBytes(4).toString('hex')}@secure.example`;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** Bearer token of a session opened straight in the database (no sign-in, nothing pending). */
  token: string;
}

/** A user with a password, roles in companies, and a session of its own. */
export async function makeUser(
  t: TestEngine,
  opts: {
    tag?: string;
    memberships?: { companyId: string; roles: string[] }[];
    departmentId?: string | null;
    systemRoles?: string[];
    password?: string;
    /** The user has enrolled a second factor (roles with mfaRequired demand one). */
    secondFactor?: boolean;
  } = {},
): Promise<TestUser> {
  const email = uniqueEmail(opts.tag ?? 'user');
  const password = opts.password ?? strongPassword();
  const u = await t.userWithToken({
    email,
    password,
    firstName: 'Sam',
    lastName: 'Tester',
    memberships: opts.memberships ?? [],
    ...(opts.departmentId !== undefined && { departmentId: opts.departmentId }),
    ...(opts.systemRoles && { systemRoles: opts.systemRoles }),
  });
  if (opts.secondFactor) await t.engine.db('sys_users').where({ id: u.id }).update({ totp_enabled_at: new Date() });
  return { ...u, email, password };
}

/** Requests as the holder of a bearer token (or an API key), on the app without default credentials. */
export function as(t: TestEngine, token: string) {
  const auth = (r: request.Test) => r.set('authorization', `Bearer ${token}`);
  const app = () => request(t.rawApp);
  return {
    get: (url: string, query: Record<string, string | number | boolean> = {}) =>
      auth(app().get(url)).query(query as Record<string, string>),
    post: (url: string, body?: unknown) => auth(app().post(url)).send(body as object),
    patch: (url: string, body?: unknown) => auth(app().patch(url)).send(body as object),
    delete: (url: string) => auth(app().delete(url)),
  };
}
export type Client = ReturnType<typeof as>;

/** A second company, created by the administrator. */
export async function addCompany(t: TestEngine, code: string): Promise<string> {
  const res = await request(t.app)
    .post(`${ADMIN}/companies`)
    .send({ code, legalName: `Company ${code}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}

/** Creates a record as `c` and returns it; fails the test with the error body otherwise. */
export async function create(c: Client, entity: string, body: Json): Promise<Json> {
  const res = await c.post(`${DATA}/${entity}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as Json;
}

/** Signs in with a password, as an API client unless told otherwise. */
export function signIn(t: TestEngine, email: string, password: string, extra: Json = {}) {
  return request(t.rawApp)
    .post(`${AUTH}/login`)
    .send({ email, password, ...extra });
}

/** Signs in and returns the tokens; fails the test unless a session was opened. */
export async function signedIn(
  t: TestEngine,
  email: string,
  password: string,
): Promise<{ accessToken: string; refreshToken: string; pending: string | null }> {
  const res = await signIn(t, email, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

/** The cookies a browser sign-in or refresh sets, and the `Cookie` header a browser would send back. */
export function browserCookies(res: request.Response) {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const value = (name: string) => {
    const line = raw.find((c) => c.startsWith(`${name}=`));
    return line ? decodeURIComponent(line.slice(name.length + 1).split(';')[0]!) : undefined;
  };
  const access = value('opsflux_access');
  const refresh = value('opsflux_refresh');
  const csrf = value('opsflux_csrf');
  return {
    raw,
    access,
    refresh,
    csrf,
    /** Everything a browser sends to /api/v1/auth (the refresh cookie's path). */
    header: [`opsflux_access=${access}`, `opsflux_refresh=${refresh}`, `opsflux_csrf=${csrf}`].join('; '),
  };
}

/** Audit entries as the administrator reads them, newest first. */
export async function auditEntries(t: TestEngine, query: Record<string, string>): Promise<Json[]> {
  const res = await request(t.app).get('/api/v1/audit').query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Json[];
}

/** The link a mail carries, and the token in its query string. */
export function linkIn(text: string, pathPart: string): { link: string; token: string } {
  const m = new RegExp(`https?://\\S*${pathPart}\\?token=([^\\s&"<>]+)`).exec(text);
  expect(m, `no ${pathPart} link in: ${text}`).not.toBeNull();
  return { link: m![0], token: decodeURIComponent(m![1]!) };
}
