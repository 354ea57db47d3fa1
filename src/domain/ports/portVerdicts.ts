/**
 * The ports check's verdicts: the ports a pod's containers declare (`spec.containers[].ports`) side by side with
 * the TCP sockets listening in the pod's network namespace, one row per port. A declared port is informative only
 * to Kubernetes (kubectl port-forward and a Service's targetPort reach any port), so the verdicts say what a user
 * would trip over: something declared that nothing serves, something served that nobody declared, and the
 * classic mistake — an app bound to 127.0.0.1 (or ::1), which answers `kubectl port-forward` (it connects to the
 * pod's loopback) but never a Service or another pod, which come in through the pod IP.
 */
import type { DeclaredPort } from '../declaredPorts.js';
import type { TcpSocket } from './procNetTcp.js';

/**
 * What one port comes to:
 * - `fine`: declared, and something listens where the pod IP reaches it;
 * - `not-listening`: declared (TCP), nothing listens;
 * - `undeclared`: something listens where the pod IP reaches it, no container declares it;
 * - `loopback-only`: listening on 127.0.0.1 / ::1 only: unreachable through the pod IP;
 * - `other-address`: listening only on an address that is neither a wildcard nor the pod's IP;
 * - `not-checked`: declared UDP or SCTP: only TCP sockets are read, so nothing is claimed.
 */
export type PortVerdict =
  'fine' | 'not-listening' | 'undeclared' | 'loopback-only' | 'other-address' | 'not-checked';

/** One row of the check: a port (and protocol), who declares it, where it listens, and the verdict. */
export interface PortRow {
  readonly port: number;
  /** `TCP`, or the declared protocol of a `not-checked` row. */
  readonly protocol: string;
  readonly declared: readonly DeclaredPort[];
  /** The local addresses listening on the port (`0.0.0.0`, `::`, `127.0.0.1`…), as the kernel lists them. */
  readonly listening: readonly string[];
  readonly verdict: PortVerdict;
}

/** `::ffff:10.1.2.3` is the IPv4 address 10.1.2.3 (a v4-mapped listener on an IPv6 socket). */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/** 0.0.0.0 and ::, which accept connections to any of the pod's addresses. */
function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** 127.0.0.0/8 and ::1 (and their v4-mapped forms): the pod's loopback, which only the pod itself reaches. */
export function isLoopback(address: string): boolean {
  const a = unmapped(address);
  return a === '::1' || /^127\./.test(a);
}

/**
 * Whether a connection to the pod IP reaches a socket bound to `address`. `::` counts for IPv4 too: Linux
 * sockets are dual-stack unless the program asks for IPV6_V6ONLY (net.ipv6.bindv6only defaults to 0), and
 * /proc/net/tcp6 does not say which.
 */
function reachableThroughPodIP(address: string, podIPs: readonly string[]): boolean {
  return isWildcard(address) || podIPs.includes(unmapped(address));
}

function verdictOf(declared: boolean, listening: readonly string[], podIPs: readonly string[]): PortVerdict {
  if (listening.length === 0) return 'not-listening';
  if (listening.some((a) => reachableThroughPodIP(a, podIPs))) return declared ? 'fine' : 'undeclared';
  if (listening.every(isLoopback)) return 'loopback-only';
  return 'other-address';
}

/**
 * The check's rows, by port (then protocol).
 * @param declared the pod's declared ports (src/domain/declaredPorts.ts)
 * @param sockets what /proc/net/tcp and tcp6 hold; only LISTEN sockets count
 * @param podIPs `status.podIPs` (dual-stack pods have two)
 */
export function portVerdicts(
  declared: readonly DeclaredPort[],
  sockets: readonly TcpSocket[],
  podIPs: readonly string[],
): PortRow[] {
  const listening = new Map<number, string[]>();
  for (const s of sockets) {
    if (s.state !== 'LISTEN') continue;
    const addresses = listening.get(s.port) ?? [];
    if (!addresses.includes(s.address)) addresses.push(s.address);
    listening.set(s.port, addresses);
  }
  const tcp = new Map<number, DeclaredPort[]>();
  const rows: PortRow[] = [];
  for (const d of declared) {
    if (d.protocol === 'TCP') tcp.set(d.port, [...(tcp.get(d.port) ?? []), d]);
    else
      rows.push({ port: d.port, protocol: d.protocol, declared: [d], listening: [], verdict: 'not-checked' });
  }
  for (const port of new Set([...tcp.keys(), ...listening.keys()])) {
    const by = tcp.get(port) ?? [];
    const addresses = listening.get(port) ?? [];
    rows.push({
      port,
      protocol: 'TCP',
      declared: by,
      listening: addresses,
      verdict: verdictOf(by.length > 0, addresses, podIPs),
    });
  }
  return rows.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** The verdict as the view says it, one short phrase. */
export function verdictText(row: PortRow): string {
  switch (row.verdict) {
    case 'fine':
      return 'fine';
    case 'not-listening':
      return 'declared but not listening';
    case 'undeclared':
      return 'listening but not declared';
    case 'loopback-only':
      return 'loopback only: unreachable through the pod IP';
    case 'other-address':
      return `listening on ${row.listening.join(', ')} only: not the pod IP`;
    case 'not-checked':
      return `${row.protocol}: not checked (TCP only)`;
  }
}
