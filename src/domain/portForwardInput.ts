/**
 * The port-forward dialog's pure defaults: the bind address, the local port it offers for a pod port, and the URL
 * a forward is reached at. Whether a local port is free is a question for the machine
 * (kube/portForward/localPort.ts); the dialog's own checks of what was typed are in its accept handler.
 */
import { isIP } from 'node:net';

/** The address forwards bind to unless told otherwise, as kubectl's default `--address localhost`. */
export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

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
