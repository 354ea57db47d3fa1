/**
 * A port-forward that follows a Service or a workload rather than one pod (issue 16), pure: the `:pf` argument
 * (`svc/NAME LOCAL:REMOTE`, kubectl's TYPE/NAME forms and its `[LOCAL]:REMOTE` port syntax), the label
 * selector the pods are found by, and which pod a new connection goes to.
 */
import type { Pod } from './wire.js';
import { isPodReady } from './services/podReady.js';
import { takeNamespaceFlag } from './namespaceFlag.js';

/** The kinds a forward can follow, as `kubectl port-forward TYPE/NAME` accepts them. */
export type FollowKind = 'service' | 'deployment' | 'statefulset' | 'daemonset' | 'replicaset' | 'pod';

/** Names and short names kubectl resolves (discovery's plural, singular and shortNames). */
const KIND_NAMES: Readonly<Record<string, FollowKind>> = {
  svc: 'service',
  service: 'service',
  services: 'service',
  deploy: 'deployment',
  deployment: 'deployment',
  deployments: 'deployment',
  sts: 'statefulset',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  ds: 'daemonset',
  daemonset: 'daemonset',
  daemonsets: 'daemonset',
  rs: 'replicaset',
  replicaset: 'replicaset',
  replicasets: 'replicaset',
  po: 'pod',
  pod: 'pod',
  pods: 'pod',
};

/** The short prefix the forwards list shows (`svc/frontend`). */
export const SHORT_KIND: Readonly<Record<FollowKind, string>> = {
  service: 'svc',
  deployment: 'deploy',
  statefulset: 'sts',
  daemonset: 'ds',
  replicaset: 'rs',
  pod: 'pod',
};

/** A parsed `:pf TYPE/NAME [LOCAL:]REMOTE [-n NS]`. */
export interface FollowSpec {
  readonly kind: FollowKind;
  readonly name: string;
  /** The namespace given with `-n`, if any. */
  readonly namespace?: string;
  /** The local port; undefined: the same as the remote port once resolved (0: any free port, kubectl's `:REMOTE`). */
  readonly localPort?: number;
  /** A port number or a port name, resolved against the Service or the pod. */
  readonly remote: string;
}

const USAGE = 'usage: :pf TYPE/NAME [LOCAL:]REMOTE [-n NAMESPACE] (TYPE: svc, deploy, sts, ds, rs, pod)';
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function portNumber(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/**
 * Parses the argument of `:pf`. Returns the spec, or one line saying what is wrong.
 * @param arg what follows `:pf`, e.g. `svc/frontend 18080:8080`
 */
export function parseFollowSpec(arg: string): FollowSpec | { readonly error: string } {
  const flag = takeNamespaceFlag(arg);
  if ('error' in flag) return { error: `${flag.error}; ${USAGE}` };
  const { namespace } = flag;
  const rest = flag.rest === '' ? [] : flag.rest.split(' ');
  if (rest.length !== 2) return { error: USAGE };
  const [target, ports] = rest as [string, string];
  const slash = target.indexOf('/');
  if (slash <= 0 || slash === target.length - 1)
    return { error: `"${target}": name it as TYPE/NAME; ${USAGE}` };
  const kind = KIND_NAMES[target.slice(0, slash).toLowerCase()];
  if (!kind)
    return {
      error: `"${target.slice(0, slash)}" cannot be port-forwarded to (svc, deploy, sts, ds, rs or pod)`,
    };
  const name = target.slice(slash + 1);
  const parts = ports.split(':');
  if (parts.length > 2) return { error: `"${ports}": give the ports as LOCAL:REMOTE` };
  const [localText, remote] = parts.length === 2 ? [parts[0]!, parts[1]!] : [undefined, parts[0]!];
  if (!remote || (portNumber(remote) === undefined && !(PORT_NAME.test(remote) && /[a-z]/.test(remote))))
    return { error: `"${ports}": the remote port must be a port number (1-65535) or a port name` };
  let localPort: number | undefined;
  if (localText === '') localPort = 0;
  else if (localText !== undefined) {
    // `0:REMOTE`, as kubectl takes it, is any free port.
    localPort = localText === '0' ? 0 : portNumber(localText);
    if (localPort === undefined)
      return { error: `"${ports}": the local port must be a number from 0 to 65535` };
  }
  return {
    kind,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(localPort !== undefined ? { localPort } : {}),
    remote,
  };
}

/**
 * The local port to listen on: as given, else the remote port's number (a named Service port's number, as kubectl
 * does), else any free port.
 */
export function followLocalPort(spec: FollowSpec, resolvedRemote: number | undefined): number {
  return spec.localPort ?? resolvedRemote ?? 0;
}

/** A pod a forward may send a new connection to: Running, Ready and not being deleted. */
export function servesForward(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp && isPodReady(pod);
}

/**
 * The pod new connections go to: the current one while it still serves, else the longest-running pod that
 * serves (the one least likely to be replaced next; ties by name), else none.
 * @param pods the pods the selector matches, as last seen
 * @param current the pod connections go to now
 */
export function choosePod(pods: Iterable<Pod>, current: string | undefined): Pod | undefined {
  let best: Pod | undefined;
  for (const p of pods) {
    if (!servesForward(p)) continue;
    if (p.metadata?.name === current) return p;
    if (!best || older(p, best)) best = p;
  }
  return best;
}

function older(a: Pod, b: Pod): boolean {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '');
}

/** A `matchLabels` + `matchExpressions` selector as the `labelSelector` query parameter writes it. */
export function selectorQuery(sel: {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}): string {
  const terms = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',');
    if (r.operator === 'In') terms.push(`${r.key} in (${values})`);
    else if (r.operator === 'NotIn') terms.push(`${r.key} notin (${values})`);
    else if (r.operator === 'Exists') terms.push(r.key);
    else if (r.operator === 'DoesNotExist') terms.push(`!${r.key}`);
  }
  return terms.join(',');
}
