/** The container an action acts on: selected, annotated default, only one, picker; a shell's refusals say why. */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/wire.js';
import {
  chooseContainer,
  chooseShellContainer,
  DEFAULT_CONTAINER_ANNOTATION,
  defaultContainer,
} from '../../src/domain/containerChoice.js';

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

describe('chooseShellContainer', () => {
  it('takes the selected container, else the annotated default, else the only one, else a picker', () => {
    expect(chooseShellContainer(pod(['a', 'b']), 'b')).toEqual({ kind: 'container', name: 'b' });
    const annotated = pod(['a', 'b'], {
      metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'b' } },
    });
    expect(chooseShellContainer(annotated)).toEqual({ kind: 'container', name: 'b' });
    expect(chooseShellContainer(pod(['solo']))).toEqual({ kind: 'container', name: 'solo' });
    expect(chooseShellContainer(pod(['a', 'b']))).toEqual({ kind: 'picker', names: ['a', 'b'] });
  });

  it('refuses a pod that is not running, with its status', () => {
    const pending = pod(
      ['a'],
      { status: { phase: 'Pending' } },
      {
        a: { waiting: { reason: 'ImagePullBackOff' } },
      },
    );
    expect(chooseShellContainer(pending)).toEqual({
      kind: 'refuse',
      reason: 'pod p is not running (ImagePullBackOff)',
    });
    const deleting = pod(['a'], { metadata: { name: 'p', deletionTimestamp: '2024-01-01T00:00:00Z' } });
    expect(chooseShellContainer(deleting)).toEqual({ kind: 'refuse', reason: 'pod p is terminating' });
  });

  it('refuses a container that is not running, or not there', () => {
    const crashing = pod(['a'], {}, { a: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(chooseShellContainer(crashing)).toEqual({
      kind: 'refuse',
      reason: 'container a of pod p is not running (waiting: CrashLoopBackOff)',
    });
    expect(chooseShellContainer(pod(['a']), 'zz')).toEqual({
      kind: 'refuse',
      reason: 'pod p has no container zz',
    });
  });
});

/** A pod with app containers, plain init containers, a sidecar and an ephemeral container, as kubectl sees it. */
function mixed(annotation?: string): Pod {
  return {
    metadata: {
      name: 'm',
      namespace: 'default',
      annotations: annotation === undefined ? undefined : { [DEFAULT_CONTAINER_ANNOTATION]: annotation },
    },
    spec: {
      containers: [
        { name: 'web', image: 'nginx' },
        { name: 'api', image: 'api' },
      ],
      initContainers: [
        { name: 'migrate', image: 'db' },
        { name: 'proxy', image: 'envoy', restartPolicy: 'Always' },
      ],
      ephemeralContainers: [{ name: 'debugger', image: 'busybox' }],
    },
  };
}

describe('defaultContainer (the containers view opens on it)', () => {
  it("follows kubectl's FindOrDefaultContainerByName: the annotation when it names any container, else the first", () => {
    expect(defaultContainer(mixed())).toBe('web');
    expect(defaultContainer(mixed('api'))).toBe('api');
    expect(defaultContainer(mixed('migrate'))).toBe('migrate');
    expect(defaultContainer(mixed('debugger'))).toBe('debugger');
    expect(defaultContainer(mixed('gone'))).toBe('web');
    expect(defaultContainer({ metadata: { name: 'empty' }, spec: { containers: [] } })).toBeUndefined();
  });
});

describe('chooseContainer (logs and port-forward)', () => {
  it('takes the annotated default only among the containers that run: app containers and sidecars', () => {
    expect(chooseContainer(mixed('proxy'), undefined)).toEqual({ kind: 'chosen', container: 'proxy' });
    expect(chooseContainer(mixed('api'), undefined)).toEqual({ kind: 'chosen', container: 'api' });
    expect(chooseContainer(mixed('migrate'), undefined)).toEqual({
      kind: 'pick',
      items: ['web', 'api', 'proxy'],
    });
    expect(chooseContainer(mixed('migrate'), 'migrate')).toEqual({ kind: 'chosen', container: 'migrate' });
  });
});
