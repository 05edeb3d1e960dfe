import { createContext, useContext } from 'react';
import { currentLanguage } from '../i18n/i18n.ts';
import { ApiClient } from './api-client.ts';

const ApiContext = createContext<ApiClient | null>(null);

/** Gives the app's pages the client the app created (with its sign-out handling). */
export const ApiProvider = ApiContext.Provider;

let standalone: ApiClient | undefined;

/**
 * The API client of the surrounding app. Pages rendered outside it (the designer shows the
 * sign-in page on its own) get a plain client that speaks the UI's language.
 */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client) return client;
  standalone ??= new ApiClient({ language: currentLanguage, onSignedOut: () => undefined });
  return standalone;
}
