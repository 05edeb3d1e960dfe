import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Chip, IconButton, List, ListItem, ListItemText, Stack, Tooltip, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { keys } from '../api/queries.ts';
import { DelegationForm } from './delegation-form.tsx';
import { profileKeys, useDelegations, type Delegation } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';

/** Approvals delegated to a colleague for some days, and those delegated to the user; revoke one's own. */
export function DelegationsSection({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const delegations = useDelegations();
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/delegations/${encodeURIComponent(id)}`),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: profileKeys.delegations });
      void qc.invalidateQueries({ queryKey: keys.pending });
    },
  });
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const fmt = (d: string) => day.format(new Date(`${d}T00:00:00Z`));
  const todayIso = new Date().toISOString().slice(0, 10);
  const status = (d: Delegation) =>
    d.revokedAt ? 'revoked' : d.endsOn < todayIso ? 'past' : d.startsOn > todayIso ? 'planned' : 'active';
  const rows = delegations.data ?? [];
  return (
    <ProfileSection title={t('profile.delegation.title')} subheader={t('profile.delegation.explain')}>
      <Stack spacing={3}>
        <DelegationForm />
        {revoke.error && <Alert severity="error">{revoke.error.message}</Alert>}
        {delegations.isSuccess && rows.length === 0 && (
          <Typography color="text.secondary">{t('profile.delegation.none')}</Typography>
        )}
        {rows.length > 0 && (
          <List aria-label={t('profile.delegation.list')} disablePadding>
            {rows.map((d) => {
              const mine = d.userId === userId;
              const s = status(d);
              const text = mine
                ? t('profile.delegation.given', {
                    name: d.delegateName ?? d.delegateId,
                    from: fmt(d.startsOn),
                    to: fmt(d.endsOn),
                  })
                : t('profile.delegation.received', {
                    name: d.userName ?? d.userId,
                    from: fmt(d.startsOn),
                    to: fmt(d.endsOn),
                  });
              return (
                <ListItem
                  key={d.id}
                  divider
                  secondaryAction={
                    mine && !d.revokedAt ? (
                      <Tooltip title={t('profile.delegation.revoke')}>
                        <IconButton
                          edge="end"
                          aria-label={`${t('profile.delegation.revoke')}: ${text}`}
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(d.id)}
                        >
                          <DeleteIcon />
                        </IconButton>
                      </Tooltip>
                    ) : null
                  }
                >
                  <ListItemText
                    primary={
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                        <span>{text}</span>
                        <Chip
                          size="small"
                          color={s === 'active' ? 'success' : 'default'}
                          label={t(`profile.delegation.status.${s}`)}
                        />
                      </Stack>
                    }
                    secondary={d.reason}
                  />
                </ListItem>
              );
            })}
          </List>
        )}
      </Stack>
    </ProfileSection>
  );
}
