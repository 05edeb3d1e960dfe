import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiClient } from './api/api-client.ts';
import { ApiProvider } from './api/api-context.tsx';
import { createQueryClient } from './api/query-client.ts';
import { createSessionStore, SessionProvider } from './auth/session-store.ts';
import { currentLanguage, i18next } from './i18n/i18n.ts';
import { PreferencesProvider } from './preferences/preferences-context.tsx';
import { routes } from './routes.tsx';

/** The runtime UI: one API client, one query cache, one session, one router. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [session] = useState(() => createSessionStore(() => queryClient.clear()));
  const [api] = useState(
    () => new ApiClient({ language: currentLanguage, onSignedOut: () => session.markSignedOut() }),
  );
  const [router] = useState(() => createBrowserRouter(routes));

  // Labels come translated from the engine: a new language asks for them again.
  useEffect(() => {
    const refetch = () => void queryClient.invalidateQueries();
    i18next.on('languageChanged', refetch);
    return () => i18next.off('languageChanged', refetch);
  }, [queryClient]);

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
