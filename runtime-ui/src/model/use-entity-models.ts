import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { DataResponse, EntityMeta } from '../api/api-types.ts';
import { keys, splitEntityKey } from '../api/queries.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { entityModel, type EntityModel } from './entity-model.ts';

/**
 * The models of several entities (`bundle.entity` keys) at once, sharing the cache of
 * `useEntityMeta`: those loaded so far, and whether some are still loading.
 */
export function useEntityModels(entityKeys: string[], enabled = true): { models: EntityModel[]; isPending: boolean } {
  const api = useApi();
  const { t } = useTranslation();
  const lang = useLanguage();
  const results = useQueries({
    queries: entityKeys.map((key) => {
      const { bundle, entity } = splitEntityKey(key, '');
      return {
        queryKey: keys.inLanguage(keys.entity(bundle, entity), lang),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api
            .get<DataResponse<EntityMeta>>(
              `/api/v1/meta/entities/${encodeURIComponent(bundle)}/${encodeURIComponent(entity)}`,
              { signal },
            )
            .then((r) => r.data),
        staleTime: 5 * 60_000,
        enabled,
      };
    }),
  });
  const metas = results.map((r) => r.data);
  const signature = metas.map((m) => (m ? `${m.bundle}.${m.name}` : '')).join('|');
  const models = useMemo(
    () =>
      metas
        .filter((m): m is EntityMeta => !!m)
        .map((m) =>
          entityModel(m, lang, {
            state: t('list.state'),
            created_at: t('list.createdAt'),
            updated_at: t('list.updatedAt'),
          }),
        ),
    // The metas change identity only when one arrives: their keys say which.
    [signature, lang, t],
  );
  return { models, isPending: enabled && results.some((r) => r.isPending) };
}
