/**
 * Turning whatever a request to the API server failed with — an HTTP status with a `Status` body, a socket error
 * from node:https, undici's `fetch failed` wrapping one, a TLS verification code, a credential plugin's stderr —
 * into a kind the stores can act on and one line a person can read.
 */
import { STATUS_CODES } from 'node:http';
import { isObject } from './decode/read.js';
import type { StatusCause } from './decode/status.js';

/** An answer other than 2xx, with what the server's `Status` body said. */
export class KubeHttpError extends Error {
  constructor(
    readonly status: number,
    /** `Status.message`, or the HTTP reason phrase when the body was not a Status. */
    readonly statusMessage: string,
    readonly reason?: string,
    /** The Status's `details.causes` (a 422's invalid fields, a 409's conflicts), one per line when shown. */
    readonly causes: readonly StatusCause[] = [],
  ) {
    super(`${status} ${statusMessage}`);
    this.name = 'KubeHttpError';
  }
}

/** A request that got no answer in time. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * The kubeconfig names an `http://` server for a cluster that does not say `insecure-skip-tls-verify: true`:
 * refused before any request (client-node's rule, which podscope keeps: credentials never go out unencrypted to a
 * cluster the kubeconfig expects TLS from).
 */
export class PlainHttpError extends Error {
  constructor(readonly server: string) {
    super(`plain http:// to ${server} without insecure-skip-tls-verify`);
    this.name = 'PlainHttpError';
  }
}

/** The kubeconfig's credentials could not be applied: a credential plugin failed, or a file it names is missing. */
export class CredentialsError extends Error {
  constructor(
    message: string,
    /** The exec plugin's command, when the user has one. */
    readonly plugin?: string,
  ) {
    super(message);
    this.name = 'CredentialsError';
  }
}

export type FailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'gone'
  | 'bad-request'
  | 'http'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'credentials'
  | 'other';

/** What went wrong, in a form to branch on and a line to show. */
export interface Failure {
  kind: FailureKind;
  /** One line, no trailing period, fit for a status bar or stderr. */
  message: string;
  status?: number;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
};

const TIMEOUTS = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/** Node's TLS verification codes (and OpenSSL's) that mean "this is not the server the kubeconfig trusts". */
function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'EPROTO'
  );
}

/** One line: newlines and runs of spaces folded, long messages cut. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface Coded {
  code?: unknown;
  errno?: unknown;
  hostname?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
  statusCode?: unknown;
}

/** An error's fields, when it is an object at all (Node's errors, undici's, client-node's, a thrown literal). */
function coded(err: unknown): Coded | undefined {
  return isObject(err) ? err : undefined;
}

/** An error's message, or the thrown value as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A Node system error's code (`ENOENT`, `EADDRINUSE`), or '' when it has none. */
export function errnoCode(err: unknown): string {
  const code = coded(err)?.code;
  return typeof code === 'string' ? code : '';
}

/** Errors wrap errors (undici's `fetch failed` holds the socket error in `cause`): the innermost with a code counts. */
function innermost(err: unknown): Coded | undefined {
  let e: unknown = err;
  let found: Coded | undefined;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const c = e as Coded;
    if (typeof c.code === 'string') found = c;
    e = c.cause;
  }
  return found;
}

function httpFailure(status: number, message: string, server: string, action: string | undefined): Failure {
  // client-node's Watch only passes the reason phrase ("Forbidden"), which says less than the fallbacks below.
  const said = message === STATUS_CODES[status] ? '' : oneLine(message);
  if (status === 401) {
    return {
      kind: 'unauthorized',
      status,
      message: `the server at ${server} refused the credentials (401 Unauthorized)`,
    };
  }
  if (status === 403) {
    // The API server's own words name the user, the verb and the resource: "pods is forbidden: User "x" cannot
    // list resource "pods" in API group "" in the namespace "y"".
    const fallback = action ? `forbidden: not allowed to ${action}` : 'forbidden (403)';
    const worded = !said ? fallback : /forbidden/i.test(said) ? said : `forbidden: ${said}`;
    // With anonymous auth on (the default), credentials the server doesn't recognise — basic auth on 1.19+, a
    // user with no credentials — are not a 401 but system:anonymous, forbidden nearly everything: say why.
    const message = /User "system:anonymous"/.test(worded)
      ? `${worded} (the server accepted none of the kubeconfig's credentials: you are system:anonymous)`
      : worded;
    return { kind: 'forbidden', status, message };
  }
  if (status === 410) return { kind: 'gone', status, message: said || '410 Gone' };
  if (status === 400)
    return { kind: 'bad-request', status, message: `the server rejected the request: ${said}` };
  return { kind: 'http', status, message: `the server answered ${status}${said ? `: ${said}` : ''}` };
}

/**
 * Classifies a failed request and words it in one line.
 * @param err what the request threw or what a watch ended with
 * @param server the API server URL, named in network and TLS messages
 * @param action what was being done, e.g. `list pods in namespace "default"`, for a 403 the server didn't word
 */
export function describeFailure(err: unknown, server: string, action?: string): Failure {
  if (err instanceof KubeHttpError && err.status === 429) {
    // API priority and fairness turned the request away (its body is plain text, so there are no words of the
    // server's to show); RetryLaterError (retryAfter.ts) carries the wait it asked for.
    const after = 'retryAfterSeconds' in err ? err.retryAfterSeconds : undefined;
    const wait = typeof after === 'number' ? `, try again in ${after}s` : '';
    return {
      kind: 'http',
      status: 429,
      message: `throttled by the API server (429 Too Many Requests)${wait}`,
    };
  }
  if (err instanceof KubeHttpError) return httpFailure(err.status, err.statusMessage, server, action);
  if (err instanceof RequestTimeoutError) {
    return {
      kind: 'timeout',
      message: `the Kubernetes API server at ${server} did not answer within ${Math.round(err.timeoutMs / 1000)} s`,
    };
  }
  if (err instanceof PlainHttpError) {
    return {
      kind: 'tls',
      message: `the kubeconfig gives the server as ${err.server}, plain HTTP without TLS: podscope uses that only for a cluster marked insecure-skip-tls-verify: true (use the https:// address, or set that in the kubeconfig)`,
    };
  }
  if (err instanceof CredentialsError) {
    if (err.plugin && /\bENOENT\b/.test(err.message)) {
      return {
        kind: 'credentials',
        message: `credential plugin "${err.plugin}" not found (is it installed and on PATH?)`,
      };
    }
    const what = err.plugin ? `credential plugin "${err.plugin}" failed` : 'cannot load the credentials';
    return { kind: 'credentials', message: oneLine(`${what}: ${lastLine(err.message)}`) };
  }
  // client-node's Watch reports a non-200 answer as an Error carrying statusCode.
  const statusCode = coded(err)?.statusCode;
  if (typeof statusCode === 'number') {
    return httpFailure(statusCode, String(coded(err)?.message ?? ''), server, action);
  }
  const inner = innermost(err);
  const code = typeof inner?.code === 'string' ? inner.code : undefined;
  const reach = `cannot reach the Kubernetes API server at ${server}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = typeof inner?.hostname === 'string' ? inner.hostname : new URL(server).hostname;
    return { kind: 'unreachable', message: `${reach}: no such host "${host}"` };
  }
  if (code && UNREACHABLE[code]) return { kind: 'unreachable', message: `${reach}: ${UNREACHABLE[code]}` };
  if (code && TIMEOUTS.has(code)) return { kind: 'timeout', message: `${reach}: connection timed out` };
  if (code && isTlsCode(code)) {
    const why = oneLine(withoutNodeHint(String(inner?.message ?? code)));
    return {
      kind: 'tls',
      message: `TLS with ${server} failed: ${why} (check the cluster's certificate-authority in the kubeconfig)`,
    };
  }
  const name = coded(err)?.name;
  if (name === 'TimeoutError') return { kind: 'timeout', message: `${reach}: timed out` };
  const message = errorMessage(err);
  // undici says "terminated" when a streaming response is cut off.
  if (message === 'terminated') return { kind: 'unreachable', message: `${reach}: connection closed` };
  return { kind: 'other', message: oneLine(message) || 'unknown error' };
}

/**
 * Node 23+ ends some verification failures with advice for Node's own command line ("; if the root CA is installed
 * locally, try running Node.js with --use-system-ca"), which a podscope user cannot act on: podscope trusts the
 * certificate-authority the kubeconfig names, as kubectl does.
 */
function withoutNodeHint(message: string): string {
  return message.replace(
    /;?\s*if the root CA is installed locally, try running Node\.js with\s+--use-system-ca\.?/i,
    '',
  );
}

/** A plugin's stderr often ends with the useful line after a usage dump or a stack. */
function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? 'no message';
}
