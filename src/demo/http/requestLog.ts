/**
 * What the demo server was asked, for tests and benchmarks that measure a client from the server's side (how
 * many lists, how many requests a second while throttled). The last `capacity` requests are kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface LoggedRequest {
  /** When it arrived, epoch ms. */
  at: number;
  method: string;
  /** The path, without the query. */
  path: string;
  query: URLSearchParams;
  watch: boolean;
  user: string;
  /** The HTTP status it was answered with; 0 until the answer has gone out (or the connection was cut). */
  status: number;
  /** The Retry-After the answer carried, in seconds. */
  retryAfter?: number;
}

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 10_000) {}

  /** Notes a request; its status is filled in when the answer has been sent. */
  record(req: IncomingMessage, res: ServerResponse, url: URL, user: string): void {
    const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    const entry: LoggedRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: new URLSearchParams(url.searchParams),
      watch,
      user,
      status: 0,
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    res.once('finish', () => {
      entry.status = res.statusCode;
      const after = res.getHeader('retry-after');
      if (after !== undefined) entry.retryAfter = Number(after);
    });
  }

  /** The requests logged since `since` (epoch ms), oldest first. */
  since(since = 0): LoggedRequest[] {
    return this.entries.filter((e) => e.at >= since);
  }

  /** Forgets everything logged so far. */
  clear(): void {
    this.entries.length = 0;
  }
}
