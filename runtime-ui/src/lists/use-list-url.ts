import type { GridFilterModel, GridSortModel } from '@mui/x-data-grid';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toListQuery, type ColumnKind } from './grid-query.ts';
import {
  combineFilters,
  filterToGrid,
  readListUrl,
  sortToUrl,
  writeListUrl,
  type Condition,
  type ListUrlState,
} from './list-url-state.ts';

interface Shown {
  filterModel: GridFilterModel;
  /** The part of the address's filter the grid cannot show. */
  extra?: Condition;
  sortModel: GridSortModel;
}

function fromUrl(search: URLSearchParams, kinds: Record<string, ColumnKind>, fallbackSort: GridSortModel): Shown {
  const s = readListUrl(search);
  const g = filterToGrid(s.filter, kinds);
  return {
    filterModel: {
      items: g.items,
      logicOperator: g.logicOperator as GridFilterModel['logicOperator'],
      quickFilterValues: s.q ? s.q.split(/\s+/) : [],
    },
    ...(g.rest && { extra: g.rest }),
    sortModel: s.sort ? s.sort.map((x) => ({ field: x.field, sort: x.direction })) : fallbackSort,
  };
}

/**
 * The list's filter, search and sort, kept in the page's address (replacing the entry, not
 * adding history) so that the star bookmarks exactly this, and read back when the address
 * changes from outside (a bookmark, a saved filter, the back button).
 */
export function useListUrl(
  kinds: Record<string, ColumnKind>,
  savedSort: GridSortModel,
  saveSort: (m: GridSortModel) => void,
) {
  const [search, setSearch] = useSearchParams();
  const searchText = search.toString();
  const [shown, setShown] = useState<Shown>(() => fromUrl(search, kinds, savedSort));
  const written = useRef(searchText);
  // Its identity follows the address: kept aside so that only a change of state writes.
  const setSearchRef = useRef(setSearch);
  setSearchRef.current = setSearch;

  // An address we did not write: someone navigated here; show what it says.
  useEffect(() => {
    if (searchText === written.current) return;
    written.current = searchText;
    setShown((old) => fromUrl(new URLSearchParams(searchText), kinds, old.sortModel));
  }, [searchText, kinds]);

  const state = useMemo<ListUrlState>(() => {
    const grid = toListQuery([], shown.filterModel, kinds, { searchable: true });
    const filter = combineFilters(grid.filter ? (JSON.parse(grid.filter) as Condition) : undefined, shown.extra);
    const sort = sortToUrl(shown.sortModel);
    return { ...(filter && { filter }), ...(sort?.length && { sort }), ...(grid.q && { q: grid.q }) };
  }, [shown, kinds]);

  useEffect(() => {
    const next = writeListUrl(state, new URLSearchParams(written.current));
    if (next === written.current) return;
    written.current = next;
    setSearchRef.current(new URLSearchParams(next), { replace: true });
  }, [state]);

  return {
    filterModel: shown.filterModel,
    setFilterModel: (filterModel: GridFilterModel) => setShown((s) => ({ ...s, filterModel })),
    extra: shown.extra,
    clearExtra: () => setShown((s) => ({ filterModel: s.filterModel, sortModel: s.sortModel })),
    sortModel: shown.sortModel,
    setSortModel: (sortModel: GridSortModel) => {
      setShown((s) => ({ ...s, sortModel }));
      saveSort(sortModel);
    },
    /** What a bookmark or a saved filter keeps. */
    state,
  };
}
