import type { ApiClient } from '@opsflux/runtime-ui/api-client';

/** What `GET /api/v1/admin/users` answers per user (the fields the picker shows). */
export interface AdminUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: string;
}

/** What `GET /api/v1/admin/explain` answers (engine/src/identity/admin-routes.ts). */
export interface Explanation {
  allowed: boolean;
  user: { id: string; status: string; systemRoles: string[] };
  rolesHeld: { companyId: string; roles: string[] }[];
  rolesWithInheritance: string[];
  decidedBy: { role: string; company: string | null; scope: string; source: string } | { unrestricted: true } | null;
  reason: string;
}

export async function searchUsers(api: ApiClient, q: string, signal?: AbortSignal): Promise<AdminUser[]> {
  const body = await api.get<{ data: AdminUser[] }>('/api/v1/admin/users', { query: { q }, signal });
  return body.data;
}

export async function explain(
  api: ApiClient,
  user: string,
  entity: string,
  action: string,
  signal?: AbortSignal,
): Promise<Explanation> {
  const body = await api.get<{ data: Explanation }>('/api/v1/admin/explain', {
    query: { user, entity, action },
    signal,
  });
  return body.data;
}

export const userName = (u: AdminUser) => `${u.firstName} ${u.lastName} <${u.email}>`.trim();

/** The group's companies (`GET /api/v1/admin/companies`), to name the company a grant applied in. */
export async function companyNames(api: ApiClient, signal?: AbortSignal): Promise<Map<string, string>> {
  const body = await api.get<{ data: { id: string; code: string; legalName: string }[] }>('/api/v1/admin/companies', {
    signal,
  });
  return new Map(body.data.map((c) => [c.id, `${c.legalName} (${c.code})`]));
}
