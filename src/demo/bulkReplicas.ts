/**
 * The pods of generated ReplicaSets (`--pods N`) made fast enough for 100,000: the API server's create path
 * (sim/podCreate.ts: defaults, admission, validation, kube-controller-manager's managedFields, as the ReplicaSet
 * controller's create gets them) runs once per template shape (bulkTemplate.ts); another template of the same
 * shape differs only in values, so its pod is that result with those values put in (copy on write: the rest
 * is shared, stored versions being never mutated). Each replica then gets its own name, uid, times, node and
 * ServiceAccount token volume (`kube-api-access-XXXXX`).
 */
import type { Pod, ReplicaSet } from '../domain/wire.js';
import { wireOrder } from './api/podWire.js';
import { flat, uuid } from './ids.js';
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
  const raw = podFromTemplate(rs, `${rs.metadata!.name}-00000`, true);
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

const isToken = (v: { name?: string }): boolean => v.name?.startsWith(TOKEN_VOLUME) ?? false;

type Meta = NonNullable<Pod['metadata']>;
type ManagedFieldsEntry = NonNullable<Meta['managedFields']>[number];

/**
 * The replicas of one ReplicaSet's prototype (`forReplicaSet`): each its own name, uid, creation time, node and
 * token volume, the rest shared. The prototype is put in the order the API server writes it (podWire.ts) once, so
 * a replica is stored as made (ObjectStore.insert) — ordering each pod's metadata again was a third of a create.
 */
export class ReplicaMaker {
  private readonly meta: Meta;
  private readonly controller: ManagedFieldsEntry | undefined;

  constructor(
    private readonly proto: Pod,
    private readonly rsName: string,
  ) {
    const [controller] = proto.metadata?.managedFields ?? [];
    // Placeholders where each replica's values go, so that they take their places in the order.
    this.meta = wireOrder(
      { ...proto.metadata, name: '', uid: '', resourceVersion: '', creationTimestamp: '', managedFields: [] },
      'ObjectMeta',
    ) as Meta;
    this.controller =
      controller && (wireOrder({ ...controller, time: '' }, 'ManagedFieldsEntry') as ManagedFieldsEntry);
  }

  /** A replica started at `startedAt` on `node`; its status and the status managers' entries are the caller's. */
  make(rnd: Random, node: string, startedAt: number): Pod {
    const spec = this.proto.spec!;
    const token = flat(TOKEN_VOLUME, rnd.suffix());
    const rename = <T extends { name?: string }>(v: T): T => (isToken(v) ? { ...v, name: token } : v);
    const created = rfc3339(startedAt);
    const meta: Meta = { ...this.meta };
    meta.name = flat(this.rsName, '-', rnd.suffix());
    meta.uid = uuid();
    meta.creationTimestamp = created;
    meta.managedFields = this.controller ? [{ ...this.controller, time: created }] : [];
    return {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: meta,
      spec: {
        ...spec,
        volumes: spec.volumes?.map(rename),
        containers: spec.containers.map((c) =>
          c.volumeMounts?.some(isToken) ? { ...c, volumeMounts: c.volumeMounts.map(rename) } : c,
        ),
        nodeName: node,
      },
      // The create's status (Pending, the QoS class) until the kubelet's replaces it.
      status: this.proto.status,
    };
  }
}
