import { useApi } from '@opsflux/runtime-ui/api-context';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { unwrap } from '../api/designer-api.ts';
import type { DraftContext } from '../editor-types.ts';

const LANGUAGES = ['fr', 'en', 'es', 'pt'] as const;

/** `bundle.role` for every role the draft's permission files declare. */
export function draftRoles(bundle: string, files: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (!/^permissions\/[^/]+\.json$/.test(path) || !content || typeof content !== 'object') continue;
    const roles = (content as { roles?: unknown }).roles;
    if (!Array.isArray(roles)) continue;
    for (const r of roles) {
      const name = (r as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name) out.push(`${bundle}.${name}`);
    }
  }
  return out;
}

/** The draft's roles first, then the installed ones of other bundles; each once, sorted. */
export function mergeRoles(bundle: string, draft: string[], installed: string[]): string[] {
  const others = installed.filter((r) => !r.startsWith(`${bundle}.`));
  return [...new Set([...draft, ...others])].sort();
}

interface MetaBundle {
  name: string;
  entities?: { name: string }[];
}
interface RoleList {
  roles?: { code: string; bundle?: string }[];
}

/**
 * What an editor may read besides its file: the draft, the other installed bundles' entities
 * (their definitions, from the meta API) and every role. What cannot be read (an engine without
 * a route, a refusal) leaves that part empty rather than blocking the editor.
 */
export function useDraftContext(bundle: string, files: Readonly<Record<string, unknown>>): DraftContext {
  const api = useApi();
  const metaBundles = useQuery({
    queryKey: ['meta', 'bundles'],
    queryFn: async ({ signal }) => unwrap<MetaBundle[]>(await api.get('/api/v1/meta/bundles', { signal })),
    staleTime: 60_000,
  });
  const roles = useQuery({
    queryKey: ['admin', 'roles'],
    queryFn: async ({ signal }) => unwrap<RoleList>(await api.get('/api/v1/admin/roles', { signal })),
    staleTime: 60_000,
  });
  const keys = (metaBundles.data ?? [])
    .filter((b) => b.name !== bundle)
    .flatMap((b) => (b.entities ?? []).map((e) => [b.name, e.name] as const));
  const otherEntities = useQueries({
    queries: keys.map(([b, e]) => ({
      queryKey: ['meta', 'entity', b, e],
      staleTime: 60_000,
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        unwrap<{ definition?: unknown }>(
          await api.get(`/api/v1/meta/entities/${encodeURIComponent(b)}/${encodeURIComponent(e)}`, { signal }),
        ),
    })),
    // Structurally shared by TanStack Query: the same definitions give the same object.
    combine: (results) => {
      const out: Record<string, unknown> = {};
      results.forEach((q, i) => {
        const [b, e] = keys[i] ?? [];
        if (b && e && q.data?.definition !== undefined) out[`${b}.${e}`] = q.data.definition;
      });
      return out;
    },
  });

  const installedRoles = useMemo(
    () => (roles.data?.roles ?? []).map((r) => r.code).filter((c): c is string => typeof c === 'string'),
    [roles.data],
  );
  return useMemo(
    () => ({
      bundle,
      files,
      otherEntities,
      roles: mergeRoles(bundle, draftRoles(bundle, files), installedRoles),
      languages: LANGUAGES,
    }),
    [bundle, files, otherEntities, installedRoles],
  );
}
