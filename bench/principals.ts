import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/src/engine.ts';
import { signedInUser } from '../engine/test/harness.ts';

/** Roles of the non-admin user: the tiers editor (who inherits the viewer) and the ticket clerk. */
export const CLERK_ROLES = ['tiers.editor', 'benchscope.clerk'];

export interface BenchUser {
  id: string;
  email: string;
  /** A bearer access token, valid for the whole run. */
  token: string;
}

/** The users the bench acts as, in the bench database. */
export interface BenchPrincipals {
  /** Companies of the organization; tickets are spread over them, the clerk works in the first. */
  companyIds: string[];
  /** A platform administrator: unrestricted, like the engine before authentication. */
  admin: BenchUser;
  /** Holds `CLERK_ROLES` in the first company. */
  clerk: BenchUser & { companyId: string };
  /** Holds `benchscope.reader` (company scope, no condition) in the first company. */
  reader: BenchUser & { companyId: string };
}

/** Someone who signs in with a password, in the sign-in benchmark. */
export interface Signer {
  email: string;
  password: string;
}

export const bearer = (user: BenchUser): Record<string, string> => ({ authorization: `Bearer ${user.token}` });

/**
 * Creates the companies and users straight in the database, each user signed in as the tests do
 * (`signedInUser`). The tokens last as long as `engine` issues them (see `setupEngine`).
 */
export async function createPrincipals(engine: Engine, companies = 4): Promise<BenchPrincipals> {
  const rows: { id: string }[] = await engine
    .db('sys_companies')
    .insert(
      Array.from({ length: companies }, (_, i) => ({ code: `BENCH${i + 1}`, legal_name: `Bench Company ${i + 1}` })),
    )
    .returning('id');
  const companyIds = rows.map((r) => r.id);
  const adminEmail = 'ada.admin@bench.example.com';
  const admin = await signedInUser(engine, {
    email: adminEmail,
    firstName: 'Ada',
    lastName: 'Admin',
    systemRoles: ['admin'],
    memberships: [{ companyId: companyIds[0]!, roles: [] }],
  });
  const clerkEmail = 'chidi.clerk@bench.example.com';
  const clerk = await signedInUser(engine, {
    email: clerkEmail,
    firstName: 'Chidi',
    lastName: 'Clerk',
    memberships: [{ companyId: companyIds[0]!, roles: CLERK_ROLES }],
  });
  const readerEmail = 'rita.reader@bench.example.com';
  const reader = await signedInUser(engine, {
    email: readerEmail,
    firstName: 'Rita',
    lastName: 'Reader',
    memberships: [{ companyId: companyIds[0]!, roles: ['benchscope.reader'] }],
  });
  return {
    companyIds,
    admin: { ...admin, email: adminEmail },
    clerk: { ...clerk, email: clerkEmail, companyId: companyIds[0]! },
    reader: { ...reader, email: readerEmail, companyId: companyIds[0]! },
  };
}

/**
 * `n` users with the clerk's roles and a password each, for the sign-in benchmark: concurrent
 * sign-ins are different people, as at the start of a working day.
 */
export async function createSigners(engine: Engine, companyId: string, n: number): Promise<Signer[]> {
  const out: Signer[] = [];
  for (let i = 1; i <= n; i++) {
    const email = `signer${i}@bench.example.com`;
    const password = `Bench-${randomBytes(12).toString('base64url')}`;
    await signedInUser(engine, {
      email,
      firstName: 'Sam',
      lastName: `Signer${i}`,
      password,
      memberships: [{ companyId, roles: CLERK_ROLES }],
    });
    out.push({ email, password });
  }
  return out;
}
