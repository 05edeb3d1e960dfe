import { Alert, Box, Button, CircularProgress, Stack } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { keys, useMe } from '../api/queries.ts';
import { SignInPage } from './sign-in-page.tsx';
import { useSessionStore, useSignedOut } from './session-store.ts';

// What a pending session must do first loads only for such a session.
const PendingStep = lazy(() => import('../profile/pending-step.tsx').then((m) => ({ default: m.PendingStep })));

export function FullPageProgress() {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }} role="status" aria-live="polite">
      <CircularProgress aria-label={t('common.loading')} />
    </Box>
  );
}

/** Shows its children to a signed-in user, the sign-in page to anyone else, at the same address. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const signedOut = useSignedOut();
  const me = useMe(!signedOut);
  const qc = useQueryClient();

  if (signedOut || (isApiError(me.error) && me.error.status === 401)) {
    return <SignInPage onSignedIn={() => store.markSignedIn()} />;
  }
  if (me.isPending) return <FullPageProgress />;
  if (me.error) {
    return (
      <Stack sx={{ p: 4, maxWidth: 560, mx: 'auto' }} spacing={2}>
        <Alert severity="error">
          {isApiError(me.error) && me.error.status === 0 ? t('common.networkError') : me.error.message}
        </Alert>
        <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
      </Stack>
    );
  }
  if (me.data.pending) {
    const signOut = () => api.post('/api/v1/auth/logout').finally(() => store.markSignedOut());
    return (
      <Stack sx={{ p: 4, maxWidth: 560, mx: 'auto' }} spacing={2}>
        <Alert severity="warning">
          {me.data.pending === 'mfa_enrolment' ? t('auth.mfaEnrolmentRequired') : t('auth.passwordExpired')}
        </Alert>
        <Suspense fallback={null}>
          <PendingStep pending={me.data.pending} onDone={() => void qc.invalidateQueries({ queryKey: keys.me })} />
        </Suspense>
        <Button onClick={() => void signOut()}>{t('auth.signOut')}</Button>
      </Stack>
    );
  }
  return children;
}
