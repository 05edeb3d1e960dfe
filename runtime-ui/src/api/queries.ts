import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context.tsx';
import { isApiError } from './api-error.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { Abilities, BundleSummary, DataResponse, EntityMeta, Me, PendingApproval, UiMeta } from './api-types.ts';

/** Query keys, in one place so that invalidations name the same things as the queries. */
export const keys = {
  me: ['me'] as const,
  abilities: ['abilities'] as const,
  bundles: ['meta', 'bundles'] as const,
  ui: ['meta', 'ui'] as const,
  entity: (bundle: string, entity: string) => ['meta', 'entity', bundle, entity] as const,
  /** Meta comes translated by the engine: one cache entry per language (invalidations match the prefix). */
  inLanguage: <K extends readonly unknown[]>(key: K, lang: string) => [...key, lang] as const,
  records: (bundle: string, entity: string) => ['data', bundle, entity] as const,
  record: (bundle: string, entity: string, id: string) => ['data', bundle, entity, 'record', id] as const,
  pending: ['approvals', 'pending'] as const,
  notifications: ['notifications'] as const,
  preferences: ['preferences'] as const,
};

export const entityPath = (bundle: string, entity: string) =>
  `/api/v1/data/${encodeURIComponent(bundle)}/${encodeURIComponent(entity)}`;
export const recordPath = (bundle: string, entity: string, id: string) =>
  `${entityPath(bundle, entity)}/${encodeURIComponent(id)}`;

/** `bundle.entity` or a bare `entity` of `bundle`, split. */
export function splitEntityKey(key: string, bundle: string): { bundle: string; entity: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { bundle, entity: key } : { bundle: key.slice(0, dot), entity: key.slice(dot + 1) };
}

const data = <T>(p: Promise<DataResponse<T>>) => p.then((r) => r.data);

export function useMe(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.me,
    enabled,
    queryFn: ({ signal }) => data(api.get<DataResponse<Me>>('/api/v1/auth/me', { signal })),
    staleTime: 5 * 60_000,
    retry: (n, e) => n < 2 && isApiError(e) && (e.status === 0 || e.status >= 500),
  });
}

export function useAbilities(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: keys.abilities,
    queryFn: ({ signal }) => data(api.get<DataResponse<Abilities>>('/api/v1/auth/me/abilities', { signal })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useBundles(enabled = true) {
  const api = useApi();
  const lang = useLanguage();
  return useQuery({
    queryKey: keys.inLanguage(keys.bundles, lang),
    queryFn: ({ signal }) => data(api.get<DataResponse<BundleSummary[]>>('/api/v1/meta/bundles', { signal })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/**
 * Menus, views and forms the user may open. An engine without `/meta/ui` yet answers 404: the
 * app then draws its navigation from the bundles (see `buildNavigation`).
 */
export function useUiMeta(enabled = true) {
  const api = useApi();
  const lang = useLanguage();
  return useQuery({
    queryKey: keys.inLanguage(keys.ui, lang),
    queryFn: async ({ signal }) => {
      try {
        const body = await api.get<DataResponse<UiMeta> | UiMeta>('/api/v1/meta/ui', { signal });
        return 'data' in body ? body.data : body;
      } catch (e) {
        if (isApiError(e) && (e.status === 404 || e.status === 405)) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useEntityMeta(bundle: string | undefined, entity: string | undefined) {
  const api = useApi();
  const lang = useLanguage();
  return useQuery({
    queryKey: keys.inLanguage(keys.entity(bundle ?? '', entity ?? ''), lang),
    queryFn: ({ signal }) =>
      data(
        api.get<DataResponse<EntityMeta>>(
          `/api/v1/meta/entities/${encodeURIComponent(bundle!)}/${encodeURIComponent(entity!)}`,
          { signal },
        ),
      ),
    staleTime: 5 * 60_000,
    enabled: !!bundle && !!entity,
  });
}

export function usePendingApprovals() {
  const api = useApi();
  return useQuery({
    queryKey: keys.pending,
    queryFn: ({ signal }) => data(api.get<DataResponse<PendingApproval[]>>('/api/v1/approvals/pending', { signal })),
  });
}
