import type { ApiClient } from '@opsflux/runtime-ui/api-client';
import { ApiError } from '@opsflux/runtime-ui/api-error';
import { currentLanguage } from '@opsflux/runtime-ui/i18n';
import type {
  AdminBundle,
  BundleVersion,
  ChangeResult,
  Draft,
  FileDiff,
  ImportCheck,
  PlanResult,
  ValidationResult,
} from './designer-types.ts';

const BASE = '/api/v1/admin/bundles';
const enc = encodeURIComponent;
/** A bundle's base path. */
export const bundlePath = (name: string) => `${BASE}/${enc(name)}`;
/** A draft file's path: each segment encoded, the slashes kept (`entities/site.json`). */
export const draftFilePath = (name: string, file: string) =>
  `${bundlePath(name)}/draft/files/${file.split('/').map(enc).join('/')}`;
export const exportUrl = (name: string, opts: { seed?: boolean; draft?: boolean } = {}) =>
  `${bundlePath(name)}/export.zip?seed=${opts.seed ? 'true' : 'false'}&draft=${opts.draft ? 'true' : 'false'}`;

/** The engine wraps some answers in `{ data }`; the designer reads either form. */
export function unwrap<T>(body: unknown): T {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
    return (body as { data: T }).data;
  }
  return body as T;
}

const CSRF_COOKIE = 'opsflux_csrf';
function csrfToken(): string | undefined {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return found ? decodeURIComponent(found.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/**
 * The designer API in one object. Everything goes through the runtime UI's client except the
 * .zip upload, which is not JSON: it sends the same cookies and CSRF header itself, and after a
 * 401 lets the client refresh the session (any call does) before trying once more.
 */
export function designerApi(api: ApiClient) {
  const get = async <T>(path: string, signal?: AbortSignal) => unwrap<T>(await api.get(path, { signal }));
  const post = async <T>(path: string, body: unknown = {}) => unwrap<T>(await api.post(path, body));

  const uploadOnce = async (file: Blob) => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': currentLanguage(),
      'content-type': 'application/zip',
    };
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(`${BASE}/import`, { method: 'POST', credentials: 'same-origin', headers, body: file });
    } catch {
      throw new ApiError(0, 'network_error', 'The engine cannot be reached');
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw ApiError.fromBody(res.status, body);
    return unwrap<ImportCheck>(body);
  };

  return {
    bundles: (signal?: AbortSignal) => get<AdminBundle[]>(BASE, signal),
    createBundle: (body: { name: string; title: Record<string, string>; dependencies?: Record<string, string> }) =>
      post<unknown>(BASE, body),
    activate: (name: string) => post<unknown>(`${bundlePath(name)}/activate`),
    deactivate: (name: string) => post<unknown>(`${bundlePath(name)}/deactivate`),
    uninstall: (name: string, purge: boolean) => api.delete(bundlePath(name), { body: { confirm: name, purge } }),

    draft: (name: string, signal?: AbortSignal) => get<Draft>(`${bundlePath(name)}/draft`, signal),
    putFile: async (name: string, file: string, revision: number, content: unknown) =>
      unwrap<ChangeResult>(await api.put(draftFilePath(name, file), { revision, content })),
    deleteFile: async (name: string, file: string, revision: number) =>
      unwrap<ChangeResult>(await api.delete(draftFilePath(name, file), { body: { revision } })),
    renameFile: (name: string, revision: number, from: string, to: string) =>
      post<ChangeResult>(`${bundlePath(name)}/draft/rename`, { revision, from, to }),
    discardDraft: (name: string) => api.delete(`${bundlePath(name)}/draft`),
    validate: (name: string) => post<ValidationResult>(`${bundlePath(name)}/draft/validate`),
    plan: (name: string) => post<PlanResult>(`${bundlePath(name)}/draft/plan`),
    publish: (name: string, revision: number, confirm?: string) =>
      post<{ version: string; plan: PlanResult['plan'] }>(`${bundlePath(name)}/draft/publish`, {
        revision,
        ...(confirm !== undefined && { confirm }),
      }),

    versions: (name: string, signal?: AbortSignal) => get<BundleVersion[]>(`${bundlePath(name)}/versions`, signal),
    diff: async (name: string, from: string, to: string, signal?: AbortSignal) =>
      unwrap<{ files: FileDiff[] }>(await api.get(`${bundlePath(name)}/diff`, { query: { from, to }, signal })),
    rollbackPlan: (name: string, id: string) =>
      post<PlanResult>(`${bundlePath(name)}/versions/${enc(id)}/rollback/plan`),
    rollback: (name: string, id: string, confirm?: string) =>
      post<{ version: string }>(`${bundlePath(name)}/versions/${enc(id)}/rollback`, {
        ...(confirm !== undefined && { confirm }),
      }),

    importZip: async (file: Blob): Promise<ImportCheck> => {
      try {
        return await uploadOnce(file);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 401) throw e;
        await api.get('/api/v1/auth/me'); // refreshes the session, or signs out
        return uploadOnce(file);
      }
    },
    applyImport: (importId: string, confirm?: string) =>
      post<{ version: string }>(`${BASE}/import/${enc(importId)}/apply`, {
        ...(confirm !== undefined && { confirm }),
      }),
  };
}

export type DesignerApi = ReturnType<typeof designerApi>;
