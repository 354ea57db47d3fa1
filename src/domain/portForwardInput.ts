/**
 * What a person types in the port-forward dialog, checked without touching the network: the ports
 * (`8080`, `8080:80`, `:80` for any free local port) and the bind address. Every problem is one line the dialog
 * shows as is. Whether the local port is free is a question for the machine (kube/portForward/localPort.ts).
 */
import { isIP } from 'node:net';

/** The address forwards bind to unless told otherwise, as kubectl's default `--address localhost`. */
export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

/** Ports typed in the dialog: `localPort` 0 means "any free port". */
export interface ForwardPorts {
  readonly localPort: number;
  readonly remotePort: number;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const PORT_RANGE = '1–65535';

function parsePort(text: string, what: string): Parsed<number> {
  if (!/^\d+$/.test(text))
    return { ok: false, message: `${what} "${text}" is not a port number (${PORT_RANGE})` };
  const n = Number(text);
  if (n < 1 || n > 65535) return { ok: false, message: `${what} ${text} is out of range (${PORT_RANGE})` };
  return { ok: true, value: n };
}

/**
 * `8080` (local and remote the same), `8080:80` (local 8080 to the pod's 80) or `:80` (any free local port).
 * @param text what was typed; surrounding spaces are ignored
 */
export function parseForwardPorts(text: string): Parsed<ForwardPorts> {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'type a port: 8080, or LOCAL:REMOTE as in 8080:80' };
  const parts = t.split(':');
  if (parts.length > 2) return { ok: false, message: `"${t}" is not a port or LOCAL:REMOTE pair` };
  const [localText, remoteText] = parts.length === 2 ? [parts[0]!.trim(), parts[1]!.trim()] : [t, t];
  const remote = parsePort(remoteText, 'pod port');
  if (!remote.ok) return remote;
  if (localText === '') return { ok: true, value: { localPort: 0, remotePort: remote.value } };
  const local = parsePort(localText, 'local port');
  if (!local.ok) return local;
  return { ok: true, value: { localPort: local.value, remotePort: remote.value } };
}

/**
 * The address to bind: an IPv4 or IPv6 address, or `localhost` (127.0.0.1). Empty means the default.
 * @param text what was typed
 */
export function parseBindAddress(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: DEFAULT_BIND_ADDRESS };
  if (t.toLowerCase() === 'localhost') return { ok: true, value: DEFAULT_BIND_ADDRESS };
  const bare = t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t;
  if (isIP(bare) === 0) {
    return { ok: false, message: `"${t}" is not an IP address (such as 127.0.0.1, 0.0.0.0 or ::1)` };
  }
  return { ok: true, value: bare };
}

/**
 * The local port to offer for a pod port: the same number, unless it is privileged (below 1024) and we are not
 * root, in which case undefined (take any free port). Whether it is free is checked separately.
 * @param remotePort the pod's port
 * @param isRoot whether this process may bind privileged ports
 */
export function preferredLocalPort(remotePort: number, isRoot: boolean): number | undefined {
  return remotePort >= 1024 || isRoot ? remotePort : undefined;
}

/**
 * The URL a forward is reached at: the bind address, with a wildcard bind reached on loopback and IPv6 bracketed.
 * @param address the bound address
 * @param port the bound port
 */
export function forwardUrl(address: string, port: number): string {
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '[::1]' : address;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
