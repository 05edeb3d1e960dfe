import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntityMeta } from '../api/queries.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { entityModel, type EntityModel } from './entity-model.ts';

/** The entity's model in the current language, or the query's loading and error state. */
export function useEntityModel(bundle: string | undefined, entity: string | undefined) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const meta = useEntityMeta(bundle, entity);
  const model = useMemo<EntityModel | undefined>(
    () =>
      meta.data
        ? entityModel(meta.data, lang, {
            state: t('list.state'),
            created_at: t('list.createdAt'),
            updated_at: t('list.updatedAt'),
          })
        : undefined,
    [meta.data, lang, t],
  );
  return { model, isPending: meta.isPending, error: meta.error };
}
