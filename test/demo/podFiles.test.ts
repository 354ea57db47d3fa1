/**
 * The demo's kubelet-written files follow the kubelet's rules for the pod's spec: resolv.conf per dnsPolicy with
 * dnsConfig merged (pkg/kubelet/network/dns/dns.go), the managed hosts file (pkg/kubelet/kubelet_pods.go), the
 * projected token volume's files and the token's times (pkg/registry/core/serviceaccount/storage/token.go,
 * pkg/kubelet/token/token_manager.go). The HostAliases, subdomain and dnsConfig specs are the examples of
 * Kubernetes' documentation (kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/,
 * kubernetes.io/docs/concepts/services-networking/dns-pod-service/); the expected text is what the 1.32 kubelet
 * source writes for them (a blank line before the HostAliases header, which older documentation output lacks),
 * in containerd's line order (search, nameserver, options).
 */
import { describe, expect, it } from 'vitest';
import { tokenTimes } from '../../src/domain/inside/jwtClaims.js';
import type { Pod } from '../../src/domain/wire.js';
import { containerFiles, podHostsFile, podResolvConf, serviceAccountToken } from '../../src/demo/podFiles.js';

const NODE = { name: 'demo-worker', ip: '172.18.0.3', uid: 'node-uid' };
const START = Date.parse('2026-12-07T06:00:00Z');

function pod(spec: Partial<NonNullable<Pod['spec']>>, podIPs = ['10.244.64.9'], name = 'p'): Pod {
  return {
    metadata: { name, namespace: 'default', uid: 'pod-uid' },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
    status: {
      podIP: podIPs[0],
      podIPs: podIPs.map((ip) => ({ ip })),
      startTime: new Date(START).toISOString(),
    },
  };
}

describe('podResolvConf', () => {
  it('ClusterFirst: the cluster DNS and the namespace’s search path (seed 003)', () => {
    expect(podResolvConf(pod({}))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('on the host network ClusterFirst falls back to the node’s file; ClusterFirstWithHostNet does not', () => {
    expect(podResolvConf(pod({ hostNetwork: true }))).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(podResolvConf(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }))).toContain(
      'nameserver 10.96.0.10\n',
    );
    expect(podResolvConf(pod({ dnsPolicy: 'Default' }))).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
  });

  it('None: only dnsConfig (the documentation’s dns-example pod)', () => {
    const spec = {
      dnsPolicy: 'None',
      dnsConfig: {
        nameservers: ['192.0.2.1'],
        searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
        options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
      },
    };
    expect(podResolvConf(pod(spec))).toBe(
      'search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n',
    );
  });

  it('dnsConfig is merged into ClusterFirst: servers and searches appended once, options replaced by name', () => {
    const spec = {
      dnsConfig: {
        nameservers: ['10.96.0.10', '1.1.1.1'],
        searches: ['cluster.local', 'corp.example'],
        options: [{ name: 'ndots', value: '1' }, { name: 'single-request-reopen' }],
      },
    };
    expect(podResolvConf(pod(spec))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local corp.example\n' +
        'nameserver 10.96.0.10\nnameserver 1.1.1.1\noptions ndots:1 single-request-reopen\n',
    );
  });
});

describe('podHostsFile', () => {
  it('hostAliases: the documentation’s hostaliases-pod, one line per IP', () => {
    const spec = {
      hostAliases: [
        { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
        { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
      ],
    };
    expect(podHostsFile(pod(spec, ['10.200.0.5'], 'hostaliases-pod'), NODE)).toBe(
      [
        '# Kubernetes-managed hosts file.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'fe00::0\tip6-mcastprefix',
        'fe00::1\tip6-allnodes',
        'fe00::2\tip6-allrouters',
        '10.200.0.5\thostaliases-pod',
        '',
        '# Entries added by HostAliases.',
        '127.0.0.1\tfoo.local\tbar.local',
        '10.1.2.3\tfoo.remote\tbar.remote',
        '',
      ].join('\n'),
    );
  });

  it('hostname and subdomain: the FQDN first, for every pod IP (dual stack included)', () => {
    const file = podHostsFile(
      pod({ hostname: 'busybox-1', subdomain: 'busybox-subdomain' }, ['10.244.1.5', 'fd00:10:244:1::5']),
      NODE,
    );
    expect(file).toContain('10.244.1.5\tbusybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1\n');
    expect(file).toContain(
      'fd00:10:244:1::5\tbusybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1\n',
    );
  });

  it('on the host network: the node’s own file under the kubelet’s host-network header', () => {
    const file = podHostsFile(pod({ hostNetwork: true }), NODE);
    expect(file.split('\n')[0]).toBe('# Kubernetes-managed hosts file (host network).');
    expect(file).toContain('172.18.0.3\tdemo-worker\n');
    expect(file).not.toContain('10.244.64.9');
  });
});

describe('service-account token files', () => {
  const tokenVolume = {
    name: 'kube-api-access-x',
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
  const mounted = pod({
    volumes: [tokenVolume],
    containers: [
      {
        name: 'c',
        image: 'busybox',
        volumeMounts: [
          { name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
        ],
      },
    ],
  });
  const dir = '/var/run/secrets/kubernetes.io/serviceaccount';

  it('are under the mount path, with the namespace and the cluster CA', () => {
    const files = containerFiles({
      pod: mounted,
      container: 'c',
      node: NODE,
      caCert: 'CA',
      now: START + 1000,
    });
    expect(files[`${dir}/namespace`]).toBe('default');
    expect(files[`${dir}/ca.crt`]).toBe('CA');
    expect(files[`${dir}/token`]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('are absent when the pod mounts no token (automountServiceAccountToken: false adds no volume)', () => {
    const files = containerFiles({
      pod: pod({ automountServiceAccountToken: false }),
      container: 'c',
      node: NODE,
      caCert: 'CA',
      now: START,
    });
    expect(Object.keys(files).filter((f) => f.startsWith('/var/run/secrets'))).toEqual([]);
  });

  it('a 3607 s token is extended to a year with warnafter at 3607 s; another keeps its expiry', () => {
    const t1 = tokenTimes(serviceAccountToken(mounted, { expirationSeconds: 3607 }, NODE, START + 1000));
    if ('error' in t1) throw new Error(t1.error);
    expect(t1.iat).toBe(START / 1000);
    expect(t1.exp! - t1.iat!).toBe(365 * 24 * 3600);
    expect(t1.warnafter! - t1.iat!).toBe(3607);
    const t2 = tokenTimes(
      serviceAccountToken(mounted, { expirationSeconds: 600, audience: 'vault' }, NODE, START),
    );
    if ('error' in t2) throw new Error(t2.error);
    expect(t2.exp! - t2.iat!).toBe(600);
    expect(t2.warnafter).toBeUndefined();
    expect(t2.aud).toEqual(['vault']);
  });

  it('is the one the kubelet holds now: renewed once 80 % of its TTL has passed', () => {
    const early = tokenTimes(serviceAccountToken(mounted, { expirationSeconds: 600 }, NODE, START + 479_000));
    const late = tokenTimes(serviceAccountToken(mounted, { expirationSeconds: 600 }, NODE, START + 481_000));
    expect('iat' in early && early.iat).toBe(START / 1000);
    expect('iat' in late && late.iat).toBe(START / 1000 + 480);
  });

  it('/etc/hostname is the FQDN with setHostnameAsFQDN and a subdomain', () => {
    const p = pod({ hostname: 'web-0', subdomain: 'web', setHostnameAsFQDN: true });
    expect(
      containerFiles({ pod: p, container: 'c', node: NODE, caCert: '', now: START })['/etc/hostname'],
    ).toBe('web-0.web.default.svc.cluster.local\n');
  });
});
