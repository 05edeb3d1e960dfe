import { Alert, Box, Grid, Skeleton, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import type { ApiRecord, DataResponse } from '../api/api-types.ts';
import { keys, recordPath, splitEntityKey, useAbilities, useMe, useUiMeta } from '../api/queries.ts';
import { FullPageProgress } from '../auth/session-gate.tsx';
import { BookmarkStar } from '../bookmarks/bookmark-star.tsx';
import { ValueChip } from '../components/value-chip.tsx';
import { HistoryTab } from '../history/history-tab.tsx';
import { rememberRecord } from '../home/recent-records.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { recordTitle, type EntityModel } from '../model/entity-model.ts';
import { useEntityModel } from '../model/use-entity-model.ts';
import { byQualifiedName, listPath, may, recordUrl } from '../shell/navigation.ts';
import { useCrumbs } from '../shell/page-crumbs.tsx';
import { WorkflowPanel } from '../workflow/workflow-panel.tsx';
import { RecordForm } from './record-form.tsx';

/** `/data/:bundle/:entity/:id` */
export function RecordRoute() {
  const { bundle, entity, id } = useParams();
  return <RecordPage key={`${bundle}.${entity}.${id}`} bundle={bundle!} entity={entity!} id={id!} />;
}

/** `/data/:bundle/:entity/new` */
export function NewRecordRoute() {
  const { bundle, entity } = useParams();
  return <RecordPage key={`${bundle}.${entity}.new`} bundle={bundle!} entity={entity!} id={null} />;
}

/** `/forms/:form`: a new record in the form a menu names. */
export function FormRoute() {
  const { form } = useParams();
  const ui = useUiMeta();
  if (ui.isPending) return <FullPageProgress />;
  const summary = byQualifiedName(ui.data?.forms).get(form!);
  if (!summary) return <Alert severity="warning">{form}</Alert>;
  const { bundle, entity } = splitEntityKey(summary.entity, form!.split('.')[0]!);
  return <RecordPage key={form} bundle={bundle} entity={entity} id={null} />;
}

function RecordPage({ bundle, entity, id }: { bundle: string; entity: string; id: string | null }) {
  const { t } = useTranslation();
  const { model, isPending, error } = useEntityModel(bundle, entity);
  if (isPending) return <Skeleton variant="rounded" height={400} />;
  if (error || !model) return <Alert severity="error">{error?.message ?? t('common.notFound')}</Alert>;
  return id ? <ExistingRecord model={model} id={id} /> : <RecordLayout model={model} />;
}

function ExistingRecord({ model, id }: { model: EntityModel; id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const record = useQuery({
    queryKey: keys.record(model.bundle, model.name, id),
    queryFn: ({ signal }) =>
      api.get<DataResponse<ApiRecord>>(recordPath(model.bundle, model.name, id), { signal }).then((r) => r.data),
    retry: false,
  });
  if (record.isPending) return <Skeleton variant="rounded" height={400} />;
  if (record.error) {
    return (
      <Alert severity={isApiError(record.error) && record.error.status === 404 ? 'warning' : 'error'}>
        {isApiError(record.error) && record.error.status === 404 ? t('record.notFound') : record.error.message}
      </Alert>
    );
  }
  return <RecordLayout model={model} record={record.data} />;
}

function RecordLayout({ model, record }: { model: EntityModel; record?: ApiRecord }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const me = useMe();
  const abilities = useAbilities();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [tab, setTab] = useState<'details' | 'history'>('details');
  const [dirty, setDirty] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const title = record ? recordTitle(model, record) : t('record.newTitle', { entity: model.title });
  useCrumbs([{ label: model.pluralTitle, to: listPath(model.bundle, model.name) }, { label: title }]);

  const formats = useMemo(
    () => ({ lang, timeZone: me.data?.timeZone, yes: t('common.yes'), no: t('common.no') }),
    [lang, me.data?.timeZone, t],
  );
  const grants = abilities.data?.entities[model.key];
  const hidden = useMemo(() => grants?.restrictedFields ?? [], [grants]);
  const readonly = useMemo(() => grants?.readonlyFields ?? [], [grants]);
  const canSave = may(abilities.data, model.key, record ? 'update' : 'create');

  useEffect(() => {
    if (record && me.data) {
      rememberRecord(me.data.id, {
        bundle: model.bundle,
        entity: model.name,
        id: record.id,
        title,
        entityLabel: model.title,
      });
    }
  }, [record, me.data, model, title]);
  // Once created, the record has an address; going there waits for the form to be clean.
  useEffect(() => {
    if (created) void navigate(recordUrl(model.bundle, model.name, created), { replace: true });
  }, [created, navigate, model]);

  const state = model.states?.find((s) => s.name === record?.state);
  const form = (
    <RecordForm
      model={model}
      record={record}
      hidden={hidden}
      readonly={readonly}
      canSave={canSave}
      formats={formats}
      onDirtyChange={setDirty}
      onSaved={(saved, isNew) => {
        qc.setQueryData(keys.record(model.bundle, model.name, saved.id), saved);
        if (isNew) setCreated(saved.id);
      }}
    />
  );
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography component="h1" variant="h5">
          {title}
        </Typography>
        {state && <ValueChip label={state.label} color={state.color} />}
        <Typography variant="body2" color="text.secondary">
          {model.title}
        </Typography>
        {record && <BookmarkStar label={`${model.title} ${title}`} />}
      </Stack>
      {record ? (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: model.states ? 8 : 12 }} sx={{ order: { xs: 2, md: 1 } }}>
            <Tabs
              value={tab}
              onChange={(_, v: 'details' | 'history') => setTab(v)}
              sx={{ mb: 2, displayPrint: 'none' }}
            >
              <Tab value="details" label={t('record.details')} id="tab-details" aria-controls="panel-details" />
              <Tab value="history" label={t('record.history')} id="tab-history" aria-controls="panel-history" />
            </Tabs>
            <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === 'details' ? form : <HistoryTab model={model} id={record.id} formats={formats} />}
            </Box>
          </Grid>
          {model.states && (
            <Grid size={{ xs: 12, md: 4 }} sx={{ order: { xs: 1, md: 2 }, displayPrint: 'none' }}>
              <WorkflowPanel model={model} record={record} formats={formats} dirty={dirty} />
            </Grid>
          )}
        </Grid>
      ) : (
        <Box sx={{ maxWidth: 960 }}>{form}</Box>
      )}
    </Stack>
  );
}
