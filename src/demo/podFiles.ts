/**
 * The files the kubelet and the runtime put in a container, as a real node writes them for this pod's spec:
 * `/etc/resolv.conf` (pkg/kubelet/network/dns/dns.go GetPodDNS, written by containerd in its own order),
 * `/etc/hosts` (pkg/kubelet/kubelet_pods.go managedHostsFileContent / nodeHostsFileContent), `/etc/hostname`
 * (GetNodenameForKernel), and the files of each projected volume the container mounts — the service-account token
 * (a JWT whose claims follow pkg/serviceaccount/claims.go and pkg/registry/core/serviceaccount/storage/token.go),
 * the `kube-root-ca.crt` config map's `ca.crt` and the downward API's namespace. A pod with
 * `automountServiceAccountToken: false` has no token volume (admission adds none), so it gets no token files.
 * Host-network pods see the node's files.
 */
import type { Container, Node, Pod } from '../domain/wire.js';
import type { Cluster } from './cluster.js';
import { imageRepository } from './images.js';
import { NODES } from './store/resourceTypes.js';

/** What the demo's kubelets are configured with (kind's defaults: `clusterDNS` 10.96.0.10, `cluster.local`). */
export const CLUSTER_DNS = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

/**
 * A kind node's own `/etc/resolv.conf`: Docker's embedded DNS, which kind's entrypoint points at the network's
 * gateway; what `dnsPolicy: Default` pods (CoreDNS) and host-network pods get.
 */
export const NODE_RESOLV_CONF = 'nameserver 172.18.0.1\noptions ndots:0\n';

/** A kind node's own `/etc/hosts`, as Docker writes it for the node container (libnetwork etchosts). */
export function nodeHostsFile(nodeName: string, nodeIP: string): string {
  return [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    `${nodeIP}\t${nodeName}`,
    '',
  ].join('\n');
}

/** The node a pod runs on, as far as its files need it. */
export interface PodNode {
  readonly name: string;
  readonly ip: string;
  readonly uid?: string | undefined;
}

/** The node the pod is bound to, from the cluster's Node object; undefined before scheduling. */
export function podNode(cluster: Cluster, pod: Pod): PodNode | undefined {
  const name = pod.spec?.nodeName;
  if (!name) return undefined;
  const node = cluster.store.get(NODES, undefined, name) as Node | undefined;
  const ip =
    node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? pod.status?.hostIP ?? '';
  return { name, ip, uid: node?.metadata?.uid };
}

/** Everything the files of one container depend on. */
export interface ContainerFilesInput {
  readonly pod: Pod;
  readonly container: string;
  readonly node: PodNode | undefined;
  /** The cluster CA, the `kube-root-ca.crt` config map's `ca.crt`. */
  readonly caCert: string;
  /** Epoch milliseconds: which token the kubelet holds now depends on it. */
  readonly now: number;
}

type Spec = Partial<NonNullable<Pod['spec']>>;

/** kubelet_pods.go GeneratePodHostNameAndDomain: spec.hostname (else the pod's name, cut to 63), the subdomain's FQDN. */
export function podHostnameAndDomain(pod: Pod): { hostname: string; domain: string } {
  const name = pod.metadata?.name ?? '';
  const hostname = (pod.spec?.hostname || name).slice(0, 63).replace(/[-.]+$/, '');
  const subdomain = pod.spec?.subdomain;
  const ns = pod.metadata?.namespace ?? 'default';
  return { hostname, domain: subdomain ? `${subdomain}.${ns}.svc.${CLUSTER_DOMAIN}` : '' };
}

/** dns.go getPodDNSType: ClusterFirst on the host network falls back to Default. */
function dnsType(spec: Spec): 'cluster' | 'host' | 'none' {
  switch (spec.dnsPolicy) {
    case 'None':
      return 'none';
    case 'Default':
      return 'host';
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    default:
      return spec.hostNetwork ? 'host' : 'cluster';
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** dns.go mergeDNSOptions: the pod's options replace those of the same name (Go's map order; here, first seen). */
function mergeOptions(existing: readonly string[], added: Spec['dnsConfig']): string[] {
  const options = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    options.set(i === -1 ? op : op.slice(0, i), i === -1 ? '' : op.slice(i + 1));
  }
  for (const op of added?.options ?? []) if (op.name) options.set(op.name, op.value ?? '');
  return [...options].map(([name, value]) => (value ? `${name}:${value}` : name));
}

/** Parses a resolv.conf as dns.go parseResolvConf does: nameservers add up, the last search and options win. */
function parseResolvConf(text: string): { servers: string[]; searches: string[]; options: string[] } {
  const out = { servers: [] as string[], searches: [] as string[], options: [] as string[] };
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    if (fields[0] === 'nameserver' && fields[1]) out.servers.push(fields[1]);
    if (fields[0] === 'search') out.searches = fields.slice(1).map((s) => s.replace(/\.$/, ''));
    if (fields[0] === 'options') out.options = fields.slice(1);
  }
  return out;
}

/**
 * The pod's `/etc/resolv.conf`: dns.go GetPodDNS (ClusterFirst: the cluster DNS and the namespace's search path
 * before the node's; Default: the node's; None: only dnsConfig), dnsConfig appended without duplicates, at most
 * 3 nameservers and 32 search paths, then written as containerd does (search, nameserver, options).
 */
export function podResolvConf(pod: Pod): string {
  const spec: Spec = pod.spec ?? {};
  const ns = pod.metadata?.namespace ?? 'default';
  const host = parseResolvConf(NODE_RESOLV_CONF);
  let { servers, searches, options } = host;
  switch (dnsType(spec)) {
    case 'none':
      servers = [];
      searches = [];
      options = [];
      break;
    case 'cluster':
      servers = [CLUSTER_DNS];
      searches = unique([
        `${ns}.svc.${CLUSTER_DOMAIN}`,
        `svc.${CLUSTER_DOMAIN}`,
        CLUSTER_DOMAIN,
        ...host.searches,
      ]);
      options = ['ndots:5'];
      break;
    case 'host':
      break;
  }
  const dns = spec.dnsConfig;
  if (dns) {
    servers = unique([...servers, ...(dns.nameservers ?? [])]);
    searches = unique([...searches, ...(dns.searches ?? [])]);
    options = mergeOptions(options, dns);
  }
  servers = servers.slice(0, 3);
  searches = searches.slice(0, 32);
  // containerd (internal/cri/server/podsandbox/helpers: parseDNSOptions) writes search, then nameservers, then options.
  let text = '';
  if (searches.length) text += `search ${searches.join(' ')}\n`;
  if (servers.length) text += `nameserver ${servers.join('\nnameserver ')}\n`;
  if (options.length) text += `options ${options.join(' ')}\n`;
  return text;
}

/** kubelet_pods.go hostsEntriesFromHostAliases: one line per IP, its names tab-separated. */
function hostAliasLines(spec: Spec): string {
  const aliases = spec.hostAliases ?? [];
  if (aliases.length === 0) return '';
  return (
    '\n# Entries added by HostAliases.\n' +
    aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`).join('')
  );
}

/** The pod's `/etc/hosts`: the kubelet's managed file, or on the host network the node's with a header. */
export function podHostsFile(pod: Pod, node: PodNode | undefined): string {
  const spec: Spec = pod.spec ?? {};
  if (spec.hostNetwork) {
    const nodeHosts = node ? nodeHostsFile(node.name, node.ip) : '';
    return '# Kubernetes-managed hosts file (host network).\n' + nodeHosts + hostAliasLines(spec);
  }
  const { hostname, domain } = podHostnameAndDomain(pod);
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter(Boolean);
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    ...ips.map((ip) => (domain ? `${ip}\t${hostname}.${domain}\t${hostname}` : `${ip}\t${hostname}`)),
  ];
  return lines.join('\n') + '\n' + hostAliasLines(spec);
}

/** pkg/kubelet/util GetNodenameForKernel: the FQDN with setHostnameAsFQDN and a subdomain, else the hostname. */
export function podKernelHostname(pod: Pod, node: PodNode | undefined): string {
  if (pod.spec?.hostNetwork) return node?.name ?? '';
  const { hostname, domain } = podHostnameAndDomain(pod);
  return pod.spec?.setHostnameAsFQDN && domain ? `${hostname}.${domain}` : hostname;
}

/** token.go: the expiry the kubelet asks for by default, which the API server extends to a year. */
const WARN_ONLY_SECONDS = 3607;
const EXTENSION_SECONDS = 365 * 24 * 3600;
const ISSUER = `https://kubernetes.default.svc.${CLUSTER_DOMAIN}`;

/**
 * The token the kubelet holds now for a serviceAccountToken source. The kubelet asks again once 80 % of the TTL
 * it was told (the requested expirationSeconds: the TokenRequest's status says so even when extended) has passed
 * (pkg/kubelet/token/token_manager.go requiresRefresh), so the current token was issued at the last such step
 * after the pod started. A request for exactly 3607 s is extended to a year with `warnafter` at 3607 s, as
 * kube-apiserver does with --service-account-extend-token-expiration (on by default).
 */
export function serviceAccountToken(
  pod: Pod,
  source: { expirationSeconds?: number; audience?: string },
  node: PodNode | undefined,
  now: number,
): string {
  const requested = source.expirationSeconds ?? WARN_ONLY_SECONDS;
  const started = Date.parse(pod.status?.startTime ?? pod.metadata?.creationTimestamp ?? '') || now;
  const step = Math.max(1, Math.floor(requested * 0.8)) * 1000;
  const iat = Math.floor((started + Math.max(0, Math.floor((now - started) / step)) * step) / 1000);
  const extended = requested === WARN_ONLY_SECONDS && !source.audience;
  const exp = iat + (extended ? EXTENSION_SECONDS : requested);
  const ns = pod.metadata?.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jti = `${(pod.metadata?.uid ?? '').slice(0, 8)}-${iat.toString(16)}`;
  return [
    enc({ alg: 'RS256', kid: 'podscope-demo' }),
    enc({
      aud: [source.audience ?? ISSUER],
      exp,
      iat,
      iss: ISSUER,
      jti,
      'kubernetes.io': {
        namespace: ns,
        ...(node ? { node: { name: node.name, uid: node.uid ?? '' } } : {}),
        pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
        serviceaccount: { name: sa, uid: '' },
        ...(extended ? { warnafter: iat + WARN_ONLY_SECONDS } : {}),
      },
      nbf: iat,
      sub: `system:serviceaccount:${ns}:${sa}`,
    }),
    'ZGVtby1zaWduYXR1cmUtbm90LXZhbGlk',
  ].join('.');
}

/** The downward API fields the demo can answer (the rest are left out). */
function fieldValue(pod: Pod, fieldPath: string | undefined): string | undefined {
  if (fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? 'default';
  if (fieldPath === 'metadata.name') return pod.metadata?.name;
  if (fieldPath === 'metadata.uid') return pod.metadata?.uid;
  return undefined;
}

/** The files of each projected volume the container mounts, under its mount path. */
function projectedFiles(
  input: ContainerFilesInput,
  container: Container | undefined,
): Record<string, string> {
  const files: Record<string, string> = {};
  const volumes = input.pod.spec?.volumes ?? [];
  for (const mount of container?.volumeMounts ?? []) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume?.projected) continue;
    const at = (path: string) => `${mount.mountPath.replace(/\/$/, '')}/${path}`;
    for (const source of volume.projected.sources ?? []) {
      if (source.serviceAccountToken)
        files[at(source.serviceAccountToken.path)] = serviceAccountToken(
          input.pod,
          source.serviceAccountToken,
          input.node,
          input.now,
        );
      if (source.configMap?.name === 'kube-root-ca.crt')
        for (const item of source.configMap.items ?? [{ key: 'ca.crt', path: 'ca.crt' }])
          if (item.key === 'ca.crt') files[at(item.path)] = input.caCert;
      for (const item of source.downwardAPI?.items ?? []) {
        const value = fieldValue(input.pod, item.fieldRef?.fieldPath);
        if (value !== undefined) files[at(item.path)] = value;
      }
    }
  }
  return files;
}

/** Every file the demo shows in this container: the kubelet's, the projected volumes', and the image's os-release. */
export function containerFiles(input: ContainerFilesInput): Record<string, string> {
  const { pod } = input;
  const container = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === input.container);
  const files: Record<string, string> = {
    '/etc/hostname': `${podKernelHostname(pod, input.node)}\n`,
    '/etc/hosts': podHostsFile(pod, input.node),
    '/etc/resolv.conf': podResolvConf(pod),
    ...projectedFiles(input, container),
  };
  if (imageRepository(container?.image ?? '') !== 'busybox')
    files['/etc/os-release'] =
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
  return files;
}
