import {
  Alert,
  Button,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useApi } from '@opsflux/runtime-ui/api-context';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../api/designer-api.ts';
import { errorMessage } from '../components/error-message.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { ActionOutcomes, OutcomeChip, type ActionOutcome } from './run-result.tsx';

/** One row of `GET /api/v1/admin/automations/{key}/runs`. */
interface AutomationRun {
  id: string;
  trigger: string;
  recordId: string | null;
  outcome: string;
  actions: ActionOutcome[] | null;
  /** The failure, or why a run was skipped. */
  error: string | null;
  attempt: number | null;
  durationMs: number | null;
  dryRun: boolean;
  at: string;
}

const PAGE = 20;
const OUTCOMES = ['done', 'skipped', 'failed', 'dead'] as const;

/** The published automation's execution log, newest first, a page at a time. */
export function RunsLog({ automationKey }: { automationKey: string }) {
  const t = useContentT('automation');
  const tc = useContentT('common');
  const td = useDesignerT();
  const api = useApi();
  const [outcome, setOutcome] = useState('');
  const runs = useInfiniteQuery({
    queryKey: ['admin', 'automations', automationKey, 'runs', outcome],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      unwrap<AutomationRun[]>(
        await api.get(`/api/v1/admin/automations/${encodeURIComponent(automationKey)}/runs`, {
          query: { outcome, before: pageParam, limit: PAGE },
          signal,
        }),
      ),
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.id : undefined),
  });
  const rows = runs.data?.pages.flat() ?? [];

  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" color="text.secondary">
        {t('logHelp', { key: automationKey })}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={t('outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">{t('anyOutcome')}</MenuItem>
          {OUTCOMES.map((o) => (
            <MenuItem key={o} value={o}>
              {t(`outcomes.${o}`)}
            </MenuItem>
          ))}
        </TextField>
        <Button onClick={() => void runs.refetch()} disabled={runs.isFetching}>
          {tc('refresh')}
        </Button>
      </Stack>
      {runs.isError && <Alert severity="error">{errorMessage(runs.error, td)}</Alert>}
      {runs.isPending && <Typography>{tc('loading')}</Typography>}
      {runs.isSuccess && rows.length === 0 && <Typography color="text.secondary">{t('noRuns')}</Typography>}
      {rows.length > 0 && (
        <Table size="small" aria-label={t('log')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('when')}</TableCell>
              <TableCell>{t('triggerType')}</TableCell>
              <TableCell>{t('outcome')}</TableCell>
              <TableCell>{t('reason')}</TableCell>
              <TableCell>{t('actionResults')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((run) => (
              <TableRow key={run.id} sx={{ verticalAlign: 'top' }}>
                <TableCell>
                  <Typography variant="body2">{new Date(run.at).toLocaleString()}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {[
                      `#${run.id}`,
                      run.durationMs !== null && t('duration', { ms: run.durationMs }),
                      run.attempt && t('attempt', { n: run.attempt }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{run.trigger}</Typography>
                  {run.recordId && (
                    <Typography variant="caption" sx={{ fontFamily: 'monospace' }}>
                      {run.recordId}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <OutcomeChip outcome={run.outcome} />
                </TableCell>
                <TableCell>{run.error}</TableCell>
                <TableCell>
                  <ActionOutcomes actions={run.actions} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {runs.hasNextPage && (
        <div>
          <Button onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        </div>
      )}
    </Stack>
  );
}
