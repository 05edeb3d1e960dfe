import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Button,
  Chip,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useDefText } from '@opsflux/runtime-ui/definition-text';
import { FullPageProgress } from '@opsflux/runtime-ui/session-gate';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { AdminBundle } from '../api/designer-types.ts';
import { useAdminBundles } from '../api/queries.ts';
import { errorMessage } from '../components/error-message.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { BundleActions } from './bundle-actions.tsx';
import { CreateBundleDialog } from './create-bundle-dialog.tsx';
import { ImportDialog } from './import-dialog.tsx';

/** `{ name: range }` or a list of names, as "name range" strings. */
export const dependencyLabels = (deps: AdminBundle['dependencies'] | undefined): string[] =>
  !deps ? [] : Array.isArray(deps) ? deps : Object.entries(deps).map(([n, r]) => `${n} ${r}`);

/** Every bundle, what it needs and what needs it, and the actions that change them. */
export function BundlesPage() {
  const t = useDesignerT();
  const text = useDefText();
  const bundles = useAdminBundles();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1400, mx: 'auto' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography component="h1" variant="h5" sx={{ flexGrow: 1 }}>
          {t('bundles.title')}
        </Typography>
        <Button startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
          {t('bundles.import')}
        </Button>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          {t('bundles.create')}
        </Button>
      </Stack>
      {bundles.isPending ? (
        <FullPageProgress />
      ) : bundles.error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void bundles.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorMessage(bundles.error, t)}
        </Alert>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={t('bundles.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('bundles.name')}</TableCell>
                <TableCell>{t('bundles.bundleTitle')}</TableCell>
                <TableCell>{t('bundles.version')}</TableCell>
                <TableCell>{t('bundles.status')}</TableCell>
                <TableCell>{t('bundles.dependencies')}</TableCell>
                <TableCell>{t('bundles.dependants')}</TableCell>
                <TableCell>{t('bundles.draft')}</TableCell>
                <TableCell align="right">{t('bundles.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {bundles.data.length === 0 && (
                <TableRow>
                  <TableCell colSpan={8}>{t('bundles.empty')}</TableCell>
                </TableRow>
              )}
              {bundles.data.map((b) => (
                <TableRow key={b.name} hover>
                  <TableCell component="th" scope="row">
                    <Link component={RouterLink} to={`/bundles/${encodeURIComponent(b.name)}`} sx={{ fontWeight: 600 }}>
                      {b.name}
                    </Link>
                  </TableCell>
                  <TableCell>{text(b.title, b.name)}</TableCell>
                  <TableCell>{b.version ?? t('bundles.neverPublished')}</TableCell>
                  <TableCell>
                    <Chip
                      label={t(`bundles.statuses.${b.status}`)}
                      color={b.status === 'active' ? 'success' : 'default'}
                      variant={b.status === 'active' ? 'filled' : 'outlined'}
                    />
                  </TableCell>
                  <TableCell>{dependencyLabels(b.dependencies).join(', ') || '—'}</TableCell>
                  <TableCell>{(b.dependants ?? []).join(', ') || '—'}</TableCell>
                  <TableCell>
                    {b.draft ? (
                      <Chip
                        color="secondary"
                        label={t('bundles.draftRevision', { revision: b.draft.revision })}
                        title={t('bundles.draftBy', {
                          who: b.draft.updatedByName ?? b.draft.updatedBy ?? '?',
                          when: new Date(b.draft.updatedAt).toLocaleString(),
                        })}
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <BundleActions bundle={b} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {creating && <CreateBundleDialog onClose={() => setCreating(false)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </Stack>
  );
}
