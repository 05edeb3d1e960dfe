/** How one list looks to a user: the columns shown (in order), their widths, page size, order. */
export interface ViewPreferences {
  columns?: string[];
  widths?: Record<string, number>;
  pageSize?: number;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
}

/**
 * What a user chooses about the app itself, in the shape the engine keeps it
 * (`/api/v1/me/preferences`, docs/ui-meta.md), so the browser's copy and the profile's are one.
 */
export interface UiPreferences {
  language?: 'en' | 'fr' | 'es' | 'pt';
  theme: 'light' | 'dark' | 'system';
  density: 'comfortable' | 'compact';
  sidebarCollapsed: boolean;
  /** By view key (`bundle.view`), or entity key for an entity's default list. */
  views: Record<string, ViewPreferences>;
}

export const DEFAULT_PREFERENCES: UiPreferences = {
  theme: 'system',
  density: 'comfortable',
  sidebarCollapsed: false,
  views: {},
};

const KEY = 'opsflux.preferences';

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

function viewPreferences(raw: unknown): ViewPreferences | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const out: ViewPreferences = {};
  const columns = strings(r.columns);
  if (columns) out.columns = columns;
  if (r.widths && typeof r.widths === 'object') {
    out.widths = Object.fromEntries(
      Object.entries(r.widths as Record<string, unknown>).filter(
        (e): e is [string, number] => typeof e[1] === 'number' && e[1] >= 40 && e[1] <= 2000,
      ),
    );
  }
  if (typeof r.pageSize === 'number' && r.pageSize >= 1 && r.pageSize <= 500) out.pageSize = r.pageSize;
  if (Array.isArray(r.sort)) {
    out.sort = (r.sort as { field?: unknown; direction?: unknown }[])
      .filter((s) => typeof s?.field === 'string' && (s.direction === 'asc' || s.direction === 'desc'))
      .map((s) => ({ field: s.field as string, direction: s.direction as 'asc' | 'desc' }))
      .slice(0, 5);
  }
  return out;
}

/** Keeps only the keys and values this version of the app understands. */
export function sanitizePreferences(raw: unknown): Partial<UiPreferences> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<UiPreferences> = {};
  if (r.language === 'en' || r.language === 'fr' || r.language === 'es' || r.language === 'pt')
    out.language = r.language;
  if (r.theme === 'light' || r.theme === 'dark' || r.theme === 'system') out.theme = r.theme;
  if (r.density === 'comfortable' || r.density === 'compact') out.density = r.density;
  if (typeof r.sidebarCollapsed === 'boolean') out.sidebarCollapsed = r.sidebarCollapsed;
  if (r.views && typeof r.views === 'object') {
    out.views = Object.fromEntries(
      Object.entries(r.views as Record<string, unknown>)
        .map(([k, v]) => [k, viewPreferences(v)] as const)
        .filter((e): e is [string, ViewPreferences] => !!e[1]),
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
