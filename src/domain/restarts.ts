/**
 * Restarts seen while watching (issue 16, restart history): which containers of a pod restarted between two
 * versions of it, with what the kubelet says about the instance that ended (`lastState.terminated`), and the
 * one line the containers view shows for each (`12:01:33  exit 1  Error`). Pure: the caller keeps the previous
 * version and the history.
 */
import { parseTimestamp } from './duration.js';
import { clock } from './inside/insideText.js';
import type { ContainerStatus, Pod } from './wire.js';

/** One restart of one container: restartCount went up to `restartCount`. */
export interface RestartSeen {
  readonly container: string;
  /** The restartCount after the restart (the instance that ended is number `restartCount - 1`). */
  readonly restartCount: number;
  /** `lastState.terminated.finishedAt` (epoch ms), when the kubelet said. */
  readonly finishedAt: number | undefined;
  readonly exitCode: number | undefined;
  readonly signal: number | undefined;
  /** The kubelet's reason as it reports it: `Error`, `OOMKilled`, `Completed`, `ContainerCannotRun`… */
  readonly reason: string | undefined;
}

/** Init (and sidecar) containers first, then app containers: the order of the pod's spec. */
function statuses(pod: Pod): readonly ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

/** Restart counts by container name. */
export function restartCounts(pod: Pod): ReadonlyMap<string, number> {
  return new Map(statuses(pod).map((s) => [s.name, s.restartCount]));
}

/**
 * The restarts between `before` (the counts last seen) and `pod`: one per container whose restartCount grew. A
 * container not seen before is not a restart (it was just created, or podscope just started): only growth counts.
 * A count that grew by more than one (two restarts between two looks) is one entry: only the latest instance's
 * lines can still be had, so the earlier restarts are not listed as if they could.
 */
export function restartsSince(before: ReadonlyMap<string, number>, pod: Pod): RestartSeen[] {
  const seen: RestartSeen[] = [];
  for (const s of statuses(pod)) {
    const was = before.get(s.name);
    if (was === undefined || s.restartCount <= was) continue;
    const t = s.lastState?.terminated;
    seen.push({
      container: s.name,
      restartCount: s.restartCount,
      finishedAt: parseTimestamp(t?.finishedAt),
      exitCode: t?.exitCode,
      signal: t?.signal,
      reason: t?.reason,
    });
  }
  return seen;
}

/** `12:01:33` in local time (what the terminal's clock says), or `--:--:--` when the kubelet gave no time. */
export function clockTime(ms: number | undefined): string {
  return ms === undefined ? '--:--:--' : clock(ms);
}

/** `12:01:33  exit 1  Error` (`signal 9` when there is no exit code, `exit ?` when neither is known). */
export function restartLine(r: RestartSeen): string {
  const exit =
    r.exitCode !== undefined
      ? `exit ${r.exitCode}`
      : r.signal !== undefined
        ? `signal ${r.signal}`
        : 'exit ?';
  return `${clockTime(r.finishedAt)}  ${exit}  ${r.reason ?? '(no reason)'}`;
}
