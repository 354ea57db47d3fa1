/**
 * The warnings a real API server sends back (`Warning` headers) when it accepts a new pod: the strategy's
 * WarningsOnCreate — a name that is no DNS label, since it becomes the hostname — then part of GetWarningsForPod
 * (pkg/api/pod/warnings.go, Kubernetes v1.32): deprecated volume types, fractional bytes of memory or ephemeral
 * storage, an env var that hides an earlier one, ports defined twice across containers, a negative grace period.
 * Containers are visited as the server visits them: init, then app, then ephemeral.
 */
import type { Container, Pod } from '../../domain/wire.js';
import { parseQuantity } from './quantity.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function nameWarnings(name: string): string[] {
  const msgs: string[] = [];
  if (name.length > 63) msgs.push('must be no more than 63 characters');
  if (!LABEL.test(name)) {
    msgs.push(
      SUBDOMAIN.test(name)
        ? 'must not contain dots'
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  if (msgs.length === 0) return [];
  return [
    `metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`,
  ];
}

/** Volume types GetWarningsForPod names: JSON key, the path it writes (sic: storageOS), the message. */
const DEPRECATED_VOLUMES: [string, string, string][] = [
  ['photonPersistentDisk', 'photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'storageOS', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

interface Visited {
  c: Container;
  path: string;
}

function containers(pod: Pod): Visited[] {
  const spec = pod.spec!;
  return [
    ...(spec.initContainers ?? []).map((c, i) => ({ c, path: `spec.initContainers[${i}]` })),
    ...(spec.containers ?? []).map((c, i) => ({ c, path: `spec.containers[${i}]` })),
    ...(spec.ephemeralContainers ?? []).map((c, i) => ({
      c: c as Container,
      path: `spec.ephemeralContainers[${i}]`,
    })),
  ];
}

/** MilliValue() % 1000 != 0: a byte count with a fraction. */
function fractionalBytes(text: string | undefined): boolean {
  const q = text === undefined ? undefined : parseQuantity(text);
  return !!q && ((q.nanos + 999_999n) / 1_000_000n) % 1000n !== 0n;
}

function containerWarnings({ c, path }: Visited): string[] {
  const out: string[] = [];
  const res = c.resources ?? {};
  for (const resource of ['memory', 'ephemeral-storage']) {
    for (const kind of ['limits', 'requests'] as const) {
      const value = res[kind]?.[resource];
      if (fractionalBytes(value)) {
        out.push(
          `${path}.resources.${kind}[${resource}]: fractional byte value "${value}" is invalid, must be an integer`,
        );
      }
    }
  }
  const seen = new Set<string>();
  for (const [i, e] of (c.env ?? []).entries()) {
    if (!seen.has(e.name)) {
      seen.add(e.name);
      continue;
    }
    const ref = `$(${e.name})`;
    if (e.valueFrom || e.value === ref || !(e.value ?? '').includes(ref)) {
      out.push(
        `${path}.env[${i}]: hides previous definition of "${e.name}", which may be dropped when using apply`,
      );
    }
  }
  return out;
}

interface PortSeen {
  field: string;
  hostIP: string;
  hostPort: number;
}

function portWarnings(visited: Visited[]): string[] {
  const out: string[] = [];
  const all = new Map<string, PortSeen[]>();
  for (const { c, path } of visited) {
    for (const [i, p] of (c.ports ?? []).entries()) {
      const field = `${path}.ports[${i}]`;
      const port: PortSeen = { field, hostIP: p.hostIP ?? '', hostPort: p.hostPort ?? 0 };
      const key = `${p.containerPort}/${p.protocol ?? ''}`;
      const others = all.get(key) ?? [];
      for (const o of others) {
        if (port.hostIP === o.hostIP && port.hostPort === o.hostPort) {
          out.push(`${field}: duplicate port definition with ${o.field}`);
        } else if (port.hostPort === 0 || o.hostPort === 0) {
          out.push(`${field}: overlapping port definition with ${o.field}`);
        } else if (port.hostPort === o.hostPort && (port.hostIP === '') !== (o.hostIP === '')) {
          out.push(`${field}: dangerously ambiguous port definition with ${o.field}`);
        }
      }
      all.set(key, [...others, port]);
    }
  }
  return out;
}

/** The warnings of a new pod (defaulted and admitted), in the order the server adds them. */
export function podCreateWarnings(pod: Pod): string[] {
  const spec = pod.spec!;
  const out = nameWarnings(pod.metadata?.name ?? '');
  for (const [i, v] of (spec.volumes ?? []).entries()) {
    for (const [kind, pathName, message] of DEPRECATED_VOLUMES) {
      if ((v as Record<string, unknown>)[kind]) out.push(`spec.volumes[${i}].${pathName}: ${message}`);
    }
  }
  const visited = containers(pod);
  for (const v of visited) out.push(...containerWarnings(v));
  out.push(...portWarnings(visited));
  if ((spec.terminationGracePeriodSeconds ?? 0) < 0) {
    out.push(
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    );
  }
  return out;
}
