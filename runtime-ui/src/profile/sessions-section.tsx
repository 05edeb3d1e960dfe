import LogoutIcon from '@mui/icons-material/Logout';
import {
  Alert,
  Button,
  Chip,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Skeleton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { describeDevice } from './describe-device.ts';
import { profileKeys, useSessions, type SessionInfo } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';

/** Where the user is signed in: device, address, last activity; end one, or all the others. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const sessions = useSessions();
  const refresh = () => qc.invalidateQueries({ queryKey: profileKeys.sessions });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/auth/sessions/${encodeURIComponent(id)}`),
    onSettled: refresh,
  });
  const revokeOthers = useMutation({
    mutationFn: () => api.post('/api/v1/auth/sessions/revoke-all', { keepCurrent: true }),
    onSettled: refresh,
  });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const device = (s: SessionInfo) => {
    const d = describeDevice(s.userAgent);
    if (d.browser && d.system) return t('profile.sessions.device', { browser: d.browser, system: d.system });
    return d.browser ?? d.system ?? t('profile.sessions.unknownDevice');
  };
  const others = (sessions.data ?? []).filter((s) => !s.current);
  const error = revoke.error ?? revokeOthers.error;
  return (
    <ProfileSection
      title={t('profile.sessions.title')}
      action={
        <Button
          color="error"
          disabled={others.length === 0 || revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          {t('profile.sessions.revokeOthers')}
        </Button>
      }
    >
      {error && <Alert severity="error">{error.message}</Alert>}
      {sessions.isPending && <Skeleton height={64} />}
      {sessions.error && <Alert severity="error">{sessions.error.message}</Alert>}
      <List aria-label={t('profile.sessions.title')} disablePadding>
        {(sessions.data ?? []).map((s) => (
          <ListItem
            key={s.id}
            divider
            secondaryAction={
              s.current ? null : (
                <Tooltip title={t('profile.sessions.revoke')}>
                  <IconButton
                    edge="end"
                    aria-label={`${t('profile.sessions.revoke')}: ${device(s)}, ${s.ip ?? ''}`}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(s.id)}
                  >
                    <LogoutIcon />
                  </IconButton>
                </Tooltip>
              )
            }
          >
            <ListItemText
              primary={
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <span>{device(s)}</span>
                  {s.current && <Chip size="small" color="primary" label={t('profile.sessions.current')} />}
                  {s.secondFactor && <Chip size="small" variant="outlined" label={t('profile.sessions.mfa')} />}
                </Stack>
              }
              secondary={
                <Typography component="span" variant="body2" color="text.secondary">
                  {t('profile.sessions.detail', {
                    ip: s.ip ?? '—',
                    lastSeen: when.format(new Date(s.lastSeenAt)),
                    since: when.format(new Date(s.createdAt)),
                  })}
                </Typography>
              }
            />
          </ListItem>
        ))}
      </List>
    </ProfileSection>
  );
}
