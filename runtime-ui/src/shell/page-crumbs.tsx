import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface Crumb {
  label: string;
  to?: string;
}

const SetCrumbs = createContext<(crumbs: Crumb[]) => void>(() => undefined);
const Crumbs = createContext<Crumb[]>([]);

export function CrumbsProvider({ children }: { children: ReactNode }) {
  const [crumbs, setCrumbs] = useState<Crumb[]>([]);
  return (
    <SetCrumbs.Provider value={setCrumbs}>
      <Crumbs.Provider value={crumbs}>{children}</Crumbs.Provider>
    </SetCrumbs.Provider>
  );
}

export const useCurrentCrumbs = () => useContext(Crumbs);

/** A page says where it sits (after Home); the shell draws the trail and names the tab. */
export function useCrumbs(crumbs: Crumb[]): void {
  const set = useContext(SetCrumbs);
  const key = JSON.stringify(crumbs);
  useEffect(() => {
    const parsed = JSON.parse(key) as Crumb[];
    set(parsed);
    const last = parsed[parsed.length - 1];
    document.title = last ? `${last.label} · OpsFlux` : 'OpsFlux';
    return () => set([]);
  }, [key, set]);
}
