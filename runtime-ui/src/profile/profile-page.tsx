import NotificationsIcon from '@mui/icons-material/NotificationsActive';
import { Alert, Box, Button, Grid, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useMe } from '../api/queries.ts';
import { FullPageProgress } from '../auth/session-gate.tsx';
import { useCrumbs } from '../shell/page-crumbs.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { DelegationsSection } from './delegations-section.tsx';
import { DisplaySection } from './display-section.tsx';
import { EmailSection } from './email-section.tsx';
import { PasswordSection } from './password-section.tsx';
import { SessionsSection } from './sessions-section.tsx';
import { TwoFactorSection } from './two-factor-section.tsx';

/** The user's own account: display, password, e-mail, second factor, sessions, API keys, delegation. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  useCrumbs([{ label: t('profile.title') }]);
  if (me.isPending) return <FullPageProgress />;
  if (me.error) return <Alert severity="error">{me.error.message}</Alert>;
  const user = me.data;
  return (
    <Box sx={{ maxWidth: 1200 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, justifyContent: 'space-between' }}>
        <Box>
          <Typography component="h1" variant="h4">
            {t('profile.title')}
          </Typography>
          <Typography color="text.secondary">
            {user.firstName} {user.lastName} · {user.email}
          </Typography>
        </Box>
        <Box>
          <Button component={RouterLink} to="/profile/notifications" startIcon={<NotificationsIcon />}>
            {t('notificationPrefs.title')}
          </Button>
        </Box>
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <DisplaySection me={user} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <PasswordSection />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <EmailSection email={user.email} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TwoFactorSection me={user} />
        </Grid>
        <Grid size={12}>
          <SessionsSection />
        </Grid>
        <Grid size={12}>
          <ApiKeysSection admin={user.systemRoles.includes('admin')} />
        </Grid>
        <Grid size={12}>
          <DelegationsSection userId={user.id} />
        </Grid>
      </Grid>
    </Box>
  );
}
