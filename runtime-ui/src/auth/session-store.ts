import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * Whether the browser holds a usable session. The API client marks it over when a 401 cannot be
 * cured; the sign-in page marks it back. Queries stop while it is over, so a refused call does
 * not trigger another.
 */
export interface SessionStore {
  signedOut(): boolean;
  markSignedOut(): void;
  markSignedIn(): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(onSignedIn: () => void): SessionStore {
  let over = false;
  const listeners = new Set<() => void>();
  const set = (value: boolean) => {
    if (over === value) return;
    over = value;
    listeners.forEach((l) => l());
  };
  return {
    signedOut: () => over,
    markSignedOut: () => set(true),
    markSignedIn: () => {
      // What was cached belonged to the previous session, perhaps another user.
      onSignedIn();
      set(false);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const SessionContext = createContext<SessionStore | null>(null);
export const SessionProvider = SessionContext.Provider;

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside <SessionProvider>');
  return store;
}

export function useSignedOut(): boolean {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.signedOut);
}
