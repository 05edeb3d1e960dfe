import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ServerOptions, Side } from './server.ts';

export interface Server {
  side: Side;
  port: number;
  child: ChildProcess;
}

/** Stops a server started by `startServer`: SIGTERM, then SIGKILL after 5 s. */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Forks `server.ts` and resolves with its port once it listens. `onCleanup` receives the step
 * that stops it, so it stops whatever happens to the bench.
 */
export function startServer(opts: ServerOptions, onCleanup: (stop: () => Promise<void>) => void): Promise<Server> {
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [JSON.stringify(opts)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup(() => stopServer(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.side} server did not start within 60 s`)), 60_000);
    child.once('message', (m: { type: string; port: number }) => {
      clearTimeout(timer);
      resolve({ side: opts.side, port: m.port, child });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.side} server exited with code ${code} before it was ready`));
    });
  });
}
