/** chooseContainer: selected, annotated default, only one, picker; refusals say why. */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/domain/wire.js';
import { chooseContainer } from '../../../src/kube/shell/chooseContainer.js';

const running = { running: { startedAt: '2024-01-01T00:00:00Z' } };

function pod(names: string[], extra: Partial<Pod> = {}, states: Record<string, object> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', ...extra.metadata },
    spec: { containers: names.map((name) => ({ name, image: 'busybox' })) },
    status: {
      phase: 'Running',
      containerStatuses: names.map((name) => ({
        name,
        image: '',
        imageID: '',
        ready: true,
        restartCount: 0,
        state: states[name] ?? running,
      })),
      ...extra.status,
    },
  };
}

describe('chooseContainer', () => {
  it('takes the selected container, else the annotated default, else the only one, else a picker', () => {
    expect(chooseContainer(pod(['a', 'b']), 'b')).toEqual({ kind: 'container', name: 'b' });
    const annotated = pod(['a', 'b'], {
      metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'b' } },
    });
    expect(chooseContainer(annotated)).toEqual({ kind: 'container', name: 'b' });
    expect(chooseContainer(pod(['solo']))).toEqual({ kind: 'container', name: 'solo' });
    expect(chooseContainer(pod(['a', 'b']))).toEqual({ kind: 'picker', names: ['a', 'b'] });
  });

  it('refuses a pod that is not running, with its status', () => {
    const pending = pod(
      ['a'],
      { status: { phase: 'Pending' } },
      {
        a: { waiting: { reason: 'ImagePullBackOff' } },
      },
    );
    expect(chooseContainer(pending)).toEqual({
      kind: 'refuse',
      reason: 'pod p is not running (ImagePullBackOff)',
    });
    const deleting = pod(['a'], { metadata: { name: 'p', deletionTimestamp: '2024-01-01T00:00:00Z' } });
    expect(chooseContainer(deleting)).toEqual({ kind: 'refuse', reason: 'pod p is terminating' });
  });

  it('refuses a container that is not running, or not there', () => {
    const crashing = pod(['a'], {}, { a: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(chooseContainer(crashing)).toEqual({
      kind: 'refuse',
      reason: 'container a of pod p is not running (waiting: CrashLoopBackOff)',
    });
    expect(chooseContainer(pod(['a']), 'zz')).toEqual({
      kind: 'refuse',
      reason: 'pod p has no container zz',
    });
  });
});
