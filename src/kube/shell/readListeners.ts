/**
 * Reads a pod's TCP sockets from inside it: `cat /proc/net/tcp /proc/net/tcp6` through exec (execCapture.ts), in
 * the first running container that has `cat` (the pod is fetched first, so a debug container added a moment ago
 * is among them; the order is src/domain/ports/readOrder.ts's) — they all share the pod's network namespace, so any one
 * serves, and no netstat or ss is needed. How it can end, each told apart:
 * - read: the files' text, where and when it was read; tcp6 missing (a kernel without IPv6) is said, not an error;
 * - no `cat` in any container (distroless): the caller may offer a debug container;
 * - no container to try (none running);
 * - failed: exec refused (RBAC: the server's words), timed out, the stream cut, or `cat` itself failed.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { portsReadOrder } from '../../domain/ports/readOrder.js';
import { decodePod } from '../decode/pod.js';
import { getJson, serverUrl } from '../request.js';
import { podActionError } from './kubeActionError.js';
import type { ListenersRead } from '../../domain/ports/listenersRead.js';
import { onlyTcp6Missing, PROC_NET_TCP_PATHS } from '../../domain/ports/procNetTcp.js';
import { execCapture } from './execCapture.js';

/** The command run: both files in one exec (the IPv6 one may be missing). */
export const PROC_NET_COMMAND = ['cat', ...PROC_NET_TCP_PATHS] as const;

export type { ListenersRead };

export interface ReadListenersOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  /** The container the user is on, tried first when it runs. */
  preferred: string | undefined;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Tries the containers in order; see the file comment for how it ends. Never rejects. */
export async function readListeners(opts: ReadListenersOptions): Promise<ListenersRead> {
  const path = `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}/pods/${encodeURIComponent(opts.pod)}`;
  let containers: string[];
  try {
    const pod = decodePod(await getJson(opts.kc, path, { signal: opts.signal }), `GET ${path}`);
    containers = portsReadOrder(pod, opts.preferred);
  } catch (e) {
    const reason = podActionError(e, serverUrl(opts.kc), opts.pod, `get pod "${opts.pod}"`);
    return { kind: 'failed', reason };
  }
  const skipped: string[] = [];
  for (const container of containers) {
    const result = await execCapture({
      kc: opts.kc,
      namespace: opts.namespace,
      pod: opts.pod,
      container,
      command: PROC_NET_COMMAND,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    switch (result.kind) {
      case 'missing':
        skipped.push(container);
        continue;
      case 'failed':
        return { kind: 'failed', container, reason: result.reason };
      case 'exit': {
        const at = new Date();
        if (result.code === 0)
          return { kind: 'read', container, at, text: result.stdout, ipv6: true, skipped };
        if (onlyTcp6Missing(result.stdout, result.stderr))
          return { kind: 'read', container, at, text: result.stdout, ipv6: false, skipped };
        const why = result.stderr.trim().split('\n')[0] ?? '';
        return {
          kind: 'failed',
          container,
          reason: `cat exited with ${result.code}${why ? `: ${why}` : ''}`,
        };
      }
    }
  }
  return skipped.length > 0 ? { kind: 'no-cat', tried: skipped } : { kind: 'no-container' };
}
