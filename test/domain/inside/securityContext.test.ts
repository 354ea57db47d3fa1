/**
 * Effective security settings as the kubelet resolves them (pkg/securitycontext/util.go
 * DetermineEffectiveSecurityContext: the container's value over the pod's), on real-world pods
 * (test/fixtures/pods/real-world/, sources in each file): Istio's injected pod, Linkerd's, and Kubernetes' own
 * restricted seccomp example.
 */
import { describe, expect, it } from 'vitest';
import { effectiveSecurity } from '../../../src/domain/inside/securityContext.js';
import type { Pod } from '../../../src/domain/wire.js';
import { realWorldPods } from '../realWorldPods.js';

const pods = new Map(realWorldPods().map((p) => [p.id, p.pod]));
function of(id: string, container: string) {
  const pod = pods.get(id)!;
  const c = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
    (x) => x.name === container,
  )!;
  return effectiveSecurity(pod, c);
}

describe('effectiveSecurity', () => {
  it('takes the container’s own settings and the pod’s fsGroup (istio-proxy)', () => {
    const e = of('istio-pod-yaml-hellopod', 'istio-proxy');
    expect(e.user).toEqual({ value: '1337', from: 'container' });
    expect(e.runAsNonRoot).toEqual({ value: 'true', from: 'container' });
    expect(e.readOnlyRootFilesystem).toEqual({ value: 'true', from: 'container' });
    expect(e.capabilities).toEqual({ value: 'drop ALL', from: 'container' });
    expect(e.extraGroups).toBe('fsGroup 1337');
  });

  it('names the image’s USER and the defaults where nobody sets them (the app container beside it)', () => {
    const e = of('istio-pod-yaml-hellopod', 'hello');
    expect(e.user.from).toBe('default');
    expect(e.user.value).toMatch(/image's USER/);
    expect(e.privileged).toEqual({ value: 'false', from: 'default' });
    expect(e.allowPrivilegeEscalation).toEqual({ value: 'true', from: 'default' });
    expect(e.seccomp.value).toMatch(/^Unconfined/);
  });

  it('gives the pod’s seccomp profile to a container that sets none, with the Localhost file', () => {
    expect(of('kubernetes-pod-restricted-localhost-target', 'target').seccomp).toEqual({
      value: 'Localhost (dummy.json)',
      from: 'pod',
    });
  });

  it('lets the container’s value win over the pod’s', () => {
    const pod: Pod = {
      spec: {
        securityContext: { runAsUser: 1000, runAsGroup: 3000, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          { name: 'a', securityContext: { runAsUser: 2000, seccompProfile: { type: 'Unconfined' } } },
        ],
      },
    };
    const e = effectiveSecurity(pod, pod.spec!.containers[0]!);
    expect(e.user).toEqual({ value: '2000', from: 'container' });
    expect(e.group).toEqual({ value: '3000', from: 'pod' });
    expect(e.seccomp).toEqual({ value: 'Unconfined', from: 'container' });
  });

  it('says a privileged container has every capability and no seccomp of its own', () => {
    const pod: Pod = {
      spec: {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'p', securityContext: { privileged: true, capabilities: { drop: ['ALL'] } } }],
      },
    };
    const e = effectiveSecurity(pod, pod.spec!.containers[0]!);
    expect(e.capabilities.value).toBe('all (privileged)');
    expect(e.privileged).toEqual({ value: 'true', from: 'container' });
    expect(e.seccomp.value).toMatch(/^Unconfined \(privileged/);
  });

  it('shows both added and dropped capabilities (linkerd-init)', () => {
    expect(of('linkerd-inject-emojivoto-pod-golden-vote-bot', 'linkerd-init').capabilities.value).toBe(
      'add NET_ADMIN,NET_RAW',
    );
  });
});
