/**
 * A watch as a client sees it: the HTTP status, then each newline-delimited JSON event as it arrives, until the
 * server ends the stream or the caller stops it. Nothing is interpreted: an ERROR event is an event like another.
 */
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ApiTarget } from '../api.js';

export interface WatchEvent {
  type: string;
  object: Record<string, unknown>;
}

export interface OpenWatch {
  /** The HTTP status of the answer. */
  status: number;
  /** The body when the answer is not a stream (a Status for a 4xx). */
  errorBody: unknown;
  events: WatchEvent[];
  /** Resolves when the server has ended the stream. */
  ended: Promise<void>;
  /** Waits until `ok(events)` holds, or the stream ends, or `timeoutMs` passes; true when it held. */
  until(ok: (events: readonly WatchEvent[]) => boolean, timeoutMs: number): Promise<boolean>;
  stop(): void;
}

export function openWatch(t: ApiTarget, path: string, accept = 'application/json'): Promise<OpenWatch> {
  const url = new URL(path, t.server);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, {
      method: 'GET',
      ca: t.caCert,
      headers: { Authorization: `Bearer ${t.token}`, Accept: accept },
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const events: WatchEvent[] = [];
      const waiters = new Set<() => void>();
      const wake = (): void => {
        for (const w of [...waiters]) w();
      };
      let done = false;
      let pending = '';
      let raw = '';
      const ended = new Promise<void>((resolveEnd) => {
        const finish = (): void => {
          done = true;
          wake();
          resolveEnd();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      });
      const status = res.statusCode ?? 0;
      const w: OpenWatch = {
        status,
        errorBody: undefined,
        events,
        ended,
        until: (ok, timeoutMs) =>
          new Promise((resolveUntil) => {
            const check = (): void => {
              if (ok(events)) return settle(true);
              if (done) return settle(false);
            };
            const timer = setTimeout(() => settle(false), timeoutMs);
            const settle = (v: boolean): void => {
              clearTimeout(timer);
              waiters.delete(check);
              resolveUntil(v);
            };
            waiters.add(check);
            check();
          }),
        stop: () => {
          req.destroy();
          res.destroy();
        },
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (status !== 200) {
          raw += chunk;
          return;
        }
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl).trim();
          pending = pending.slice(nl + 1);
          if (line) events.push(JSON.parse(line) as WatchEvent);
        }
        wake();
      });
      if (status !== 200) {
        void ended.then(() => {
          try {
            w.errorBody = JSON.parse(raw);
          } catch {
            w.errorBody = raw;
          }
        });
      }
      resolve(w);
    });
    req.end();
  });
}
