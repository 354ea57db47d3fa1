/** What a demo app knows about the connection it serves and the pod it runs in. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One served request, as an access log would record it. */
export interface AppRequestEntry {
  /** When the response finished (or the connection was dropped). */
  time: Date;
  clientIP: string;
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  /** `1.1` or `1.0`. */
  httpVersion: string;
  status: number;
  /** Body bytes sent, as nginx's `$body_bytes_sent`. */
  bytes: number;
  userAgent?: string;
  referer?: string;
}

/** The pod and peer a connection to a demo app belongs to. */
export interface AppContext {
  namespace: string;
  podName: string;
  podIP: string;
  /** The hostname inside the container (what `os.hostname()` returns there): the pod name, or spec.hostname. */
  hostname: string;
  containerName: string;
  /**
   * The peer address the app sees. Port-forward connections come from `127.0.0.1`, because the runtime dials
   * localhost inside the pod's network namespace; a pod-to-pod request comes from the other pod's IP.
   */
  clientIP: string;
  /** The port the app listens on; defaults to the app's usual port. */
  port?: number;
  /** Called once per request when its response has finished, for access logs. */
  onRequest?: (entry: AppRequestEntry) => void;
}

/** A demo app's request handler: a `node:http` handler that also gets the connection's context. */
export type AppHandler = (req: IncomingMessage, res: ServerResponse, ctx: AppContext) => void;
