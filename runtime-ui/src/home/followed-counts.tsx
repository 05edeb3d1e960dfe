import { Alert, Box, Card, CardContent, CardHeader, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { DataResponse } from '../api/api-types.ts';
import { entityPath, keys, useUiMeta } from '../api/queries.ts';
import { textOn } from '../components/value-chip.tsx';
import { useEntityModels } from '../model/use-entity-models.ts';
import { followedLists, stateListUrl } from './followed.ts';

type Groups = { value: string | null; count: number }[];

/**
 * Counts per workflow state of the lists the user's menus open (entities with a workflow),
 * each a link to the list filtered on that state (`GET …/groups?by=state`).
 */
export function FollowedCounts() {
  const { t } = useTranslation();
  const api = useApi();
  const ui = useUiMeta();
  const lists = followedLists(ui.data);
  const { models, isPending } = useEntityModels(lists.map((l) => l.entity));
  const withFlow = lists
    .map((l) => ({ ...l, model: models.find((m) => m.key === l.entity) }))
    .filter((l) => l.model?.states?.length);
  const counts = useQueries({
    queries: withFlow.map((l) => ({
      queryKey: [...keys.records(l.model!.bundle, l.model!.name), 'groups', 'state'],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api
          .get<DataResponse<Groups>>(`${entityPath(l.model!.bundle, l.model!.name)}/groups`, {
            query: { by: 'state' },
            signal,
          })
          .then((r) => r.data),
      staleTime: 30_000,
    })),
  });
  return (
    <Card variant="outlined" component="section" aria-labelledby="home-follow">
      <CardHeader
        title={t('tools.follow.title')}
        slotProps={{ title: { component: 'h2', variant: 'h6', id: 'home-follow' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {(ui.isPending || isPending) && <Skeleton variant="rounded" height={48} />}
        {!ui.isPending && !isPending && withFlow.length === 0 && (
          <Typography color="text.secondary">{t('tools.follow.empty')}</Typography>
        )}
        <Stack spacing={2}>
          {withFlow.map((l, i) => {
            const model = l.model!;
            const result = counts[i];
            const byState = new Map((result?.data ?? []).map((g) => [g.value, g.count]));
            const states = model.states!.filter((s) => byState.get(s.name));
            return (
              <Box key={l.view} component="section" aria-labelledby={`follow-${i}`}>
                <Typography id={`follow-${i}`} component="h3" variant="subtitle2" sx={{ mb: 0.5 }}>
                  {model.pluralTitle}
                </Typography>
                {result?.isPending && <Skeleton variant="rounded" height={32} />}
                {result?.error && <Alert severity="error">{result.error.message}</Alert>}
                {result?.data && states.length === 0 && (
                  <Typography variant="body2" color="text.secondary">
                    {t('list.noRows')}
                  </Typography>
                )}
                <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                  {states.map((s) => (
                    <Chip
                      key={s.name}
                      component={RouterLink}
                      to={stateListUrl(l.view, s.name)}
                      clickable
                      label={t('tools.follow.count', { state: s.label, count: byState.get(s.name) })}
                      variant={s.color ? 'filled' : 'outlined'}
                      sx={
                        s.color
                          ? {
                              bgcolor: s.color,
                              color: textOn(s.color),
                              fontWeight: 600,
                              '&:hover, &:focus-visible': { bgcolor: s.color, filter: 'brightness(0.9)' },
                            }
                          : undefined
                      }
                    />
                  ))}
                </Stack>
              </Box>
            );
          })}
        </Stack>
      </CardContent>
    </Card>
  );
}
