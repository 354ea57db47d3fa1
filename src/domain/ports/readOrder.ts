/**
 * Which containers the ports check may read `/proc/net/tcp*` in, in the order it tries them. Every container of a
 * pod shares the pod's network namespace (ephemeral debug containers too), so any running one with `cat` shows
 * the same sockets: the one the user is on first, then kubectl's default, then the rest in kubectl's search order
 * (containers, init containers that run alongside — sidecars —, ephemeral containers). Only running containers:
 * exec into any other is refused by the kubelet.
 */
import { containerNames, containerStatus, defaultContainer } from '../containerChoice.js';
import type { Pod } from '../wire.js';

/**
 * The running containers to try, first choice first; empty when none runs.
 * @param preferred the container the key was pressed on (the containers view's selection), if any
 */
export function portsReadOrder(pod: Pod, preferred: string | undefined): string[] {
  const running = containerNames(pod).filter((name) => containerStatus(pod, name)?.state?.running);
  const first = [preferred, defaultContainer(pod)].filter(
    (n): n is string => n !== undefined && running.includes(n),
  );
  return [...new Set([...first, ...running])];
}
