import { useApi } from '@opsflux/runtime-ui/api-context';
import { isApiError } from '@opsflux/runtime-ui/api-error';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { designerApi, type DesignerApi } from './designer-api.ts';

/** Query keys of the designer, in one place so that invalidations name what the queries read. */
export const dkeys = {
  bundles: ['admin', 'bundles'] as const,
  bundle: (name: string) => ['admin', 'bundles', name] as const,
  draft: (name: string) => ['admin', 'bundles', name, 'draft'] as const,
  validation: (name: string) => ['admin', 'bundles', name, 'draft', 'validation'] as const,
  versions: (name: string) => ['admin', 'bundles', name, 'versions'] as const,
  diff: (name: string, from: string, to: string) => ['admin', 'bundles', name, 'diff', from, to] as const,
  roles: ['admin', 'roles'] as const,
};

/** The designer API over the app's client (its session handling included). */
export function useDesignerApi(): DesignerApi {
  const api = useApi();
  return useMemo(() => designerApi(api), [api]);
}

export function useAdminBundles() {
  const d = useDesignerApi();
  return useQuery({ queryKey: dkeys.bundles, queryFn: ({ signal }) => d.bundles(signal), staleTime: 10_000 });
}

export function useDraft(name: string) {
  const d = useDesignerApi();
  // The draft is edited here: it is never refetched behind the editor's back.
  return useQuery({
    queryKey: dkeys.draft(name),
    queryFn: ({ signal }) => d.draft(name, signal),
    staleTime: Infinity,
  });
}

export function useVersions(name: string) {
  const d = useDesignerApi();
  return useQuery({
    queryKey: dkeys.versions(name),
    // A bundle never published has no history yet: an empty list, not an error.
    queryFn: ({ signal }) =>
      d.versions(name, signal).catch((e: unknown) => {
        if (isApiError(e) && e.status === 404 && e.code === 'bundle_not_found') return [];
        throw e;
      }),
  });
}

export function useDiff(name: string, from: string | null, to: string | null) {
  const d = useDesignerApi();
  return useQuery({
    queryKey: dkeys.diff(name, from ?? '', to ?? ''),
    enabled: !!from && !!to && from !== to,
    queryFn: ({ signal }) => d.diff(name, from ?? '', to ?? '', signal),
  });
}
