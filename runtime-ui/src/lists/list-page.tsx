import { Alert, Box, Button, Paper, Skeleton, Stack } from '@mui/material';
import { DataGrid, type GridRowSelectionModel } from '@mui/x-data-grid';
import { enUS, esES, frFR, ptPT } from '@mui/x-data-grid/locales';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ViewMeta } from '../api/api-types.ts';
import { splitEntityKey, useAbilities, useMe, useUiMeta } from '../api/queries.ts';
import { FullPageProgress } from '../auth/session-gate.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import type { EntityModel } from '../model/entity-model.ts';
import { useEntityModel } from '../model/use-entity-model.ts';
import { usePreferences } from '../preferences/preferences-context.tsx';
import { byQualifiedName, may, qualify, recordUrl } from '../shell/navigation.ts';
import { useCrumbs } from '../shell/page-crumbs.tsx';
import { buildColumns, defaultColumns } from './grid-columns.tsx';
import { BulkActions } from './bulk-actions.tsx';
import { toListQuery } from './grid-query.ts';
import { combineFilters } from './list-url-state.ts';
import { ListHeader } from './list-header.tsx';
import { useListUrl } from './use-list-url.ts';
import { useRecordPage } from './use-record-page.ts';
import { useViewPreferences } from './use-view-preferences.ts';

const GRID_LOCALES = { en: enUS, fr: frFR, es: esES, pt: ptPT };
// Boards move cards through transitions, whose dialog draws forms: they load apart from the grid.
const KanbanBoard = lazy(() => import('./kanban-board.tsx').then((m) => ({ default: m.KanbanBoard })));

/** `/data/:bundle/:entity`: the entity's first list view, or every short field. */
export function EntityListRoute() {
  const { bundle, entity } = useParams();
  const [search] = useSearchParams();
  return <ListPage key={`${bundle}.${entity}`} bundle={bundle!} entity={entity!} viewKey={search.get('view')} />;
}

/** `/views/:view`: a view definition, by its key (`bundle.view`). */
export function ViewListRoute() {
  const { view } = useParams();
  const ui = useUiMeta();
  if (ui.isPending) return <FullPageProgress />;
  const summary = byQualifiedName(ui.data?.views).get(view!);
  const [bundle] = view!.split('.');
  const target = summary ? splitEntityKey(qualify(summary.entity, summary.bundle ?? bundle), bundle!) : null;
  if (!target) return <Alert severity="warning">{ui.error?.message ?? view}</Alert>;
  return <ListPage key={view} bundle={target.bundle} entity={target.entity} viewKey={view!} />;
}

const viewKeyOf = (v: ViewMeta) => v.key ?? qualify(v.name, v.bundle);

function ListPage({ bundle, entity, viewKey }: { bundle: string; entity: string; viewKey: string | null }) {
  const { t } = useTranslation();
  const { model, isPending, error } = useEntityModel(bundle, entity);
  if (isPending) return <Skeleton variant="rounded" height={400} />;
  if (error || !model) return <Alert severity="error">{error?.message ?? t('common.notFound')}</Alert>;
  const view =
    (viewKey && model.views.find((v) => viewKeyOf(v) === viewKey)) ||
    (!viewKey ? model.views.find((v) => v.type === 'list') : undefined) ||
    null;
  if (view?.type === 'kanban' && view.kanban) {
    return (
      <Suspense fallback={<Skeleton variant="rounded" height={400} />}>
        <KanbanBoard model={model} view={view} kanban={view.kanban} />
      </Suspense>
    );
  }
  return <RecordGrid model={model} view={view} />;
}

function RecordGrid({ model, view }: { model: EntityModel; view: ViewMeta | null }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const navigate = useNavigate();
  const me = useMe();
  const { prefs } = usePreferences();
  const title = (typeof view?.label === 'string' && view.label) || model.pluralTitle;
  useCrumbs([{ label: title }]);

  const formats = useMemo(
    () => ({ lang, timeZone: me.data?.timeZone, yes: t('common.yes'), no: t('common.no') }),
    [lang, me.data?.timeZone, t],
  );
  const specs = view?.columns.length ? view.columns : defaultColumns(model);
  const { columns, kinds, expand } = useMemo(() => buildColumns(model, specs, formats), [model, specs, formats]);
  const defaultSort = view?.sort?.map((s) => (s.direction === 'desc' ? `-${s.field}` : s.field)).join(',');
  const prefKey = view ? viewKeyOf(view) : model.key;
  const shown = useViewPreferences(prefKey, columns, view?.pageSize ?? 25);
  // Filter, search and sort live in the address: bookmarks and saved filters keep exactly them.
  const url = useListUrl(kinds, shown.sortModel, shown.setSortModel);
  const [page, setPage] = useState(0);
  const query = toListQuery(url.sortModel, url.filterModel, kinds, {
    viewFilter: combineFilters(view?.filter, url.extra),
    defaultSort,
    searchable: model.searchable,
  });
  const resetPage = useCallback(() => setPage(0), []);
  const abilities = useAbilities();
  // Rows are selected on the page shown (the engine has no "every matching record" action).
  const selectable = !!model.states || may(abilities.data, model.key, 'delete');
  const noSelection: GridRowSelectionModel = { type: 'include', ids: new Set() };
  const [selection, setSelection] = useState<GridRowSelectionModel>(noSelection);
  const signature = JSON.stringify([query, page]);
  useEffect(() => setSelection({ type: 'include', ids: new Set() }), [signature]);
  const records = useRecordPage(
    model.bundle,
    model.name,
    { ...query, ...(expand.length && { expand: expand.join(',') }) },
    page,
    shown.pageSize,
    resetPage,
  );
  const open = (id: string) => void navigate(recordUrl(model.bundle, model.name, id));
  const selected = records.rows.filter((r) =>
    selection.type === 'include' ? selection.ids.has(r.id) : !selection.ids.has(r.id),
  );
  const visibleFields = shown.columns.filter((c) => shown.visibility[c.field] !== false).map((c) => c.field);

  return (
    <Stack spacing={2}>
      <ListHeader
        model={model}
        title={title}
        exportQuery={{ ...query, ...(visibleFields.length && { fields: exportFields(model, visibleFields) }) }}
        viewKey={view ? viewKeyOf(view) : undefined}
        urlState={url.state}
        columns={visibleFields}
        onApplyColumns={(cols) =>
          shown.setVisibility(Object.fromEntries(shown.columns.map((c) => [c.field, cols.includes(c.field)])))
        }
      />
      {url.extra && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={url.clearExtra}>
              {t('tools.savedFilters.clearExtra')}
            </Button>
          }
        >
          {t('tools.savedFilters.extraFilter')}
        </Alert>
      )}
      {selected.length > 0 && (
        <BulkActions model={model} selected={selected} onDone={() => setSelection(noSelection)} />
      )}
      {records.result.error && (
        <Alert severity="error">{t('list.error', { message: records.result.error.message })}</Alert>
      )}
      <Paper
        variant="outlined"
        sx={{ height: { xs: 'calc(100dvh - 260px)', md: 'calc(100dvh - 220px)' }, minHeight: 360 }}
      >
        <Box sx={{ height: '100%' }}>
          <DataGrid
            aria-label={title}
            rows={records.rows}
            columns={shown.columns}
            loading={records.result.isFetching}
            density={prefs.density === 'compact' ? 'compact' : 'standard'}
            localeText={{
              ...GRID_LOCALES[lang].components.MuiDataGrid.defaultProps.localeText,
              noRowsLabel: t('list.noRows'),
            }}
            showToolbar
            slotProps={{
              toolbar: {
                showQuickFilter: model.searchable,
                quickFilterProps: { debounceMs: 400 },
                csvOptions: { disableToolbarButton: true },
                printOptions: { disableToolbarButton: true },
              },
            }}
            paginationMode="server"
            sortingMode="server"
            filterMode="server"
            rowCount={records.rowCount}
            paginationMeta={{ hasNextPage: records.hasNextPage }}
            paginationModel={{ page, pageSize: shown.pageSize }}
            onPaginationModelChange={(m) => {
              if (m.pageSize !== shown.pageSize) shown.setPageSize(m.pageSize);
              setPage(m.page);
            }}
            pageSizeOptions={[10, 25, 50, 100]}
            sortModel={url.sortModel}
            onSortModelChange={url.setSortModel}
            filterModel={url.filterModel}
            onFilterModelChange={url.setFilterModel}
            checkboxSelection={selectable}
            rowSelectionModel={selection}
            onRowSelectionModelChange={setSelection}
            columnVisibilityModel={shown.visibility}
            onColumnVisibilityModelChange={shown.setVisibility}
            onColumnWidthChange={(p) => shown.setWidth(p.colDef.field, p.width)}
            disableRowSelectionOnClick
            onRowClick={(p) => open(String(p.id))}
            onCellKeyDown={(p, e) => {
              if (e.key === 'Enter') open(String(p.id));
            }}
            sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
          />
        </Box>
      </Paper>
    </Stack>
  );
}

/** The fields an export asks for: the visible columns that are fields or system columns. */
function exportFields(model: EntityModel, visible: string[]): string {
  return visible.filter((f) => !!model.field(f) || model.systemFields.some((s) => s.name === f)).join(',');
}
