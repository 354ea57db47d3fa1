/**
 * The inside view's exec part: `/etc/resolv.conf`, `/etc/hosts` and the service-account token's times, read with
 * `cat` through exec (execCapture.ts) from the first container that can run it — the selected one, else
 * kubectl's default, else another running one (domain/inside/execPlan.ts). A container whose image has no `cat`
 * (distroless) is passed over and said, not an error; if none can, the view says why and keeps the API parts.
 * The token is turned into its times at once (domain/inside/jwtClaims.ts) and dropped: it is never returned,
 * logged or kept.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { execCandidates } from '../../domain/inside/execPlan.js';
import type { FileRead, InsideReads, TokenRead } from '../../domain/inside/insideFacts.js';
import { tokenTimes } from '../../domain/inside/jwtClaims.js';
import { tokenPathIn } from '../../domain/inside/podMounts.js';
import type { Pod } from '../../domain/wire.js';
import { execCapture, type ExecCaptureResult } from '../shell/execCapture.js';

export interface InsideReadOptions {
  kc: KubeConfig;
  pod: Pod;
  /** The container selected in the containers view, tried first. */
  selected: string | undefined;
  signal?: AbortSignal;
  /** Per exec (default execCapture's 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** A `cat` that ran: its output, or what it printed on stderr (`No such file or directory`). */
function asFile(r: ExecCaptureResult): FileRead {
  if (r.kind === 'exit' && r.code === 0) return { kind: 'text', text: r.stdout };
  if (r.kind === 'exit')
    return { kind: 'unreadable', message: r.stderr.trim() || `cat exited with code ${r.code}` };
  return { kind: 'unreadable', message: r.kind === 'missing' ? r.message : r.reason };
}

async function readToken(
  cat: (path: string) => Promise<ExecCaptureResult>,
  path: string | undefined,
): Promise<TokenRead> {
  if (!path) return { kind: 'not-mounted' };
  const file = asFile(await cat(path));
  if (file.kind === 'unreadable') return { kind: 'unreadable', path, message: file.message };
  const times = tokenTimes(file.text);
  return 'error' in times
    ? { kind: 'unreadable', path, message: times.error }
    : { kind: 'times', path, times };
}

/** Reads the files; resolves, never rejects (a failure is part of the answer). */
export async function readInside(opts: InsideReadOptions): Promise<InsideReads> {
  const namespace = opts.pod.metadata?.namespace ?? 'default';
  const pod = opts.pod.metadata?.name ?? '';
  const candidates = execCandidates(opts.pod, opts.selected);
  if (candidates.length === 0)
    return {
      kind: 'unavailable',
      tried: [],
      reason: 'no container of the pod is running: nothing to exec into',
    };
  const skipped: string[] = [];
  for (const container of candidates) {
    const cat = (path: string) =>
      execCapture({
        kc: opts.kc,
        namespace,
        pod,
        container,
        command: ['cat', path],
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    const resolv = await cat('/etc/resolv.conf');
    if (resolv.kind === 'missing') {
      skipped.push(`${container}: the image has no cat (${resolv.message})`);
      continue;
    }
    if (resolv.kind === 'failed') {
      // A refusal (RBAC, the pod gone) would be the same in every container: stop at the first.
      return {
        kind: 'unavailable',
        tried: skipped,
        reason: `exec into ${container} failed: ${resolv.reason}`,
      };
    }
    const [hosts, token] = await Promise.all([
      cat('/etc/hosts'),
      readToken(cat, tokenPathIn(opts.pod, container)),
    ]);
    return {
      kind: 'read',
      container,
      at: (opts.now ?? Date.now)(),
      skipped,
      resolvConf: asFile(resolv),
      hosts: asFile(hosts),
      token,
    };
  }
  return {
    kind: 'unavailable',
    tried: skipped,
    reason: 'no running container has cat (distroless images have no shell tools); a debug container would',
  };
}
