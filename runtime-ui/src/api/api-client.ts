import { ApiError } from './api-error.ts';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Answer a 401 as an error to the caller only: no refresh, no sign-out (the sign-in pages). */
  anonymous?: boolean;
  /** Read a success as a file (`Download`) instead of JSON; errors are still the engine's. */
  as?: 'blob';
}

/** A file the engine sent: its content and the name its `content-disposition` gives. */
export interface Download {
  blob: Blob;
  filename: string | null;
}

export interface ApiClientOptions {
  /** The engine's origin; empty for the app's own (the engine serves the app). */
  baseUrl?: string;
  /** The user's language, sent as `Accept-Language` so the engine answers labels in it. */
  language: () => string;
  /** Called once the session is over (a 401 that a refresh could not cure). */
  onSignedOut: () => void;
}

const CSRF_COOKIE = 'opsflux_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of this browser session: the cookie the engine set, readable by the page. */
function csrfFromCookie(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return found ? decodeURIComponent(found.slice(CSRF_COOKIE.length + 1)) : undefined;
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/**
 * The one way the app talks to the engine: same-origin cookies, the CSRF header on changes, the
 * user's language, errors as {@link ApiError}, and an expired access token refreshed once
 * (concurrent calls share the refresh) before the call is tried again.
 */
export class ApiClient {
  #options: ApiClientOptions;
  #csrf: string | undefined;
  #refreshing: Promise<boolean> | undefined;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  /** Remembers the CSRF token a sign-in answered, for browsers that hide the cookie from scripts. */
  rememberCsrf(token: string | undefined): void {
    this.#csrf = token;
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body: unknown = {}, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = void>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    try {
      return await this.#send<T>(method, path, options);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401 || options.anonymous) throw e;
      if (e.code === 'token_expired' && (await this.#refresh())) return this.#send<T>(method, path, options);
      this.#options.onSignedOut();
      throw e;
    }
  }

  async #send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.#options.language(),
    };
    const csrf = csrfFromCookie() ?? this.#csrf;
    if (!SAFE.has(method) && csrf) headers[CSRF_HEADER] = csrf;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.#options.baseUrl ?? ''}${withQuery(path, options.query)}`, {
        method,
        credentials: 'same-origin',
        headers,
        signal: options.signal,
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, 'network_error', 'The engine cannot be reached');
    }
    if (res.status === 204) return undefined as T;
    if (options.as === 'blob' && res.ok) {
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
      return { blob: await res.blob(), filename: name } as T;
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw ApiError.fromBody(res.status, body);
    return body as T;
  }

  #refresh(): Promise<boolean> {
    this.#refreshing ??= this.#send<{ data?: { csrfToken?: string } }>('POST', '/api/v1/auth/refresh', {
      body: { client: 'browser' },
    })
      .then((r) => {
        this.rememberCsrf(r.data?.csrfToken);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }
}
