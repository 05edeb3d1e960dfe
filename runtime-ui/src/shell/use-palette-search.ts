import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, ListResponse } from '../api/api-types.ts';
import { entityPath, useAbilities, useBundles, useUiMeta } from '../api/queries.ts';
import { recordTitle, type EntityModel } from '../model/entity-model.ts';
import { useEntityModels } from '../model/use-entity-models.ts';
import { byQualifiedName, entityOf, mayRead, recordUrl } from './navigation.ts';
import type { PaletteEntry } from './palette-rank.ts';

/** Entities searched at once, results asked of each, and the pause after the last key. */
const MAX_ENTITIES = 8;
const PER_ENTITY = 5;
const DEBOUNCE_MS = 250;

/** The entities the user may read, from the views they may use (else from the bundles). */
function useReadableEntities(): string[] {
  const ui = useUiMeta();
  const abilities = useAbilities();
  const bundles = useBundles(ui.isFetched && !ui.data);
  return useMemo(() => {
    const keys = new Set<string>();
    for (const [key, view] of byQualifiedName(ui.data?.views)) keys.add(entityOf(view, key));
    for (const b of bundles.data ?? []) for (const e of b.entities ?? []) keys.add(`${b.name}.${e.name}`);
    return [...keys].filter((k) => mayRead(abilities.data, k));
  }, [ui.data, bundles.data, abilities.data]);
}

/** A second searchable text of the record, beside its title (a number says little alone). */
function context(m: EntityModel, rec: ApiRecord): string {
  const title = recordTitle(m, rec);
  const f = m.fields.find(
    (x) =>
      x.def && 'searchable' in x.def && x.def.searchable && typeof rec[x.name] === 'string' && rec[x.name] !== title,
  );
  return f ? String(rec[f.name]).slice(0, 80) : '';
}

export interface RecordSearch {
  groups: PaletteEntry[][];
  searching: boolean;
  /** Entities whose search failed (their titles). */
  failed: string[];
}

/**
 * Records matching `query` through the data API's full-text search (`q`), over the readable
 * entities that have searchable fields, a few in parallel. Waits for a pause in typing; a new
 * query cancels the requests of the previous one.
 */
export function usePaletteSearch(query: string): RecordSearch {
  const api = useApi();
  const entities = useReadableEntities();
  const { models } = useEntityModels(entities);
  const searchable = useMemo(() => models.filter((m) => m.searchable).slice(0, MAX_ENTITIES), [models]);
  const [state, setState] = useState<RecordSearch & { query: string }>({
    query: '',
    groups: [],
    searching: false,
    failed: [],
  });
  const term = query.trim();

  useEffect(() => {
    if (term.length < 2 || searchable.length === 0) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, searching: true }));
      const one = (m: EntityModel) =>
        api
          .get<ListResponse<ApiRecord>>(entityPath(m.bundle, m.name), {
            query: { q: term, limit: PER_ENTITY },
            signal: abort.signal,
          })
          .then((r) =>
            r.data.map((rec): PaletteEntry => ({
              id: `record:${m.key}:${rec.id}`,
              kind: 'record',
              label: recordTitle(m, rec),
              detail: [m.title, context(m, rec)].filter(Boolean).join(' · '),
              to: recordUrl(m.bundle, m.name, rec.id),
            })),
          );
      void Promise.allSettled(searchable.map(one)).then((settled) => {
        if (abort.signal.aborted) return;
        setState({
          query: term,
          searching: false,
          groups: settled.map((s) => (s.status === 'fulfilled' ? s.value : [])),
          failed: searchable.filter((_, i) => settled[i]!.status === 'rejected').map((m) => m.pluralTitle),
        });
      });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, term, searchable]);

  if (term.length < 2) return { groups: [], searching: false, failed: [] };
  // Results of an older query stay on screen (marked as searching) until the new ones arrive.
  return { groups: state.groups, searching: state.searching || state.query !== term, failed: state.failed };
}
