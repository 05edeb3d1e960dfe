import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Button,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { FullPageProgress } from '@opsflux/runtime-ui/session-gate';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import type { BundleVersion } from '../api/designer-types.ts';
import { useAdminBundles, useDiff, useVersions } from '../api/queries.ts';
import { errorMessage } from '../components/error-message.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { defaultComparison, holdsFiles } from './diff-model.ts';
import { DiffView } from './diff-view.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';
import { useUserNames } from './use-user-names.ts';

const stepCount = (v: BundleVersion) => (Array.isArray(v.steps) ? v.steps.length : (v.steps ?? 0));

/** `/bundles/:name/history`: every applied version, a diff between any two, and rollback. */
export function HistoryRoute() {
  const t = useDesignerT();
  const { name = '' } = useParams();
  const versions = useVersions(name);
  const bundles = useAdminBundles();
  const hasDraft = !!bundles.data?.find((b) => b.name === name)?.draft;
  const [picked, setPicked] = useState<{ from: string | null; to: string | null } | null>(null);
  const [rollingBack, setRollingBack] = useState<BundleVersion | null>(null);
  // Only applies hold files: (de)activations and uninstalls are listed but not compared.
  const ids = (versions.data ?? []).filter(holdsFiles).map((v) => String(v.id));
  const status = bundles.data?.find((b) => b.name === name)?.status;
  const installed = status === 'active' || status === 'inactive';
  const { from, to } = picked ?? defaultComparison(ids, hasDraft);
  const diff = useDiff(name, from, to);
  const who = useUserNames((versions.data ?? []).map((v) => v.appliedBy));

  if (versions.isPending) return <FullPageProgress />;
  if (versions.error) return <Alert severity="error">{errorMessage(versions.error, t)}</Alert>;
  const current = ids[0];
  const label = (id: string) =>
    id === 'draft' ? t('history.draft') : (versions.data.find((v) => String(v.id) === id)?.version ?? id);
  const choices = [...(hasDraft ? ['draft'] : []), ...ids];

  return (
    <Stack spacing={2} sx={{ maxWidth: 1400, mx: 'auto' }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Button component={RouterLink} to={`/bundles/${encodeURIComponent(name)}`} startIcon={<ArrowBackIcon />}>
          {t('history.back')}
        </Button>
        <Typography component="h1" variant="h5">
          {t('history.title', { name })}
        </Typography>
      </Stack>
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: '40vh' }}>
        <Table size="small" stickyHeader aria-label={t('history.versions')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('history.version')}</TableCell>
              <TableCell>{t('history.operation')}</TableCell>
              <TableCell>{t('history.appliedAt')}</TableCell>
              <TableCell>{t('history.appliedBy')}</TableCell>
              <TableCell>{t('history.steps')}</TableCell>
              <TableCell align="right">{t('bundles.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {versions.data.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>{t('history.empty')}</TableCell>
              </TableRow>
            )}
            {versions.data.map((v) => (
              <TableRow key={String(v.id)} selected={String(v.id) === from || String(v.id) === to}>
                <TableCell component="th" scope="row">
                  {v.version}
                  {String(v.id) === current ? ` (${t('history.current')})` : ''}
                </TableCell>
                <TableCell>{v.operation}</TableCell>
                <TableCell>{new Date(v.appliedAt).toLocaleString()}</TableCell>
                <TableCell>{who(v.appliedBy)}</TableCell>
                <TableCell>{stepCount(v)}</TableCell>
                <TableCell align="right">
                  {installed && holdsFiles(v) && String(v.id) !== current && (
                    <Button size="small" onClick={() => setRollingBack(v)}>
                      {t('history.rollbackTo', { version: v.version })}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Paper variant="outlined" component="section" aria-labelledby="diff-title" sx={{ p: 2 }}>
        <Typography id="diff-title" component="h2" variant="h6" gutterBottom>
          {t('history.compare')}
        </Typography>
        <Stack direction="row" sx={{ gap: 2, mb: 2, flexWrap: 'wrap' }}>
          {(['from', 'to'] as const).map((side) => (
            <TextField
              key={side}
              select
              label={t(`history.${side}`)}
              value={(side === 'from' ? from : to) ?? ''}
              onChange={(e) => setPicked({ from, to, [side]: e.target.value })}
              sx={{ minWidth: 200, width: 'auto' }}
            >
              {(side === 'from' ? ids : choices).map((id) => (
                <MenuItem key={id} value={id}>
                  {label(id)}
                </MenuItem>
              ))}
            </TextField>
          ))}
        </Stack>
        {!from || !to ? (
          <Typography color="text.secondary">{t('history.pickTwo')}</Typography>
        ) : from === to ? (
          <Typography color="text.secondary">{t('history.sameVersion')}</Typography>
        ) : diff.isPending ? (
          <FullPageProgress />
        ) : diff.error ? (
          <Alert severity="error">{errorMessage(diff.error, t)}</Alert>
        ) : (
          <DiffView files={diff.data.files} />
        )}
      </Paper>
      {rollingBack && <RollbackDialog name={name} version={rollingBack} onClose={() => setRollingBack(null)} />}
    </Stack>
  );
}
