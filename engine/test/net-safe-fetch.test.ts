import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../src/net/address-policy.ts';
import { OutboundError, safeFetch, type SafeFetchOptions } from '../src/net/safe-fetch.ts';

// Every server here listens on 127.0.0.1 (or 127.0.0.2): these tests never reach outside the machine. Addresses
// such as 10.0.0.1 and 169.254.169.254 appear only as redirect targets the client must refuse
// before it connects anywhere.

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface TestServer {
  origin: string;
  port: number;
  seen: Seen[];
}

const servers: Server[] = [];
const SECRET_PATH = '/services/T0001/B0002/xoxb-secret-token?token=abc123secret';

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void,
  host = '127.0.0.1',
): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    });
    handler(req, res, seen);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://${host}:${port}`, port, seen };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Host names undici was about to connect to, from its diagnostics channel. */
const connectAttempts: string[] = [];
const onConnect = (message: unknown) => {
  connectAttempts.push((message as { connectParams: { hostname: string } }).connectParams.hostname);
};
beforeEach(() => {
  connectAttempts.length = 0;
  subscribe('undici:client:beforeConnect', onConnect);
});
afterEach(() => unsubscribe('undici:client:beforeConnect', onConnect));

const strict: SafeFetchOptions = { policy: createAddressPolicy([]) };
const loopback: SafeFetchOptions = { policy: createAddressPolicy(['127.0.0.1']) };

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

const ok =
  (body = 'ok') =>
  (_req: IncomingMessage, res: ServerResponse) =>
    res.end(body);
const redirectTo =
  (location: string, status = 302) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { location }).end();
  };

describe('addresses', () => {
  it('refuses 127.0.0.1 without an allow-list, before connecting, naming the host but not the URL', async () => {
    const server = await serve(ok());
    const error = await failure(safeFetch(`${server.origin}${SECRET_PATH}`, {}, strict));
    expect(error.code).toBe('address_refused');
    expect(error.host).toBe('127.0.0.1');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/127\.0\.0\.1.*loopback/);
    expect(error.message).not.toMatch(/secret|T0001|token/);
    expect(server.seen).toEqual([]);
    expect(connectAttempts).toEqual([]);
  });

  it('connects to 127.0.0.1 when the allow-list names it', async () => {
    const server = await serve((_req, res) => res.writeHead(201, { 'x-answer': '42' }).end('created'));
    const response = await safeFetch(`${server.origin}/hook`, {}, loopback);
    expect(response.status).toBe(201);
    expect(response.headers['x-answer']).toBe('42');
    expect(response.body.toString()).toBe('created');
    expect(response.url).toBe(`${server.origin}/hook`);
    expect(server.seen).toHaveLength(1);
  });

  it.each(['http://[::1]:9/', 'http://[::ffff:127.0.0.1]:9/', 'http://0.0.0.0:9/', 'http://2130706433:9/'])(
    'refuses the literal address in %s',
    async (url) => {
      expect((await failure(safeFetch(url, {}, strict))).code).toBe('address_refused');
      expect(connectAttempts).toEqual([]);
    },
  );

  it('refuses a name that resolves to loopback (localhost) at lookup, so nothing reaches the server', async () => {
    const server = await serve(ok());
    const error = await failure(safeFetch(`http://localhost:${server.port}${SECRET_PATH}`, {}, strict));
    expect(error.code).toBe('address_refused');
    expect(error.host).toBe('localhost');
    expect(error.message).toMatch(/localhost.*loopback/);
    expect(error.message).not.toMatch(/secret|token/);
    expect(server.seen).toEqual([]);
  });

  it('connects through a name whose resolved addresses are all allowed', async () => {
    const server = await serve(ok('by name'));
    const policy = createAddressPolicy(['127.0.0.1', '::1']);
    const response = await safeFetch(`http://localhost:${server.port}/`, {}, { policy });
    expect(response.body.toString()).toBe('by name');
  });

  it.each(['http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'http://10.0.0.1/admin'])(
    'refuses a redirect from an allowed server to %s without connecting there',
    async (location) => {
      const server = await serve(redirectTo(location));
      const error = await failure(safeFetch(`${server.origin}/start`, {}, loopback));
      const target = new URL(location).hostname;
      expect(error.code).toBe('address_refused');
      expect(error.host).toBe(target);
      expect(error.message).not.toContain('/latest');
      expect(server.seen).toHaveLength(1);
      expect(connectAttempts).not.toContain(target);
    },
  );

  it('refuses a redirect to a name that resolves to a refused address', async () => {
    const target = await serve(ok());
    // Only 127.0.0.2 is allowed here, and localhost resolves to 127.0.0.1 (or ::1).
    const server = await serve(redirectTo(`http://localhost:${target.port}/`), '127.0.0.2');
    const error = await failure(safeFetch(`${server.origin}/`, {}, { policy: createAddressPolicy(['127.0.0.2']) }));
    expect(error.code).toBe('address_refused');
    expect(error.host).toBe('localhost');
    expect(target.seen).toEqual([]);
  });
});

describe('URLs', () => {
  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1/', 'data:text/plain,hi'])(
    'refuses the scheme of %s',
    async (url) => {
      expect((await failure(safeFetch(url, {}, loopback))).code).toBe('url_scheme');
    },
  );

  it('refuses a redirect to another scheme', async () => {
    const server = await serve(redirectTo('file:///etc/passwd'));
    expect((await failure(safeFetch(`${server.origin}/`, {}, loopback))).code).toBe('url_scheme');
  });

  it('refuses what is not a URL, and credentials in the URL, without echoing it', async () => {
    const invalid = await failure(safeFetch('not a url with secret', {}, loopback));
    expect(invalid.code).toBe('url_invalid');
    expect(invalid.message).not.toContain('secret');
    const credentials = await failure(safeFetch('http://user:hunter2@127.0.0.1:9/', {}, loopback));
    expect(credentials.code).toBe('url_invalid');
    expect(credentials.message).not.toContain('hunter2');
  });
});

describe('requests', () => {
  it('sends the method, headers and body given', async () => {
    const server = await serve(ok());
    const body = JSON.stringify({ text: 'Permit PTW-7 approved' });
    await safeFetch(
      `${server.origin}/hook`,
      { method: 'post', headers: { 'Content-Type': 'application/json', 'X-OpsFlux-Signature': 't=1,v1=ab' }, body },
      loopback,
    );
    expect(server.seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/hook',
        body,
        headers: expect.objectContaining({ 'content-type': 'application/json', 'x-opsflux-signature': 't=1,v1=ab' }),
      }),
    ]);
  });

  it('follows redirects, each checked, and reports the final URL', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(301, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(302, { location: `${server.origin}/c?x=1` }).end();
      else res.end(`at ${req.url}`);
    });
    const response = await safeFetch(`${server.origin}/a`, {}, loopback);
    expect(response.body.toString()).toBe('at /c?x=1');
    expect(response.url).toBe(`${server.origin}/c?x=1`);
    expect(server.seen.map((s) => s.url)).toEqual(['/a', '/b', '/c?x=1']);
  });

  it('turns a POST into a GET without body after 303, and keeps it after 307', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/see-other') res.writeHead(303, { location: '/landing' }).end();
      else if (req.url === '/temporary') res.writeHead(307, { location: '/landing' }).end();
      else res.end();
    });
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'payload' };
    await safeFetch(`${server.origin}/see-other`, init, loopback);
    await safeFetch(`${server.origin}/temporary`, init, loopback);
    const landings = server.seen.filter((s) => s.url === '/landing');
    expect(landings.map((s) => [s.method, s.body, s.headers['content-type']])).toEqual([
      ['GET', '', undefined],
      ['POST', 'payload', 'text/plain'],
    ]);
  });

  it('keeps the Authorization header on the same origin and drops it on another', async () => {
    const other = await serve(ok());
    const server = await serve((req, res) => {
      if (req.url === '/same') res.writeHead(302, { location: '/here' }).end();
      else if (req.url === '/cross') res.writeHead(302, { location: `${other.origin}/there` }).end();
      else res.end();
    });
    const init = { headers: { Authorization: 'Bearer s3cret' } };
    await safeFetch(`${server.origin}/same`, init, loopback);
    await safeFetch(`${server.origin}/cross`, init, loopback);
    expect(server.seen.find((s) => s.url === '/here')?.headers.authorization).toBe('Bearer s3cret');
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('stops after maxRedirects hops', async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { location: `/hop${Number(req.url?.slice(4) || 0) + 1}` }).end();
    });
    const error = await failure(safeFetch(`${server.origin}/hop0`, {}, { ...loopback, maxRedirects: 3 }));
    expect(error.code).toBe('too_many_redirects');
    expect(server.seen.map((s) => s.url)).toEqual(['/hop0', '/hop1', '/hop2', '/hop3']);
    const none = await failure(safeFetch(`${server.origin}/hop0`, {}, { ...loopback, maxRedirects: 0 }));
    expect(none.code).toBe('too_many_redirects');
  });

  it('follows no more than 5 redirects by default', async () => {
    const server = await serve((req, res) => {
      res.writeHead(307, { location: `/hop${Number(req.url?.slice(4) || 0) + 1}` }).end();
    });
    expect((await failure(safeFetch(`${server.origin}/hop0`, {}, loopback))).code).toBe('too_many_redirects');
    expect(server.seen).toHaveLength(6);
  });
});

describe('responses', () => {
  it('accepts a body of exactly maxResponseBytes and refuses one byte more', async () => {
    const server = await serve((req, res) => res.end('x'.repeat(req.url === '/at-cap' ? 1000 : 1001)));
    const options = { ...loopback, maxResponseBytes: 1000 };
    expect((await safeFetch(`${server.origin}/at-cap`, {}, options)).body).toHaveLength(1000);
    const error = await failure(safeFetch(`${server.origin}/over`, {}, options));
    expect(error.code).toBe('response_too_large');
    expect(error.message).toContain('1000 bytes');
  });

  it('stops reading a body that never ends', async () => {
    const server = await serve((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'y');
      let sent = 0;
      // Bounded so a broken client cannot keep this test running: 64 MiB at most.
      const pump = () => {
        while (sent < 1024 && !res.destroyed && res.write(chunk)) sent++;
        if (sent < 1024 && !res.destroyed) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    const error = await failure(safeFetch(`${server.origin}/`, {}, loopback));
    expect(error.code).toBe('response_too_large');
    expect(error.message).toContain(`${1024 * 1024} bytes`);
  });

  it('counts the body after decompression, so a small gzip bomb is still cut', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await failure(safeFetch(`${server.origin}/`, {}, loopback))).code).toBe('response_too_large');
  });

  it('gives up on a server that never answers', async () => {
    const server = await serve(() => undefined);
    const error = await failure(safeFetch(`${server.origin}${SECRET_PATH}`, {}, { ...loopback, timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).not.toMatch(/secret|token/);
    expect(server.seen).toHaveLength(1);
  });

  it('gives up on a body that stalls halfway', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'content-length': '100' }).write('partial'));
    const error = await failure(safeFetch(`${server.origin}/`, {}, { ...loopback, timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
  });

  it('reports a refused connection as a retryable network error', async () => {
    const server = await serve(ok());
    const closed = servers.pop() as Server;
    closed.closeAllConnections();
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(safeFetch(`${server.origin}${SECRET_PATH}`, {}, loopback));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/127\.0\.0\.1/);
    expect(error.message).not.toMatch(/secret|token/);
  });
});
