/**
 * describe's `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1
 * #failure=3`, `exec [cat /tmp/ready] …`, `tcp-socket :5432 …`, `grpc <pod>:9090  …`. Fields the API server
 * did not default print as 0, as kubectl prints them.
 */
import type { Container } from '../wire.js';

export type Probe = NonNullable<Container['livenessProbe']>;

/** An IntOrString port as Go's `intstr.String()` prints it. */
function portText(port: number | string | undefined | object): string {
  return port === undefined || port === null ? '' : String(port as number | string);
}

/** Go's `net.JoinHostPort`: IPv6 hosts in brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's `url.PathEscape`-like escaping of a URL path (`encodePath` mode of `shouldEscape`). */
function escapePath(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `url.URL{Scheme, Host, Path}.String()` for the three fields a probe sets. */
function urlString(scheme: string, host: string, path: string): string {
  let s = scheme ? `${scheme}:` : '';
  if (scheme || host) {
    if (host || path) s += '//';
    s += host;
  }
  const escaped = path === '*' ? '*' : escapePath(path);
  if (escaped && !escaped.startsWith('/') && host) s += '/';
  // A first segment with a colon would read as a scheme.
  if (!s && (escaped.split('/')[0] ?? '').includes(':')) s += './';
  return s + escaped;
}

/**
 * The probe in kubectl's words.
 * @param probe a container's liveness, readiness or startup probe
 */
export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s ` +
    `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = portText(g.port);
    const host = port ? joinHostPort(g.host ?? '', port) : (g.host ?? '');
    return `http-get ${urlString((g.scheme ?? '').toLowerCase(), host, g.path ?? '')} ${attrs}`;
  }
  if (probe.tcpSocket)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${portText(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}
