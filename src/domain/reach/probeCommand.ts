/**
 * The commands the reach probe runs in its client pod, and what their output means. HTTP: curl with a connect
 * timeout and a total timeout, the response headers and body on stdout (`-i`), and one line of its own on stderr
 * (`-w '%{stderr}…'`, curl 7.63+) giving the status code and the time curl measured, so the body's first bytes can
 * be cut by the capture without losing the numbers. TCP: busybox `nc -zv -w N` (curlimages/curl is Alpine, whose
 * busybox has nc with -z), which connects and closes; its exit code says open or not, its stderr why.
 *
 * curl's exit codes are from curl's libcurl-errors (CURLE_*): 6 could not resolve, 7 could not connect (refused,
 * or no route), 28 timed out, 52 empty reply, 56 receive failure (reset), 1 and 8 an answer that is not HTTP.
 */
import type { ProbeKind } from './reachPorts.js';

/** Seconds curl and nc wait for the TCP connection. */
export const CONNECT_TIMEOUT_S = 3;
/** Seconds curl waits for the whole answer. */
export const HTTP_TIMEOUT_S = 5;
/** Body bytes kept per port (the capture drops the rest, counting it). */
export const BODY_BYTES = 512;

const MARK = 'podscope-reach';

/** `10.244.1.5`, or `[fd00::5]` for an IPv6 pod IP (a URL needs the brackets). */
function urlHost(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}

/**
 * The argv run in the client pod to check `ip:port` the `kind` way.
 * @param ip the target pod's IP
 * @param port the port
 * @param kind http (curl) or tcp (nc -z)
 */
export function probeCommand(ip: string, port: number, kind: ProbeKind): string[] {
  if (kind === 'tcp') return ['nc', '-zv', '-w', String(CONNECT_TIMEOUT_S), ip, String(port)];
  return [
    'curl',
    '-sS',
    '-i',
    '--connect-timeout',
    String(CONNECT_TIMEOUT_S),
    '--max-time',
    String(HTTP_TIMEOUT_S),
    '-w',
    `%{stderr}${MARK} %{http_code} %{time_total}\\n`,
    `http://${urlHost(ip)}:${port}/`,
  ];
}

/** What checking one port found. */
export type ProbeOutcome =
  /** An HTTP answer: its status line and the first lines of its body. */
  | { readonly kind: 'answered'; readonly statusLine: string; readonly body: readonly string[] }
  /** The TCP connection was accepted (nc -z). */
  | { readonly kind: 'open' }
  /** Nothing listens there (RST), or no route to it. */
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string }
  /** Connected, but the answer was not HTTP, or the connection broke. */
  | { readonly kind: 'notHttp'; readonly detail: string }
  /** The check itself could not run (no curl in the image, exec refused…). */
  | { readonly kind: 'error'; readonly detail: string };

/** What the capture of one probe command gave (execCapture's result, as plain data). */
export type ProbeRun =
  | { readonly kind: 'exit'; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** One port's outcome, with the time it took (curl's own measure for HTTP, else the exec's round trip). */
export interface ProbeResult {
  readonly outcome: ProbeOutcome;
  readonly ms: number;
}

/** The first line of curl's or nc's complaint, without the `curl: (7) ` prefix. */
function complaint(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith(MARK));
  return (line ?? '').replace(/^curl: \(\d+\) /, '').replace(/^nc: /, '');
}

/** The status line and the first body lines of `curl -i`'s output (the last response, after any 100 Continue). */
function answer(stdout: string): { statusLine: string; body: string[] } {
  const text = stdout.replace(/\r/g, '');
  let rest = text;
  let head = '';
  for (;;) {
    const cut = rest.indexOf('\n\n');
    head = cut < 0 ? rest : rest.slice(0, cut);
    rest = cut < 0 ? '' : rest.slice(cut + 2);
    if (!/^HTTP\/\S+ 1\d\d/.test(head) || rest === '') break;
  }
  const statusLine = (head.split('\n')[0] ?? '').trim();
  const body = rest
    .slice(0, BODY_BYTES)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 4);
  return { statusLine, body };
}

/**
 * What a probe's run means, and how long it took.
 * @param kind how the port was checked
 * @param run what the command did
 * @param roundTripMs the exec's own duration, for the checks that don't time themselves (nc)
 */
export function readProbe(kind: ProbeKind, run: ProbeRun, roundTripMs: number): ProbeResult {
  const ms = Math.round(roundTripMs);
  if (run.kind === 'missing')
    return {
      outcome: { kind: 'error', detail: `the client image has no ${kind === 'http' ? 'curl' : 'nc'}` },
      ms,
    };
  if (run.kind === 'failed') return { outcome: { kind: 'error', detail: run.reason }, ms };
  if (kind === 'tcp') {
    if (run.code === 0) return { outcome: { kind: 'open' }, ms };
    const why = complaint(run.stderr);
    if (/refused|no route|unreachable/i.test(why)) return { outcome: { kind: 'refused', detail: why }, ms };
    if (/timed? ?out/i.test(why)) return { outcome: { kind: 'timeout', detail: why }, ms };
    return { outcome: { kind: 'error', detail: why || `nc exited with ${run.code}` }, ms };
  }
  const mark = new RegExp(`^${MARK} (\\d{3}) ([\\d.]+)$`, 'm').exec(run.stderr);
  const curlMs = mark ? Math.round(Number(mark[2]) * 1000) : ms;
  const why = complaint(run.stderr);
  switch (run.code) {
    case 0:
      return { outcome: { kind: 'answered', ...answer(run.stdout) }, ms: curlMs };
    case 7:
      return { outcome: { kind: 'refused', detail: why }, ms: curlMs };
    case 28:
      return { outcome: { kind: 'timeout', detail: why }, ms: curlMs };
    case 1:
    case 8:
    case 52:
    case 56:
      return { outcome: { kind: 'notHttp', detail: why || `curl exited with ${run.code}` }, ms: curlMs };
    default:
      return { outcome: { kind: 'error', detail: why || `curl exited with ${run.code}` }, ms: curlMs };
  }
}

/** The one word a result line starts with after the port: what a user scans the column for. */
export function outcomeWord(o: ProbeOutcome): string {
  switch (o.kind) {
    case 'answered':
      return o.statusLine || 'answered';
    case 'open':
      return 'open (TCP connect)';
    case 'refused':
      return 'refused';
    case 'timeout':
      return 'timed out';
    case 'notHttp':
      return 'connected, not HTTP';
    case 'error':
      return 'not checked';
  }
}
