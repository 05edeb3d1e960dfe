import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error.ts';

/** Retries only what may pass a second time: network failures and server errors, not refusals. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A form holds the user's edits: a refetch on focus must not replace them under their eyes.
        refetchOnWindowFocus: false,
        retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
