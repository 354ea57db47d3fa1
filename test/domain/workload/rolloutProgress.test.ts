/** kubectl rollout status' viewers, branch by branch, and the header's short text. */
import { describe, expect, it } from 'vitest';
import { rolloutProgress, type WorkloadStatus } from '../../../src/domain/workload/rolloutProgress.js';

const deployment = (s: WorkloadStatus) => rolloutProgress('Deployment', 'web-app', s);

describe('rolloutProgress', () => {
  it('a Deployment: as DeploymentStatusViewer, in its order', () => {
    expect(deployment({ generation: 3, observedGeneration: 2 }).kubectl).toBe(
      'Waiting for deployment spec update to be observed...',
    );
    const base = { generation: 2, observedGeneration: 2, specReplicas: 3 };
    expect(deployment({ ...base, replicas: 4, updatedReplicas: 2, availableReplicas: 3 })).toEqual({
      kind: 'waiting',
      kubectl:
        'Waiting for deployment "web-app" rollout to finish: 2 out of 3 new replicas have been updated...',
      short: 'web-app: 2/3 updated, 2 old',
    });
    expect(deployment({ ...base, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }).kubectl).toBe(
      'Waiting for deployment "web-app" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(deployment({ ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }).short).toBe(
      'web-app: 3/3 updated, 2 available',
    );
    expect(deployment({ ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 3 })).toMatchObject({
      kind: 'done',
      kubectl: 'deployment "web-app" successfully rolled out',
    });
    expect(
      deployment({
        ...base,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      }),
    ).toMatchObject({ kind: 'failed', kubectl: 'deployment "web-app" exceeded its progress deadline' });
  });

  it('a DaemonSet and a StatefulSet: their viewers', () => {
    expect(
      rolloutProgress('DaemonSet', 'kp', {
        generation: 1,
        observedGeneration: 1,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 1,
      }).kubectl,
    ).toBe('Waiting for daemon set "kp" rollout to finish: 1 out of 3 new pods have been updated...');
    expect(
      rolloutProgress('StatefulSet', 'db', {
        generation: 2,
        observedGeneration: 2,
        specReplicas: 3,
        readyReplicas: 1,
      }).kubectl,
    ).toBe('Waiting for 2 pods to be ready...');
    expect(
      rolloutProgress('StatefulSet', 'db', {
        generation: 2,
        observedGeneration: 2,
        specReplicas: 3,
        readyReplicas: 3,
        updatedReplicas: 3,
        currentReplicas: 3,
        currentRevision: 'db-1',
        updateRevision: 'db-1',
      }).kind,
    ).toBe('done');
  });
});
