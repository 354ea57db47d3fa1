/**
 * Which ports of a pod the reach probe (`R`, `:reach [PORT]`) tries, and how: HTTP for ports that look like HTTP,
 * a TCP connect for the others. A container port has no field that says "this port speaks HTTP" (`appProtocol`
 * exists only on Service ports), so the probe reads the hints a pod gives, in the order of their weight:
 *
 * 1. The port's name: Istio's and the Kubernetes docs' convention (`http`, `http-web`, `http2`, `web`,
 *    `metrics` — Prometheus scrapes over HTTP); `https…`, `grpc…`, `tcp…`, `tls…` are not plain HTTP, so TCP.
 * 2. The number: the ports HTTP apps listen on by habit (80, 3000, 5000, 8000, 8080, 8081, 8088, 8888, 9090).
 *    443 and 8443 speak TLS: a plain request there proves nothing a TCP connect doesn't, so TCP.
 */
import { declaredPorts } from '../declaredPorts.js';
import type { Pod } from '../wire.js';

/** How a port is checked. */
export type ProbeKind = 'http' | 'tcp';

/** One port to check, and why it is checked that way. */
export interface ReachPort {
  readonly port: number;
  /** The container that declares it, if one does (`:reach PORT` may name an undeclared port). */
  readonly container: string | undefined;
  readonly name: string | undefined;
  readonly kind: ProbeKind;
}

const HTTP_NUMBERS = new Set([80, 3000, 5000, 8000, 8080, 8081, 8088, 8888, 9090]);
/**
 * HTTP or TCP for a port, from its name and number (see the file comment).
 * @param port the container port number
 * @param name the port's name, if any
 */
export function probeKind(port: number, name?: string): ProbeKind {
  const n = (name ?? '').toLowerCase();
  if (/^(https|grpc|tcp|tls)/.test(n)) return 'tcp';
  if (/^(http|web|metrics)/.test(n)) return 'http';
  return HTTP_NUMBERS.has(port) ? 'http' : 'tcp';
}

/**
 * The ports to check: each declared TCP port once (the first container that declares it), or only `only` when
 * given (`:reach 8080`), declared or not. UDP and SCTP ports are left out: a connect says nothing about them.
 * @param pod the target pod
 * @param only the one port the user asked for
 */
export function reachPorts(pod: Pod, only?: number): ReachPort[] {
  const declared = declaredPorts(pod).filter((p) => p.protocol === 'TCP');
  if (only !== undefined) {
    const d = declared.find((p) => p.port === only);
    return [{ port: only, container: d?.container, name: d?.name, kind: probeKind(only, d?.name) }];
  }
  const seen = new Set<number>();
  const out: ReachPort[] = [];
  for (const d of declared) {
    if (seen.has(d.port)) continue;
    seen.add(d.port);
    out.push({ port: d.port, container: d.container, name: d.name, kind: probeKind(d.port, d.name) });
  }
  return out;
}

/**
 * `:reach PORT`'s argument: a port number 1–65535, or why not (one line).
 * @param arg what followed the verb
 */
export function parseReachPort(arg: string | undefined): { port: number | undefined } | { error: string } {
  if (arg === undefined || arg === '') return { port: undefined };
  if (!/^\d+$/.test(arg)) return { error: `:reach takes a port number, not "${arg}"` };
  const port = Number(arg);
  if (port < 1 || port > 65535) return { error: `:reach: port ${arg} is out of range (1–65535)` };
  return { port };
}
