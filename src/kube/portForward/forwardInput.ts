/**
 * The dialog's input checked in full: the typed ports and address (pure rules in domain/portForwardInput.ts),
 * then whether the local port is free on that address — so "in use" is said before anything starts.
 */
import { parseBindAddress, parseForwardPorts, type Parsed } from '../../domain/portForwardInput.js';
import { localPortProblem } from './localPort.js';

/** A checked dialog input, ready for `PortForwardRegistry.start`. */
export interface ForwardInput {
  readonly address: string;
  /** 0: any free port. */
  readonly localPort: number;
  readonly remotePort: number;
}

/**
 * Checks what was typed: `ports` as `8080`, `8080:80` or `:80`, `address` (empty = 127.0.0.1).
 * @param portOwner names one of our own forwards holding a port (the registry's `portOwner`), so the message
 *   says which forward rather than "another program"
 * @returns the input, or the one-line message the dialog shows
 */
export async function checkForwardInput(
  ports: string,
  address: string,
  portOwner?: (address: string, port: number) => string | undefined,
): Promise<Parsed<ForwardInput>> {
  const p = parseForwardPorts(ports);
  if (!p.ok) return p;
  const a = parseBindAddress(address);
  if (!a.ok) return a;
  const value = { address: a.value, ...p.value };
  if (value.localPort !== 0) {
    const problem = await localPortProblem(value.address, value.localPort);
    if (problem) {
      const owner = portOwner?.(value.address, value.localPort);
      const message = owner ? `port ${value.localPort} on ${value.address} is in use (by ${owner})` : problem;
      return { ok: false, message };
    }
  }
  return { ok: true, value };
}
