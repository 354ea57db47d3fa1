/**
 * The inside view's lines on real-world pods (test/fixtures/pods/real-world/, sources in each file): what the API
 * says (IPs, node, container IDs, DNS settings, the token volume and its mounts, volumes) is there for every pod,
 * the node's runtime is said to be hidden when it is, and the exec parts are marked with their container and time
 * — or said to be unavailable, with the API parts still complete.
 */
import { describe, expect, it } from 'vitest';
import type { InsideFacts, InsideReads } from '../../../src/domain/inside/insideFacts.js';
import { insideLines } from '../../../src/domain/inside/insideLines.js';
import { clock } from '../../../src/domain/inside/insideText.js';
import { realWorldPods } from '../realWorldPods.js';

const all = realWorldPods();
const byId = new Map(all.map((p) => [p.id, p.pod]));
const NOW = Date.parse('2026-12-07T06:00:00Z');
const READING: InsideReads = { kind: 'reading' };

function text(facts: Partial<InsideFacts> & Pick<InsideFacts, 'pod'>): string {
  return insideLines({ node: { kind: 'loading' }, reads: READING, now: NOW, ...facts })
    .map((l) => l.text)
    .join('\n');
}

describe('insideLines', () => {
  it('shows every real-world pod’s IPs, node and container IDs as the API has them', () => {
    expect(all.length).toBeGreaterThan(50);
    for (const { id, pod } of all) {
      const t = text({ pod });
      for (const ip of pod.status?.podIPs ?? []) expect(t, id).toContain(ip.ip);
      if (pod.status?.hostIP) expect(t, id).toContain(pod.status.hostIP);
      if (pod.spec?.nodeName) expect(t, id).toMatch(new RegExp(`Node: +${pod.spec.nodeName}`));
      for (const c of pod.status?.containerStatuses ?? [])
        if (c.containerID) expect(t, id).toContain(c.containerID);
      for (const v of pod.spec?.volumes ?? []) expect(t, id).toContain(v.name);
    }
  });

  it('says a host-network pod uses the node’s network and DNS (cilium-operator on minikube)', () => {
    const t = text({ pod: byId.get('k9s-cilium-cilium-operator-55658fb5c4-rxtnl')! });
    expect(t).toMatch(/hostNetwork: +true: the containers use the node's network namespace/);
    expect(t).toMatch(/dnsPolicy: +ClusterFirst \(on the host network: the node's DNS, as Default\)/);
    expect(t).toContain('docker://9bc42a0d9395adafd9f8d922350c9029f8fa234060df9b03dd5e256804613f68');
  });

  it('shows the kube-api-access volume, its sources and where each container mounts it (kind pod)', () => {
    const t = text({ pod: byId.get('k9s-po-sidecar-sleep')! });
    expect(t).toMatch(/Token volume: +kube-api-access-mphcq \(projected/);
    expect(t).toContain('serviceAccountToken → token (expirationSeconds 3607)');
    expect(t).toContain('configMap kube-root-ca.crt → ca.crt');
    expect(t).toContain('downwardAPI → namespace (metadata.namespace)');
    for (const c of ['init', 'sidecar', 'sleep'])
      expect(t).toContain(`${c} at /var/run/secrets/kubernetes.io/serviceaccount (ro)`);
    expect(t).toMatch(/automountServiceAccountToken: +not set/);
  });

  it('says the node’s runtime is not visible, with the server’s words, rather than leaving it out', () => {
    const reason = 'nodes "kind-control-plane" is forbidden: User "dev" cannot get resource "nodes"';
    const t = text({ pod: byId.get('k9s-po-sidecar-sleep')!, node: { kind: 'hidden', reason } });
    expect(t).toMatch(/Runtime: +not visible to you/);
    expect(t).toContain(reason);
    const known = text({
      pod: byId.get('k9s-po-sidecar-sleep')!,
      node: {
        kind: 'known',
        containerRuntimeVersion: 'containerd://1.7.24',
        osImage: 'Debian',
        kernelVersion: '6.1',
        kubeletVersion: 'v1.32.0',
      },
    });
    expect(known).toMatch(/Runtime: +containerd:\/\/1\.7\.24/);
    expect(known).toMatch(/sandbox \("pause"\) container is not in the API/);
  });

  it('marks what came through exec with the container and the time, and shows the files as cat does', () => {
    const at = NOW - 5000;
    const t = text({
      pod: byId.get('k9s-po-sidecar-sleep')!,
      reads: {
        kind: 'read',
        container: 'sleep',
        at,
        skipped: [],
        resolvConf: { kind: 'text', text: 'search default.svc.cluster.local\nnameserver 10.96.0.10\n' },
        hosts: { kind: 'text', text: '127.0.0.1\tlocalhost\n' },
        token: {
          kind: 'times',
          path: '/var/run/secrets/kubernetes.io/serviceaccount/token',
          times: {
            exp: NOW / 1000 + 365 * 86400,
            iat: NOW / 1000 - 60,
            warnafter: NOW / 1000 + 3547,
            sub: 'system:serviceaccount:default:default',
            aud: [],
          },
        },
      },
    });
    expect(t).toContain(
      `/etc/resolv.conf  (through exec: from container sleep, read at ${clock(at)}; r reads again)`,
    );
    expect(t).toContain('    nameserver 10.96.0.10');
    expect(t).toContain('    127.0.0.1       localhost');
    expect(t).toMatch(/Expires \(exp\): +2027-12-07T06:00:00Z \(in 365d\)/);
    expect(t).toMatch(/Issued \(iat\): +2026-12-07T05:59:00Z \(60s ago\)/);
    expect(t).toMatch(/Warn after: +2026-12-07T06:59:07Z/);
    expect(t).toContain('the token itself is not shown or kept');
  });

  it('says why nothing was read through exec, and still shows every API section', () => {
    const t = text({
      pod: byId.get('k9s-po-sidecar-sleep')!,
      reads: {
        kind: 'unavailable',
        tried: ['sleep: the image has no cat (…)'],
        reason: 'no running container has cat',
      },
    });
    expect(t).toContain('no running container has cat');
    expect(t).toContain('sleep: the image has no cat');
    for (const section of [
      'Network',
      'Sandbox and runtime',
      'DNS and names',
      'Service account',
      'Volumes and mounts',
      'Security',
    ])
      expect(t).toContain(section);
    expect(t).toContain('/etc/hosts  (through exec: not available)');
  });
});
