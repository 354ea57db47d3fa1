/** Which listed forward holds a local port, for the "in use" message (shared by the registry and its worker host). */
import type { ForwardInfo } from '../../domain/portForwardView.js';

/**
 * The forward among `forwards` that holds `port` on `address` (0.0.0.0 and :: hold it on every address), worded
 * for a message: `the forward to default/web:80`; undefined if none does.
 */
export function portOwnerOf(
  forwards: Iterable<ForwardInfo>,
  address: string,
  port: number,
): string | undefined {
  const wildcard = (a: string): boolean => a === '0.0.0.0' || a === '::';
  for (const i of forwards) {
    if (i.localPort !== port) continue;
    if (i.address === address || wildcard(i.address) || wildcard(address)) {
      const to = i.follow ? `${i.namespace}/${i.follow.target}` : `${i.namespace}/${i.pod}`;
      return `the forward to ${to}:${i.remotePort}`;
    }
  }
  return undefined;
}
