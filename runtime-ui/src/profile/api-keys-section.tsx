import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Button,
  Chip,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { DataResponse } from '../api/api-types.ts';
import { ApiKeyDialog, type NewKey } from './api-key-dialog.tsx';
import { profileKeys, useApiKeys, type ApiKeyInfo } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';
import { SecretOnceDialog } from './secret-once-dialog.tsx';

type Shown = { name: string; key: string };

/** The user's API keys: create (shown once), rotate (a new secret, shown once), revoke. */
export function ApiKeysSection({ admin }: { admin: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const keysQuery = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: profileKeys.apiKeys });
  const issued = (r: DataResponse<ApiKeyInfo & { key: string }>) => setShown({ name: r.data.name, key: r.data.key });
  const create = useMutation({
    mutationFn: (body: NewKey) => api.post<DataResponse<ApiKeyInfo & { key: string }>>('/api/v1/auth/api-keys', body),
    onSuccess: (r) => {
      setCreating(false);
      issued(r);
    },
    onSettled: refresh,
  });
  const rotate = useMutation({
    mutationFn: (id: string) =>
      api.post<DataResponse<ApiKeyInfo & { key: string }>>(`/api/v1/auth/api-keys/${encodeURIComponent(id)}/rotate`),
    onSuccess: issued,
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/auth/api-keys/${encodeURIComponent(id)}`),
    onSettled: refresh,
  });
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const rows = keysQuery.data ?? [];
  const error = rotate.error ?? revoke.error;
  return (
    <ProfileSection
      title={t('profile.apiKeys.title')}
      subheader={t('profile.apiKeys.explain')}
      action={
        <Button startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          {t('profile.apiKeys.create')}
        </Button>
      }
    >
      {error && <Alert severity="error">{error.message}</Alert>}
      {keysQuery.isPending && <Skeleton height={64} />}
      {keysQuery.isSuccess && rows.length === 0 && (
        <Typography color="text.secondary">{t('profile.apiKeys.none')}</Typography>
      )}
      {rows.length > 0 && (
        <TableContainer>
          <Table size="small" aria-label={t('profile.apiKeys.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('profile.apiKeys.name')}</TableCell>
                <TableCell>{t('profile.apiKeys.scope')}</TableCell>
                <TableCell>{t('profile.apiKeys.status')}</TableCell>
                <TableCell>{t('profile.apiKeys.expires')}</TableCell>
                <TableCell>{t('profile.apiKeys.lastUsed')}</TableCell>
                <TableCell align="right">{t('profile.apiKeys.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((k) => (
                <TableRow key={k.id}>
                  <TableCell>
                    {k.name}{' '}
                    <Typography
                      component="span"
                      variant="caption"
                      color="text.secondary"
                      sx={{ fontFamily: 'monospace' }}
                    >
                      ofk_{k.prefix}…
                    </Typography>
                  </TableCell>
                  <TableCell>{t(`profile.apiKeys.scopes.${k.scope}`)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={k.status === 'active' ? 'success' : 'default'}
                      label={t(`profile.apiKeys.statuses.${k.status}`)}
                    />
                  </TableCell>
                  <TableCell>{day.format(new Date(k.expiresAt))}</TableCell>
                  <TableCell>
                    {k.lastUsedAt
                      ? `${when.format(new Date(k.lastUsedAt))} · ${k.lastUsedIp ?? ''}`
                      : t('profile.apiKeys.never')}
                  </TableCell>
                  <TableCell align="right">
                    {k.status !== 'revoked' && (
                      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                        <Button
                          size="small"
                          disabled={rotate.isPending}
                          aria-label={`${t('profile.apiKeys.rotate')}: ${k.name}`}
                          onClick={() => rotate.mutate(k.id)}
                        >
                          {t('profile.apiKeys.rotate')}
                        </Button>
                        <Button
                          size="small"
                          color="error"
                          disabled={revoke.isPending}
                          aria-label={`${t('profile.apiKeys.revoke')}: ${k.name}`}
                          onClick={() => revoke.mutate(k.id)}
                        >
                          {t('profile.apiKeys.revoke')}
                        </Button>
                      </Stack>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {creating && (
        <ApiKeyDialog
          admin={admin}
          pending={create.isPending}
          error={create.error}
          onCreate={(k) => create.mutate(k)}
          onClose={() => {
            setCreating(false);
            create.reset();
          }}
        />
      )}
      {shown && (
        <SecretOnceDialog
          title={t('profile.apiKeys.shownTitle', { name: shown.name })}
          lines={[shown.key]}
          onClose={() => setShown(null)}
        />
      )}
    </ProfileSection>
  );
}
