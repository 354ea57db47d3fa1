/** Restarts seen between two versions of a pod (issue 16), and their one-line summary. */
import { describe, expect, it } from 'vitest';
import { restartCounts, restartLine, restartsSince } from '../../src/domain/restarts.js';
import type { Pod } from '../../src/domain/wire.js';
import { fixture } from './podFixtures.js';

function bumped(pod: Pod, by: number): Pod {
  return {
    ...pod,
    status: {
      ...pod.status,
      containerStatuses: pod.status!.containerStatuses!.map((c) => ({
        ...c,
        restartCount: c.restartCount + by,
      })),
    },
  };
}

describe('restartsSince', () => {
  it('sees a grown restartCount, with lastState.terminated as the kubelet reported it (OOMKilled, exit 137)', () => {
    const pod = fixture('oom-killed');
    const before = restartCounts(bumped(pod, -1));
    const [seen, ...rest] = restartsSince(before, pod);
    expect(rest).toEqual([]);
    expect(seen).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(restartLine(seen!)).toMatch(/^\d\d:\d\d:\d\d {2}exit 137 {2}OOMKilled$/);
  });

  it('sees nothing for a container seen for the first time or whose count did not grow', () => {
    const pod = fixture('oom-killed');
    expect(restartsSince(new Map(), pod)).toEqual([]);
    expect(restartsSince(restartCounts(pod), pod)).toEqual([]);
  });

  it('says signal or ? when there is no exit code, and --:--:-- when there is no time', () => {
    const base = { container: 'c', restartCount: 1, reason: undefined, finishedAt: undefined };
    expect(restartLine({ ...base, exitCode: undefined, signal: 9 })).toBe('--:--:--  signal 9  (no reason)');
    expect(restartLine({ ...base, exitCode: undefined, signal: undefined })).toBe(
      '--:--:--  exit ?  (no reason)',
    );
  });
});
