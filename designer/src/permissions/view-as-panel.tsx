import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import BlockIcon from '@mui/icons-material/Block';
import {
  Alert,
  Autocomplete,
  CircularProgress,
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
import { ApiError } from '@opsflux/runtime-ui/api-error';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { companyNames, explain, searchUsers, userName, type AdminUser, type Explanation } from './explain-api.ts';
import { MATRIX_ACTIONS } from './permission-matrix.ts';

interface ViewAsPanelProps {
  bundle: string;
  /** Entities of this bundle, by name. */
  entities: readonly string[];
  /** Transitions per entity name, asked as `transition:<name>`. */
  transitions: (entity: string) => readonly string[];
}

/**
 * What a chosen user may do on each action of an entity, as the engine explains it. It answers
 * from the published bundle: the draft's grants take effect only once published.
 */
export function ViewAsPanel({ bundle, entities, transitions }: ViewAsPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const q = useDeferredValue(text);
  const [user, setUser] = useState<AdminUser | null>(null);
  const [picked, setEntity] = useState('');
  const entity = entities.includes(picked) ? picked : (entities[0] ?? '');
  const users = useQuery({
    queryKey: ['admin', 'users', 'search', q],
    queryFn: ({ signal }) => searchUsers(api, q, signal),
    staleTime: 30_000,
  });
  const companies = useQuery({
    queryKey: ['admin', 'companies', 'names'],
    queryFn: ({ signal }) => companyNames(api, signal),
    staleTime: 60_000,
  });
  const actions = [...MATRIX_ACTIONS, ...transitions(entity).map((n) => `transition:${n}`)];
  const key = `${bundle}.${entity}`;
  const answers = useQueries({
    queries: actions.map((action) => ({
      queryKey: ['admin', 'explain', user?.id, key, action],
      enabled: !!user && !!entity,
      queryFn: ({ signal }: { signal: AbortSignal }) => explain(api, user!.id, key, action, signal),
      retry: false,
    })),
  });
  const first = answers.find((a) => a.data)?.data;
  const failure = answers.find((a) => a.error)?.error;
  const notPublished = failure instanceof ApiError && failure.status === 404;
  const decided = (e: Explanation) =>
    !e.decidedBy
      ? '—'
      : 'unrestricted' in e.decidedBy
        ? t('permissionEditor.viewAs.administrator')
        : t('permissionEditor.viewAs.grant', {
            role: e.decidedBy.role,
            scope: t(`permissionEditor.scopes.${e.decidedBy.scope}`),
            company: e.decidedBy.company
              ? t('permissionEditor.viewAs.inCompany', {
                  company: companies.data?.get(e.decidedBy.company) ?? e.decidedBy.company,
                })
              : '',
          });

  return (
    <Stack spacing={2} component="section" aria-labelledby="perm-viewas-title">
      <Typography id="perm-viewas-title" component="h3" variant="subtitle1">
        {t('permissionEditor.tabs.viewAs')}
      </Typography>
      <Alert severity="info">{t('permissionEditor.viewAs.published')}</Alert>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Autocomplete
          sx={{ minWidth: 320 }}
          size="small"
          options={users.data ?? []}
          loading={users.isFetching}
          value={user}
          filterOptions={(x) => x}
          getOptionLabel={userName}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          onChange={(_, u) => setUser(u)}
          onInputChange={(_, v) => setText(v)}
          renderInput={(params) => (
            <TextField
              {...params}
              label={t('permissionEditor.viewAs.user')}
              helperText={t('permissionEditor.viewAs.userHelp')}
            />
          )}
        />
        <TextField
          select
          size="small"
          sx={{ minWidth: 200 }}
          label={t('permissionEditor.viewAs.entity')}
          value={entity}
          onChange={(e) => setEntity(e.target.value)}
        >
          {entities.map((e) => (
            <MenuItem key={e} value={e}>
              {e}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {!user ? (
        <Typography color="text.secondary">{t('permissionEditor.viewAs.pick')}</Typography>
      ) : notPublished ? (
        <Alert severity="warning">{t('permissionEditor.viewAs.notPublished')}</Alert>
      ) : failure ? (
        <Alert severity="error">{t('permissionEditor.viewAs.failed', { message: (failure as Error).message })}</Alert>
      ) : (
        <>
          {first && (
            <Typography variant="body2">
              {t('permissionEditor.viewAs.roles', {
                roles: first.rolesWithInheritance.join(', ') || t('permissionEditor.viewAs.noRoles'),
              })}
            </Typography>
          )}
          <Table size="small" aria-label={t('permissionEditor.tabs.viewAs')}>
            <TableHead>
              <TableRow>
                <TableCell component="th">{t('permissionEditor.viewAs.action')}</TableCell>
                <TableCell component="th">{t('permissionEditor.viewAs.allowed')}</TableCell>
                <TableCell component="th">{t('permissionEditor.viewAs.decidedBy')}</TableCell>
                <TableCell component="th">{t('permissionEditor.viewAs.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {actions.map((action, i) => {
                const a = answers[i]!;
                return (
                  <TableRow key={action}>
                    <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace' }}>
                      {action}
                    </TableCell>
                    <TableCell>
                      {a.isLoading ? (
                        <CircularProgress size={16} aria-label={t('permissionEditor.viewAs.loading')} />
                      ) : a.data?.allowed ? (
                        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                          <CheckCircleIcon color="success" fontSize="small" />
                          <span>{t('permissionEditor.viewAs.yes')}</span>
                        </Stack>
                      ) : (
                        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                          <BlockIcon color="disabled" fontSize="small" />
                          <span>{t('permissionEditor.viewAs.no')}</span>
                        </Stack>
                      )}
                    </TableCell>
                    <TableCell>{a.data ? decided(a.data) : ''}</TableCell>
                    <TableCell>{a.data?.reason ?? ''}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </Stack>
  );
}
