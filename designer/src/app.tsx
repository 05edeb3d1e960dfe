import { ApiClient } from '@opsflux/runtime-ui/api-client';
import { ApiProvider } from '@opsflux/runtime-ui/api-context';
import { currentLanguage } from '@opsflux/runtime-ui/i18n';
import { PreferencesProvider } from '@opsflux/runtime-ui/preferences';
import { createQueryClient } from '@opsflux/runtime-ui/query-client';
import { createSessionStore, SessionProvider } from '@opsflux/runtime-ui/session-store';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './routes.tsx';

/** The designer: the runtime UI's client, session and preferences, and its own pages under /designer. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [session] = useState(() => createSessionStore(() => queryClient.clear()));
  const [api] = useState(
    () => new ApiClient({ language: currentLanguage, onSignedOut: () => session.markSignedOut() }),
  );
  const [router] = useState(() => createBrowserRouter(routes, { basename: '/designer' }));
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider value={api}>
        <SessionProvider value={session}>
          <PreferencesProvider>
            <RouterProvider router={router} />
          </PreferencesProvider>
        </SessionProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
}
