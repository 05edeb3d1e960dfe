import type { GridColDef, GridColumnVisibilityModel, GridSortModel } from '@mui/x-data-grid';
import { useMemo } from 'react';
import { usePreferences } from '../preferences/preferences-context.tsx';
import type { ViewPreferences } from '../preferences/preference-store.ts';

const clampWidth = (w: number) => Math.min(2000, Math.max(40, Math.round(w)));

/**
 * How the user left a list: the columns shown, their widths, the page size and the order, kept
 * in their preferences under the view's key (or the entity's, for its default list).
 */
export function useViewPreferences(key: string, columns: GridColDef[], defaultPageSize: number) {
  const { prefs, update } = usePreferences();
  const mine = useMemo<ViewPreferences>(() => prefs.views[key] ?? {}, [prefs.views, key]);
  const set = (patch: Partial<ViewPreferences>) => update({ views: { ...prefs.views, [key]: { ...mine, ...patch } } });

  const sized = useMemo(
    () =>
      columns.map((c) => {
        const width = mine.widths?.[c.field];
        return width ? { ...c, width, flex: undefined } : c;
      }),
    [columns, mine.widths],
  );
  const visibility: GridColumnVisibilityModel = Object.fromEntries(
    columns.map((c) => [c.field, !mine.columns || mine.columns.includes(c.field)]),
  );
  const sortModel: GridSortModel = (mine.sort ?? []).map((s) => ({ field: s.field, sort: s.direction }));

  return {
    columns: sized,
    visibility,
    setVisibility: (m: GridColumnVisibilityModel) =>
      set({ columns: columns.filter((c) => m[c.field] !== false).map((c) => c.field) }),
    setWidth: (field: string, width: number) => set({ widths: { ...mine.widths, [field]: clampWidth(width) } }),
    pageSize: mine.pageSize ?? defaultPageSize,
    setPageSize: (pageSize: number) => set({ pageSize }),
    sortModel,
    setSortModel: (m: GridSortModel) =>
      set({
        sort: m
          .filter((s) => s.sort)
          .map((s) => ({ field: s.field, direction: s.sort === 'desc' ? ('desc' as const) : ('asc' as const) })),
      }),
  };
}
