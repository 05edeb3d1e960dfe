import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import MarkEmailUnreadIcon from '@mui/icons-material/MarkEmailUnread';
import TuneIcon from '@mui/icons-material/Tune';
import { Alert, Box, Button, Chip, IconButton, List, ListItem, Stack, Tooltip, Typography } from '@mui/material';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { AppNotification, ListResponse, NotificationAction } from '../api/api-types.ts';
import { keys } from '../api/queries.ts';
import { filterQuery, NO_FILTERS, NotificationFiltersBar, type NotificationFilters } from './notification-filters.tsx';
import { listKey } from './use-live-notifications.ts';

/** The notifications of the bell: newest first, filtered, mark read, and the buttons they carry. */
export function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<NotificationFilters>(NO_FILTERS);
  const [seen, setSeen] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: listKey(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<AppNotification>>('/api/v1/notifications', {
        query: { limit: 20, cursor: pageParam, ...filterQuery(filters) },
        signal,
      }),
    getNextPageParam: (last) => last.meta.nextCursor,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: keys.notifications });
  const mark = useMutation({
    mutationFn: ({ ids, read }: { ids: string[]; read: boolean }) =>
      api.post(`/api/v1/notifications/${read ? 'read' : 'unread'}`, { ids }),
    onSettled: refresh,
  });
  // With a category chosen, "all" means all of that category.
  const markAll = useMutation({
    mutationFn: () =>
      api.post('/api/v1/notifications/read-all', filters.category ? { category: filters.category } : {}),
    onSettled: refresh,
  });
  const act = useMutation({
    mutationFn: (a: NotificationAction) => api.request(a.method.toUpperCase(), a.url, { body: a.body ?? {} }),
    onSuccess: (_r, a) => {
      setDone(t('notifications.actionDone', { label: a.label }));
      void qc.invalidateQueries();
    },
  });

  const open = (n: AppNotification) => {
    if (!n.read) mark.mutate({ ids: [n.id], read: true });
    if (n.link?.startsWith('/')) {
      onClose();
      void navigate(n.link);
    }
  };
  const runAction = (n: AppNotification, a: NotificationAction) => {
    if (a.method.toUpperCase() === 'GET' && !a.url.startsWith('/api/')) {
      onClose();
      void navigate(a.url);
      return;
    }
    if (!n.read) mark.mutate({ ids: [n.id], read: true });
    act.mutate(a);
  };
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];
  // Categories offered in the filter: those the user has been shown so far.
  const fresh = items.map((n) => n.category).filter((c) => !seen.includes(c));
  if (fresh.length) setSeen([...new Set([...seen, ...fresh])].sort());
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Box sx={{ width: { xs: '100vw', sm: 420 }, maxWidth: '100%' }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', p: 2, pb: 1 }}>
        <Typography component="h2" variant="h6">
          {t('notifications.title')}
        </Typography>
        <Button onClick={() => markAll.mutate()} disabled={markAll.isPending}>
          {t('notifications.markAllRead')}
        </Button>
      </Stack>
      <NotificationFiltersBar value={filters} categories={seen} onChange={setFilters} />
      <Button
        component={RouterLink}
        to="/profile/notifications"
        onClick={onClose}
        size="small"
        startIcon={<TuneIcon />}
        sx={{ mx: 2 }}
      >
        {t('notificationPrefs.title')}
      </Button>
      {done && (
        <Alert severity="success" onClose={() => setDone(null)} sx={{ mx: 2 }}>
          {done}
        </Alert>
      )}
      {act.error && (
        <Alert severity="error" sx={{ mx: 2 }}>
          {act.error.message}
        </Alert>
      )}
      {list.isSuccess && items.length === 0 && (
        <Typography sx={{ p: 2 }} color="text.secondary">
          {t('notifications.empty')}
        </Typography>
      )}
      <List aria-label={t('notifications.title')}>
        {items.map((n) => (
          <ListItem
            key={n.id}
            divider
            alignItems="flex-start"
            sx={{ bgcolor: n.read ? undefined : 'action.hover', display: 'block' }}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography
                  component={n.link ? 'a' : 'p'}
                  href={n.link ?? undefined}
                  onClick={(e: React.MouseEvent) => {
                    if (!n.link) return;
                    e.preventDefault();
                    open(n);
                  }}
                  sx={{ fontWeight: n.read ? 400 : 700, color: 'text.primary', display: 'block' }}
                >
                  {n.title}
                </Typography>
                <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-line' }}>
                  {n.message}
                </Typography>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.5 }}>
                  <Typography variant="caption" color="text.secondary">
                    {when.format(new Date(n.createdAt))}
                  </Typography>
                  {n.priority >= 2 && (
                    <Chip
                      size="small"
                      color={n.priority === 3 ? 'error' : 'warning'}
                      label={t(`notificationPrefs.priorityName.${n.priority}`)}
                    />
                  )}
                </Stack>
              </Box>
              <Tooltip title={n.read ? t('notifications.markUnread') : t('notifications.markRead')}>
                <IconButton
                  size="small"
                  aria-label={`${n.read ? t('notifications.markUnread') : t('notifications.markRead')}: ${n.title}`}
                  onClick={() => mark.mutate({ ids: [n.id], read: !n.read })}
                >
                  {n.read ? <MarkEmailUnreadIcon fontSize="small" /> : <MarkEmailReadIcon fontSize="small" />}
                </IconButton>
              </Tooltip>
            </Stack>
            {n.actions.length > 0 && (
              <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
                {n.actions.map((a) => (
                  <Button key={a.id} variant="outlined" disabled={act.isPending} onClick={() => runAction(n, a)}>
                    {a.label}
                  </Button>
                ))}
              </Stack>
            )}
          </ListItem>
        ))}
      </List>
      {list.hasNextPage && (
        <Button fullWidth onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('notifications.loadMore')}
        </Button>
      )}
    </Box>
  );
}
