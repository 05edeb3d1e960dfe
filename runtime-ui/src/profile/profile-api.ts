import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import type { DataResponse } from '../api/api-types.ts';

/** What the profile pages read from the engine (docs/security.md, docs/notifications.md). */

export interface SessionInfo {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  method: string;
  secondFactor: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scope: 'read' | 'write' | 'admin';
  roles: string[] | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface Delegation {
  id: string;
  userId: string;
  delegateId: string;
  userName?: string;
  delegateName?: string;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  revokedAt: string | null;
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  /** A PNG data URL of the otpauth URI, drawn by the engine. */
  qrCode: string;
}

export const profileKeys = {
  sessions: ['profile', 'sessions'] as const,
  apiKeys: ['profile', 'api-keys'] as const,
  delegations: ['profile', 'delegations'] as const,
  people: (q: string) => ['profile', 'people', q] as const,
  notificationPreferences: ['profile', 'notification-preferences'] as const,
};

const data = <T>(p: Promise<DataResponse<T>>) => p.then((r) => r.data);

export function useSessions() {
  const api = useApi();
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: ({ signal }) => data(api.get<DataResponse<SessionInfo[]>>('/api/v1/auth/sessions', { signal })),
  });
}

export function useApiKeys() {
  const api = useApi();
  return useQuery({
    queryKey: profileKeys.apiKeys,
    queryFn: ({ signal }) => data(api.get<DataResponse<ApiKeyInfo[]>>('/api/v1/auth/api-keys', { signal })),
  });
}

export function useDelegations() {
  const api = useApi();
  return useQuery({
    queryKey: profileKeys.delegations,
    queryFn: ({ signal }) => data(api.get<DataResponse<Delegation[]>>('/api/v1/delegations', { signal })),
  });
}

/** Colleagues matching what was typed (2 characters at least), for the delegation picker. */
export function usePeople(q: string) {
  const api = useApi();
  const text = q.trim();
  return useQuery({
    queryKey: profileKeys.people(text),
    queryFn: ({ signal }) =>
      data(api.get<DataResponse<Person[]>>('/api/v1/delegations/candidates', { query: { q: text }, signal })),
    enabled: text.length >= 2,
    staleTime: 30_000,
  });
}

/** The message of a field the engine named in its error, if it named it. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.details.find((d) => d.path === path)?.message;
}
