import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { shareLiveSocket, watchLiveSocket } from './live-socket.ts';

// Real (unconnected) socket.io clients: a watcher runs on the shared socket whenever one is
// shared, stops when it goes, and never runs twice on the same socket.
const socket = () => io('http://127.0.0.1:9', { autoConnect: false });

describe('the shared live socket', () => {
  it('runs watchers on the socket shared, before or after they start watching', () => {
    const seen: string[] = [];
    const a = socket();
    const stopEarly = watchLiveSocket((s) => {
      seen.push(`early on ${s === a ? 'a' : '?'}`);
      return () => seen.push('early stopped');
    });
    expect(seen).toEqual([]);
    shareLiveSocket(a);
    const stopLate = watchLiveSocket(() => void seen.push('late'));
    expect(seen).toEqual(['early on a', 'late']);

    const b = socket();
    shareLiveSocket(b);
    expect(seen).toEqual(['early on a', 'late', 'early stopped', 'early on ?', 'late']);
    stopEarly();
    expect(seen.at(-1)).toBe('early stopped');
    shareLiveSocket(undefined);
    shareLiveSocket(a);
    expect(seen.filter((s) => s === 'early on a')).toHaveLength(1);
    expect(seen.at(-1)).toBe('late');
    stopLate();
    shareLiveSocket(undefined);
  });

  it('lets a watcher listen to events and stop listening', () => {
    const s = socket();
    const heard: unknown[] = [];
    const stop = watchLiveSocket((sock) => {
      const on = (m: unknown) => heard.push(m);
      sock.on('meta:changed', on);
      return () => sock.off('meta:changed', on);
    });
    shareLiveSocket(s);
    expect(s.hasListeners('meta:changed')).toBe(true);
    stop();
    expect(s.hasListeners('meta:changed')).toBe(false);
    shareLiveSocket(undefined);
    expect(heard).toEqual([]);
  });
});
