/** What the network programs share: the pod's name resolution and the port names of /etc/services. */
import type { ShellState } from '../state.js';

/** Port names from /etc/services, as `netstat` without -n and OpenBSD `nc -v` print them. */
export const SERVICES: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  25: 'smtp',
  53: 'domain',
  80: 'http',
  443: 'https',
  3306: 'mysql',
  5432: 'postgresql',
  8080: 'http-alt',
};

/** The IP a name resolves to inside the pod: literals, localhost, the pod's own names and /etc/hosts. */
export function resolveIp(state: ShellState, host: string): string | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  if (host === state.host.hostname || host === state.host.podName) return state.host.podIP;
  for (const line of (state.fs.read('/etc/hosts') ?? '').split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && ip.includes('.') && names.includes(host)) return ip;
  }
  return undefined;
}
