import { Alert } from '@mui/material';
import { useServerPreferences } from '@opsflux/runtime-ui/server-preferences';
import { FullPageProgress, SessionGate } from '@opsflux/runtime-ui/session-gate';
import type { RouteObject } from 'react-router';
import { useDesignerT } from './i18n/i18n.ts';
import { DesignerShell } from './shell/designer-shell.tsx';

function NotFound() {
  const t = useDesignerT();
  return <Alert severity="warning">{t('app.notFound')}</Alert>;
}

function SignedInDesigner() {
  useServerPreferences();
  return <DesignerShell />;
}

/**
 * The designer's pages behind the session gate (the runtime UI's sign-in). Each page is its own
 * chunk: the bundle list loads without the workspace, the workspace without any editor.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: (
      <SessionGate>
        <SignedInDesigner />
      </SessionGate>
    ),
    hydrateFallbackElement: <FullPageProgress />,
    children: [
      {
        index: true,
        lazy: () => import('./bundles/bundles-page.tsx').then((m) => ({ Component: m.BundlesPage })),
      },
      {
        path: 'bundles',
        lazy: () => import('./bundles/bundles-page.tsx').then((m) => ({ Component: m.BundlesPage })),
      },
      {
        path: 'bundles/:name',
        lazy: () => import('./workspace/workspace-page.tsx').then((m) => ({ Component: m.WorkspaceRoute })),
      },
      {
        path: 'bundles/:name/history',
        lazy: () => import('./history/history-page.tsx').then((m) => ({ Component: m.HistoryRoute })),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
