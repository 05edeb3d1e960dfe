import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import type { AddressPolicy } from './address-policy.ts';

export type OutboundErrorCode =
  | 'address_refused'
  | 'url_scheme'
  | 'url_invalid'
  | 'too_many_redirects'
  | 'response_too_large'
  | 'timeout'
  | 'network';

const RETRYABLE: ReadonlySet<OutboundErrorCode> = new Set(['timeout', 'network']);

/**
 * An outbound request that did not get a response. Not an API error: the caller decides whether
 * it fails a request, is retried or is only logged. Messages name the host only, never the URL:
 * webhook URLs (Slack's, Teams') carry their secret in the path or the query.
 */
export class OutboundError extends Error {
  /** True when the same request later may succeed (timeouts, network trouble). */
  readonly retryable: boolean;

  constructor(
    readonly code: OutboundErrorCode,
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
    this.retryable = RETRYABLE.has(code);
  }
}

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  /** Held in memory, so that a 307/308 redirect can send it again. */
  body?: string | Uint8Array;
}

export interface SafeFetchOptions {
  policy: AddressPolicy;
  /** The whole exchange, redirects and body included. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Where the last redirect led. */
  url: string;
}

interface Hop {
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Describe the body just dropped by a redirect that turns into a GET (fetch standard, HTTP-redirect fetch).
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
// Credentials meant for one origin must not follow a redirect to another.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * An HTTP(S) request that connects only to addresses `policy` allows: literal IP hosts are checked
 * before connecting, names when they resolve (the connection uses the address that was checked,
 * so a name that resolves differently the second time — DNS rebinding — gains nothing), and every
 * redirect hop again. Fails with an `OutboundError`.
 */
export async function safeFetch(url: string, init: SafeFetchInit, opts: SafeFetchOptions): Promise<SafeResponse> {
  const { policy, timeoutMs = 10_000, maxResponseBytes = 1024 * 1024, maxRedirects = 5 } = opts;
  let target = checkedUrl(url, undefined, policy);
  const agent = new Agent({ connect: { lookup: vettedLookup(policy) } });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let hop: Hop = { method: (init.method ?? 'GET').toUpperCase(), headers: lowerCased(init.headers), body: init.body };
  try {
    for (let redirects = 0; ; redirects++) {
      const res = await fetch(target, { ...hop, redirect: 'manual', dispatcher: agent, signal: controller.signal });
      const location = REDIRECTS.has(res.status) ? res.headers.get('location') : null;
      if (location === null) return await answer(res, target, maxResponseBytes);
      await res.body?.cancel();
      if (redirects === maxRedirects) {
        throw new OutboundError(
          'too_many_redirects',
          target.hostname,
          `${target.hostname} redirected more than ${maxRedirects} times`,
        );
      }
      const next = checkedUrl(location, target, policy);
      hop = redirected(hop, res.status, target.origin === next.origin);
      target = next;
    }
  } catch (e) {
    throw explain(e, target.hostname, controller.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
    await agent.destroy();
  }
}

/** `text` (relative to `base` for a redirect) as a URL this module will call, or why not. */
function checkedUrl(text: string, base: URL | undefined, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    const from = base ? `${base.hostname} redirected to` : 'The request has';
    throw new OutboundError('url_invalid', base?.hostname ?? '', `${from} an address that is not a valid URL`);
  }
  const host = url.hostname;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('url_scheme', host, `Only http and https addresses can be called, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new OutboundError('url_invalid', host, `The address of ${host} holds credentials; send them in a header`);
  }
  // net.connect skips the lookup for a literal IP, so the vetted lookup never sees it: check here.
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) && !policy.allows(literal)) throw refused(host, literal, policy);
  return url;
}

function refused(host: string, address: string, policy: AddressPolicy): OutboundError {
  return new OutboundError('address_refused', host, `Refused to connect to ${host}: ${policy.why(address)}`);
}

/** A DNS lookup that fails when any address the name resolves to is refused. */
function vettedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = addresses.find((a) => !policy.allows(a.address));
      if (bad) return callback(refused(hostname, bad.address, policy), '');
      const [first] = addresses;
      if (options.all || !first) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/** The next hop's request, as the fetch standard rewrites it after a redirect. */
function redirected(hop: Hop, status: number, sameOrigin: boolean): Hop {
  const headers = { ...hop.headers };
  const toGet =
    (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  if (toGet) BODY_HEADERS.forEach((name) => delete headers[name]);
  if (!sameOrigin) CREDENTIAL_HEADERS.forEach((name) => delete headers[name]);
  return toGet ? { method: 'GET', headers, body: undefined } : { ...hop, headers };
}

async function answer(res: Response, url: URL, maxBytes: number): Promise<SafeResponse> {
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: await readCapped(res, maxBytes, url.hostname),
    url: url.href,
  };
}

/** The body, stopping as soon as it passes `maxBytes` (counted after decompression). */
async function readCapped(res: Response, maxBytes: number, host: string): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new OutboundError('response_too_large', host, `${host} answered with more than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Any failure as an OutboundError; undici wraps ours (from the lookup) in a "fetch failed" TypeError. */
function explain(e: unknown, host: string, aborted: boolean, timeoutMs: number): OutboundError {
  const chain = [...causes(e)];
  const ours = chain.find((c): c is OutboundError => c instanceof OutboundError);
  if (ours) return ours;
  if (aborted) return new OutboundError('timeout', host, `${host} did not answer within ${timeoutMs} ms`);
  const code = chain.map((c) => (c as { code?: unknown }).code).find((c) => typeof c === 'string');
  return new OutboundError('network', host, `Could not reach ${host}${code ? ` (${code})` : ''}`);
}

function* causes(e: unknown): Generator<unknown> {
  for (let c = e, depth = 0; c !== undefined && c !== null && depth < 8; depth++) {
    yield c;
    c = (c as { cause?: unknown }).cause;
  }
}

function lowerCased(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
