/**
 * The local end of a forward: binding the port (first, before anything else starts) with a one-line reason when
 * it cannot be bound, checking whether a port is free, and the dialog's suggested local port. No client-node
 * here, so the dialog can load it at once.
 */
import { createServer, type Server } from 'node:net';
import { preferredLocalPort } from '../../domain/portForwardInput.js';
import { errnoCode, errorMessage } from '../errors.js';

/** The one line for a failed bind. */
export function bindErrorMessage(err: unknown, address: string, port: number): string {
  const code = errnoCode(err);
  const where = `port ${port} on ${address}`;
  switch (code) {
    case 'EADDRINUSE':
      return `${where} is in use (by another program)`;
    case 'EACCES':
      return `${where} needs root (ports below 1024 are privileged); pick a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `${address} is not an address of this machine`;
    case 'EAFNOSUPPORT':
      return `${address}: this machine has no IPv6`;
    default:
      return `cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Listens on `address:port` (0 = any free port) and resolves with the listening server, or rejects with an Error
 * whose message says why (see {@link bindErrorMessage}). Connections are half-open capable, so a client that
 * finishes sending can still read the answer.
 */
export function bindLocal(address: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer({ allowHalfOpen: true });
    const onError = (err: Error): void => {
      server.close();
      reject(new Error(bindErrorMessage(err, address, port)));
    };
    server.once('error', onError);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

/** The port a listening server got. */
export function boundPort(server: Server): number {
  const address = server.address();
  // A string is a pipe's or a Unix socket's path: no port.
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Whether `port` can be bound on `address` now: undefined if so, else the one-line reason.
 */
export async function localPortProblem(address: string, port: number): Promise<string | undefined> {
  try {
    await closeServer(await bindLocal(address, port));
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}

/** Whether this process may bind ports below 1024. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The local port the dialog offers for a pod port: the same number if it is free (and not privileged unless we
 * are root), else a free port the system picks.
 * @param remotePort the pod's port
 * @param address the bind address
 */
export async function suggestLocalPort(remotePort: number, address: string): Promise<number> {
  const preferred = preferredLocalPort(remotePort, isRoot());
  if (preferred !== undefined && (await localPortProblem(address, preferred)) === undefined) return preferred;
  const server = await bindLocal(address, 0);
  const port = boundPort(server);
  await closeServer(server);
  return port;
}
