import { Alert } from '@mui/material';
import type { RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AcceptInvitationPage } from './auth/accept-invitation-page.tsx';
import { ForgotPasswordPage } from './auth/forgot-password-page.tsx';
import { ResetPasswordPage } from './auth/reset-password-page.tsx';
import { FullPageProgress, SessionGate } from './auth/session-gate.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { useServerPreferences } from './preferences/use-server-preferences.ts';

function NotFound() {
  const { t } = useTranslation();
  return <Alert severity="warning">{t('common.notFound')}</Alert>;
}

function SignedInApp() {
  useServerPreferences();
  return <AppShell />;
}

/**
 * The app's pages. Account pages are public; everything else sits in the shell behind the
 * session gate, each page in its own chunk so the first screen loads only what it shows.
 */
export const routes: RouteObject[] = [
  { path: '/invitation', element: <AcceptInvitationPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  {
    path: '/',
    element: (
      <SessionGate>
        <SignedInApp />
      </SessionGate>
    ),
    hydrateFallbackElement: <FullPageProgress />,
    children: [
      { index: true, lazy: () => import('./home/home-page.tsx').then((m) => ({ Component: m.HomePage })) },
      {
        path: 'data/:bundle/:entity',
        lazy: () => import('./lists/list-page.tsx').then((m) => ({ Component: m.EntityListRoute })),
      },
      {
        path: 'views/:view',
        lazy: () => import('./lists/list-page.tsx').then((m) => ({ Component: m.ViewListRoute })),
      },
      {
        path: 'data/:bundle/:entity/new',
        lazy: () => import('./records/record-page.tsx').then((m) => ({ Component: m.NewRecordRoute })),
      },
      {
        path: 'forms/:form',
        lazy: () => import('./records/record-page.tsx').then((m) => ({ Component: m.FormRoute })),
      },
      {
        path: 'data/:bundle/:entity/:id',
        lazy: () => import('./records/record-page.tsx').then((m) => ({ Component: m.RecordRoute })),
      },
      {
        path: 'profile',
        lazy: () => import('./profile/profile-page.tsx').then((m) => ({ Component: m.ProfilePage })),
      },
      {
        path: 'profile/notifications',
        lazy: () =>
          import('./profile/notification-preferences-page.tsx').then((m) => ({
            Component: m.NotificationPreferencesPage,
          })),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
