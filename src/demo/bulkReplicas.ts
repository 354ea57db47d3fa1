/**
 * The pods of generated ReplicaSets (`--pods N`) made fast enough for 100,000: the API server's create path
 * (sim/podCreate.ts: defaults, admission, validation, kube-controller-manager's managedFields, as the ReplicaSet
 * controller's create gets them) runs once per template shape (bulkTemplate.ts); another template of the same
 * shape differs only in values, so its pod is that result with those values put in (copy on write: the rest
 * is shared, stored versions being never mutated). Each replica then gets its own name, uid, times, node and
 * ServiceAccount token volume (`kube-api-access-XXXXX`).
 */
import { randomUUID } from 'node:crypto';
import type { Pod, ReplicaSet } from '../domain/wire.js';
import type { Random } from './random.js';
import { preparePodCreate } from './sim/podCreate.js';
import { podFromTemplate } from './sim/replicaSetController.js';
import { rfc3339 } from './store/objectStore.js';

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** `target` (what `a` became) with the values where `b` differs from `a` taken from `b`; unchanged parts shared. */
export function substitute(target: Json, a: Json, b: Json): Json {
  if (a === b) return target;
  if (isObj(a) && isObj(b) && isObj(target)) {
    let out: Record<string, Json> | undefined;
    for (const k of Object.keys(b)) {
      const v = substitute(target[k], a[k], b[k]);
      if (v !== target[k]) (out ??= { ...target })[k] = v;
    }
    return out ?? target;
  }
  if (Array.isArray(a) && Array.isArray(b) && Array.isArray(target) && a.length === b.length) {
    let out: Json[] | undefined;
    for (let i = 0; i < b.length; i++) {
      const v = substitute(target[i], a[i], b[i]);
      if (v !== target[i]) (out ??= [...target])[i] = v;
    }
    return out ?? target;
  }
  return b;
}

/** What a ReplicaSet's controller would send to create a pod (its name fixed here, generateName kept). */
function rawPod(rs: ReplicaSet): Pod {
  const raw = podFromTemplate(rs, `${rs.metadata!.name}-00000`);
  raw.metadata = { ...raw.metadata, generateName: `${rs.metadata!.name}-` };
  return raw;
}

/** The pod the API server stores for `rs`'s create, before its name, uid and node: cached per shape. */
export class PodPrototypes {
  private readonly shapes = new Map<string, { raw: Pod; pod: Pod }>();

  forReplicaSet(rs: ReplicaSet, shape: string, created: number): Pod {
    const raw = rawPod(rs);
    const hit = this.shapes.get(shape);
    if (!hit) {
      const pod = preparePodCreate(raw, rs.metadata!.namespace!, {
        now: created,
        manager: 'kube-controller-manager',
        warnings: false,
      }).pod;
      this.shapes.set(shape, { raw, pod });
      return pod;
    }
    const pod = substitute(hit.pod, hit.raw, raw) as Pod;
    // The owner's uid is a key in the controller's managedFields, not a value.
    const [entry, ...rest] = pod.metadata?.managedFields ?? [];
    const fields = entry?.fieldsV1 as Record<string, Record<string, Json>> | undefined;
    const meta = fields?.['f:metadata'];
    if (!entry || !fields || !meta) return pod;
    const owners = { '.': {}, [`k:{"uid":"${rs.metadata!.uid!}"}`]: {} };
    const fixed = {
      ...entry,
      fieldsV1: { ...fields, 'f:metadata': { ...meta, 'f:ownerReferences': owners } },
    };
    return { ...pod, metadata: { ...pod.metadata, managedFields: [fixed, ...rest] } };
  }
}

const TOKEN_VOLUME = 'kube-api-access-';

/** One replica of `proto`: its own name, uid, creation time, node and token volume; the rest shared. */
export function replicaOf(proto: Pod, rsName: string, rnd: Random, node: string, startedAt: number): Pod {
  const spec = proto.spec!;
  const token = TOKEN_VOLUME + rnd.suffix();
  const rename = <T extends { name?: string }>(v: T): T =>
    v.name?.startsWith(TOKEN_VOLUME) ? { ...v, name: token } : v;
  const [controllerEntry] = proto.metadata?.managedFields ?? [];
  return {
    ...proto,
    metadata: {
      ...proto.metadata,
      name: `${rsName}-${rnd.suffix()}`,
      uid: randomUUID(),
      creationTimestamp: rfc3339(startedAt),
      managedFields: controllerEntry ? [{ ...controllerEntry, time: rfc3339(startedAt) }] : [],
    },
    spec: {
      ...spec,
      volumes: spec.volumes?.map(rename),
      containers: spec.containers.map((c) => ({ ...c, volumeMounts: c.volumeMounts?.map(rename) })),
      nodeName: node,
    },
  };
}
