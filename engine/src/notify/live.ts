import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { Server as IoServer, type Socket } from 'socket.io';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { presentedBy, presentedToken, resolveCredentials, unauthenticated } from '../auth/authenticate.ts';
import { isOpsError, OpsError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { endedAmong, room, unreadCounts } from './notify-store.ts';

export const SOCKET_PATH = '/socket.io';

export interface LiveOptions {
  auth: AuthDeps;
  log: Logger;
  /** The apps' origin: browsers' sockets must come from it (or from the server's own origin). */
  publicUrl: string;
  /** With Redis, pushes reach the sockets of every engine process, whoever emits them. */
  redisUrl: string | undefined;
  /** Redis channel prefix, shared by the emitters and adapters of one installation. */
  redisKey: string;
  /** How often a socket server checks that its sockets' sessions are still valid. */
  recheckMs: number;
}

interface SocketData {
  userId: string;
  sessionId?: string;
  apiKeyId?: string;
}

/** Where pushes go: this process's socket server, or Redis for the servers of other processes. */
interface Target {
  emit(event: string, data: unknown): unknown;
  to(rooms: string | string[]): { emit(event: string, data: unknown): unknown };
  in(rooms: string | string[]): { disconnectSockets(close?: boolean): unknown };
}

/**
 * A browser sends Origin with every WebSocket and cross-origin request: it must be the apps'
 * origin (PUBLIC_URL) or the server's own. Clients that are not browsers send none.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (origin === undefined) return true;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.origin === new URL(publicUrl).origin) return true;
  return host !== undefined && o.host === host.toLowerCase();
}

function connectError(err: unknown): Error {
  const known = isOpsError(err) ? err : new OpsError(500, 'internal', 'The connection could not be authenticated');
  return Object.assign(new Error(known.message), { data: { code: known.code } });
}

/**
 * Live notifications over socket.io: authenticated sockets, one room per user, `notification`
 * and `unread` events. Any process can push (a worker has no sockets): through its own server
 * when it has one, whose Redis adapter reaches the others, else through a Redis emitter.
 */
export class Live {
  #io: IoServer | undefined;
  #emitter: Emitter | undefined;
  readonly #redis: Redis[] = [];
  #sweep: NodeJS.Timeout | undefined;

  constructor(private readonly opts: LiveOptions) {}

  get io(): IoServer | undefined {
    return this.#io;
  }

  #client(): Redis {
    const client = new Redis(this.opts.redisUrl!, { maxRetriesPerRequest: 1 });
    client.on('error', (err: Error) => this.opts.log.warn({ err: err.message }, 'redis unavailable for live pushes'));
    this.#redis.push(client);
    return client;
  }

  /** Serves sockets on `server` at /socket.io. */
  attach(server: HttpServer): void {
    if (this.#io) throw new Error('The socket server is already attached');
    const publicOrigin = new URL(this.opts.publicUrl).origin;
    const io = new IoServer(server, {
      path: SOCKET_PATH,
      serveClient: false,
      cors: { origin: publicOrigin, credentials: true },
      allowRequest: (req: IncomingMessage, done) => {
        done(null, originAllowed(req.headers.origin, req.headers.host, this.opts.publicUrl));
      },
    });
    if (this.opts.redisUrl) {
      const pub = this.#client();
      io.adapter(createAdapter(pub, this.#client(), { key: this.opts.redisKey }));
    }
    io.use((socket, next) => {
      this.#authenticate(socket).then(
        () => next(),
        (err: unknown) => next(connectError(err)),
      );
    });
    io.on('connection', (socket) => void this.#connected(socket));
    this.#io = io;
    this.#sweep = setInterval(() => {
      this.sweep().catch((err: unknown) => this.opts.log.warn({ err }, 'socket session check failed'));
    }, this.opts.recheckMs).unref();
  }

  async #authenticate(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    const cred = typeof token === 'string' && token ? presentedToken(token) : presentedBy(socket.request.headers);
    if (!cred) throw unauthenticated();
    const r = await resolveCredentials(this.opts.auth, cred, {
      method: 'GET',
      csrfToken: undefined,
      ip: socket.handshake.address || null,
    });
    if (r.pending) throw new OpsError(403, r.pending, 'The session must finish signing in first');
    if (!r.principal.userId) throw unauthenticated();
    const data: SocketData = {
      userId: r.principal.userId,
      ...(r.principal.sessionId && { sessionId: r.principal.sessionId }),
      ...(r.principal.apiKeyId && { apiKeyId: r.principal.apiKeyId }),
    };
    socket.data = data;
  }

  async #connected(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    const rooms = [room.user(data.userId)];
    if (data.sessionId) rooms.push(room.session(data.sessionId));
    if (data.apiKeyId) rooms.push(room.apiKey(data.apiKeyId));
    await socket.join(rooms);
    try {
      const counts = await unreadCounts(this.opts.auth.db, [data.userId], this.opts.auth.now());
      socket.emit('unread', { count: counts.get(data.userId) ?? 0 });
    } catch (err) {
      this.opts.log.warn({ err }, 'unread count for a new socket failed');
    }
  }

  #target(): Target | undefined {
    if (this.#io) return this.#io;
    if (!this.opts.redisUrl) return undefined;
    if (!this.#emitter) {
      const client = this.#client();
      // The emitter ignores what publish returns: a failure is logged, not left unhandled.
      const publisher = {
        publish: (channel: string, message: string | Buffer) =>
          client.publish(channel, message).catch((err: Error) => {
            this.opts.log.warn({ err: err.message }, 'live push lost: Redis unavailable');
          }),
      };
      this.#emitter = new Emitter(publisher, { key: this.opts.redisKey });
    }
    return this.#emitter;
  }

  /** Whether pushes from this process reach anyone: false in a worker without Redis. */
  get canPush(): boolean {
    return this.#io !== undefined || this.opts.redisUrl !== undefined;
  }

  emit(userId: string, event: 'notification' | 'unread', data: unknown): void {
    this.#target()?.to(room.user(userId)).emit(event, data);
  }

  /** To every connected client, whoever they are (`meta:changed` after a bundle changed). */
  broadcast(event: 'meta:changed', data: unknown): void {
    this.#target()?.emit(event, data);
  }

  disconnect(rooms: string[]): void {
    if (!rooms.length) return;
    // The Redis adapter disconnects only when its own message comes back: this process's sockets
    // go at once, before anything is emitted after this.
    this.#io?.local.in(rooms).disconnectSockets(true);
    this.#target()?.in(rooms).disconnectSockets(true);
  }

  /** Disconnects this process's sockets whose session or API key can no longer be used. */
  async sweep(): Promise<number> {
    const sockets = [...(this.#io?.of('/').sockets.values() ?? [])];
    if (!sockets.length) return 0;
    const data = sockets.map((s) => s.data as SocketData);
    const ended = new Set(
      await endedAmong(
        this.opts.auth.db,
        {
          sessions: [...new Set(data.flatMap((d) => (d.sessionId ? [d.sessionId] : [])))],
          apiKeys: [...new Set(data.flatMap((d) => (d.apiKeyId ? [d.apiKeyId] : [])))],
        },
        this.opts.auth.now(),
        this.opts.auth.config.auth.sessionIdleSeconds,
      ),
    );
    let n = 0;
    for (const s of sockets) {
      const d = s.data as SocketData;
      if ((d.sessionId && ended.has(room.session(d.sessionId))) || (d.apiKeyId && ended.has(room.apiKey(d.apiKeyId)))) {
        s.disconnect(true);
        n++;
      }
    }
    return n;
  }

  /** Closes every socket (for a server about to stop); the HTTP server is the caller's to close. */
  disconnectAll(): void {
    this.#io?.disconnectSockets(true);
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
    if (this.#io) {
      // Not io.close(): it would also close the HTTP server, which is its owner's to close.
      this.#io.disconnectSockets(true);
      await this.#io.of('/').adapter.close();
      this.#io.engine.close();
      this.#io = undefined;
    }
    await Promise.all(this.#redis.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  }
}
