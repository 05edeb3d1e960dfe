import MoreVertIcon from '@mui/icons-material/MoreVert';
import {
  Alert,
  Box,
  Card,
  CardContent,
  IconButton,
  Link,
  Menu,
  MenuItem,
  Paper,
  Skeleton,
  Snackbar,
  Stack,
  Typography,
} from '@mui/material';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, ListResponse, TransitionOption, ViewMeta } from '../api/api-types.ts';
import { entityPath, keys, useMe } from '../api/queries.ts';
import { ReferenceLabel } from '../components/reference-label.tsx';
import { ValueChip } from '../components/value-chip.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import { recordTitle, type EntityModel } from '../model/entity-model.ts';
import { formatValue } from '../model/format-value.ts';
import { obstacleText } from '../workflow/obstacle-text.ts';
import { recordUrl } from '../shell/navigation.ts';
import { useCrumbs } from '../shell/page-crumbs.tsx';
import { boardLanes, laneFilter, visibleLanes, type Lane } from './kanban-lanes.ts';
import { ListHeader } from './list-header.tsx';
import { useMoveCard } from './use-move-card.ts';

const PER_LANE = 50;
// The dialog draws the fields a transition asks for with JSON Forms: loaded when first needed.
const TransitionDialog = lazy(() =>
  import('../workflow/transition-dialog.tsx').then((m) => ({ default: m.TransitionDialog })),
);

interface KanbanBoardProps {
  model: EntityModel;
  view: ViewMeta;
  kanban: { groupBy: string; cardFields: string[]; lanes?: Lane[] | null };
}

/**
 * A board: one lane per state (or enum value), cards carrying the view's fields. A card moves by
 * drag and drop, or by its "Move to…" menu (keyboards, touch screens); a move the engine refuses
 * says why.
 */
export function KanbanBoard({ model, view, kanban }: KanbanBoardProps) {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const lang = useLanguage();
  const me = useMe();
  const title = (typeof view.label === 'string' && view.label) || model.pluralTitle;
  useCrumbs([{ label: title }]);
  const { groupBy } = kanban;
  const lanes = useMemo(
    () => visibleLanes(boardLanes(model, groupBy, kanban.lanes), groupBy, view.filter),
    [model, groupBy, kanban.lanes, view.filter],
  );
  const fields = kanban.cardFields.map((f) => model.field(f)).filter((f) => !!f);
  const expand = fields.filter((f) => f.type === 'reference').map((f) => f.name);
  const sort = view.sort?.map((s) => (s.direction === 'desc' ? `-${s.field}` : s.field)).join(',');
  const results = useQueries({
    queries: lanes.map((lane) => ({
      queryKey: [...keys.records(model.bundle, model.name), 'lane', view.key ?? view.name, lane.value],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ListResponse<ApiRecord>>(entityPath(model.bundle, model.name), {
          query: {
            filter: JSON.stringify(laneFilter(groupBy, lane.value, view.filter)),
            limit: PER_LANE,
            count: true,
            ...(sort && { sort }),
            ...(expand.length && { expand: expand.join(',') }),
          },
          signal,
        }),
    })),
  });
  const move = useMoveCard(model, groupBy);
  const [dragging, setDragging] = useState<ApiRecord | null>(null);
  const [asking, setAsking] = useState<{ record: ApiRecord; transition: TransitionOption } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [menu, setMenu] = useState<{ anchor: HTMLElement; record: ApiRecord } | null>(null);
  const formats = { lang, timeZone: me.data?.timeZone, yes: t('common.yes'), no: t('common.no') };
  const laneLabel = (value: unknown) => lanes.find((l) => l.value === value)?.label ?? String(value ?? '');

  const moveTo = (record: ApiRecord, to: string) => {
    if (record[groupBy] === to) return;
    move.mutate(
      { record, to },
      {
        onSuccess: (outcome) => {
          if (outcome.kind === 'ask') setAsking({ record, transition: outcome.transition });
          else if (outcome.kind === 'refused') {
            const why =
              outcome.reasons.map((o) => obstacleText(o, { t, model, language: lang })).join(' · ') ||
              t('kanban.noWay', { from: laneLabel(record[groupBy]), to: laneLabel(to) });
            setNotice({ text: why, error: true });
          } else setNotice({ text: t('kanban.moved', { to: laneLabel(to) }), error: false });
        },
        onError: (e) => setNotice({ text: e.message, error: true }),
      },
    );
  };

  return (
    <Stack spacing={2}>
      <ListHeader model={model} title={title} />
      <Box sx={{ display: 'flex', gap: 2, overflowX: 'auto', pb: 1, alignItems: 'flex-start' }}>
        {lanes.map((lane, i) => {
          const result = results[i]!;
          const records = result.data?.data ?? [];
          const total = result.data?.meta.total;
          return (
            <Paper
              key={lane.value}
              component="section"
              aria-label={lane.label}
              variant="outlined"
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging) moveTo(dragging, lane.value);
                setDragging(null);
              }}
              sx={{ flex: '0 0 300px', p: 1, bgcolor: 'action.hover', minHeight: 200 }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, px: 0.5 }}>
                <ValueChip label={lane.label} color={lane.color} />
                <Typography variant="body2" color="text.secondary">
                  {total ?? records.length}
                </Typography>
              </Stack>
              {result.isPending && <Skeleton variant="rounded" height={80} />}
              {result.error && <Alert severity="error">{result.error.message}</Alert>}
              {result.isSuccess && records.length === 0 && (
                <Typography variant="body2" color="text.secondary" sx={{ px: 0.5 }}>
                  {t('kanban.empty')}
                </Typography>
              )}
              <Stack spacing={1} component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                {records.map((record) => (
                  <Card
                    key={record.id}
                    component="li"
                    draggable
                    onDragStart={() => setDragging(record)}
                    onDragEnd={() => setDragging(null)}
                    sx={{ cursor: 'grab', opacity: dragging?.id === record.id ? 0.5 : 1 }}
                  >
                    <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
                      <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
                        <Link
                          component={RouterLink}
                          to={recordUrl(model.bundle, model.name, record.id)}
                          sx={{ fontWeight: 600, flexGrow: 1 }}
                        >
                          {recordTitle(model, record)}
                        </Link>
                        <IconButton
                          size="small"
                          aria-label={t('kanban.moveCard', { card: recordTitle(model, record) })}
                          aria-haspopup="menu"
                          onClick={(e) => setMenu({ anchor: e.currentTarget, record })}
                        >
                          <MoreVertIcon fontSize="small" />
                        </IconButton>
                      </Stack>
                      {fields.map((f) => (
                        <Typography key={f.name} variant="body2" color="text.secondary">
                          {f.type === 'reference' && f.target ? (
                            <ReferenceLabel target={f.target} value={record[f.name]} />
                          ) : (
                            formatValue(f, record[f.name], formats)
                          )}
                        </Typography>
                      ))}
                    </CardContent>
                  </Card>
                ))}
              </Stack>
              {total !== undefined && total > records.length && (
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1, px: 0.5 }}>
                  {t('kanban.more', { count: total - records.length })}
                </Typography>
              )}
            </Paper>
          );
        })}
      </Box>
      <Menu anchorEl={menu?.anchor} open={!!menu} onClose={() => setMenu(null)}>
        <MenuItem disabled>{t('kanban.moveTo')}</MenuItem>
        {lanes
          .filter((l) => l.value !== menu?.record[groupBy])
          .map((l) => (
            <MenuItem
              key={l.value}
              onClick={() => {
                if (menu) moveTo(menu.record, l.value);
                setMenu(null);
              }}
            >
              <ValueChip label={l.label} color={l.color} />
            </MenuItem>
          ))}
      </Menu>
      {asking && (
        <Suspense fallback={null}>
          <TransitionDialog
            model={model}
            record={asking.record}
            transition={asking.transition}
            onClose={(fired) => {
              setAsking(null);
              if (fired) setNotice({ text: t('kanban.moved', { to: laneLabel(fired[groupBy]) }), error: false });
              void qc.invalidateQueries({ queryKey: keys.records(model.bundle, model.name) });
            }}
          />
        </Suspense>
      )}
      <Snackbar open={!!notice} autoHideDuration={6000} onClose={() => setNotice(null)}>
        {notice ? (
          <Alert severity={notice.error ? 'warning' : 'success'} onClose={() => setNotice(null)} variant="filled">
            {notice.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Stack>
  );
}
