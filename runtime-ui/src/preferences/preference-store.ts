/** What a user chooses about the app itself; kept in the browser and, when the engine offers it, on their profile. */
export interface UiPreferences {
  language?: 'en' | 'fr' | 'es' | 'pt';
  themeMode: 'light' | 'dark' | 'system';
  density: 'comfortable' | 'compact';
  sidebarCollapsed: boolean;
  /** Columns hidden per list (`bundle.entity` or a view's name), from the column chooser. */
  hiddenColumns: Record<string, string[]>;
}

export const DEFAULT_PREFERENCES: UiPreferences = {
  themeMode: 'system',
  density: 'comfortable',
  sidebarCollapsed: false,
  hiddenColumns: {},
};

const KEY = 'opsflux.preferences';

/** Keeps only the keys and values this version of the app understands. */
export function sanitizePreferences(raw: unknown): Partial<UiPreferences> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<UiPreferences> = {};
  if (r.language === 'en' || r.language === 'fr' || r.language === 'es' || r.language === 'pt')
    out.language = r.language;
  if (r.themeMode === 'light' || r.themeMode === 'dark' || r.themeMode === 'system') out.themeMode = r.themeMode;
  if (r.density === 'comfortable' || r.density === 'compact') out.density = r.density;
  if (typeof r.sidebarCollapsed === 'boolean') out.sidebarCollapsed = r.sidebarCollapsed;
  if (r.hiddenColumns && typeof r.hiddenColumns === 'object') {
    out.hiddenColumns = Object.fromEntries(
      Object.entries(r.hiddenColumns as Record<string, unknown>)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, (v as unknown[]).filter((x): x is string => typeof x === 'string')]),
    );
  }
  return out;
}

export function loadLocalPreferences(): UiPreferences {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    return { ...DEFAULT_PREFERENCES, ...sanitizePreferences(stored ? JSON.parse(stored) : null) };
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
}

export function saveLocalPreferences(prefs: UiPreferences): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Private browsing or a full quota: the choice lasts for this page only.
  }
}
