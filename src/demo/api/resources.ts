/**
 * The REST verbs on resources: list (JSON or Table, paged), watch, get, create, update, patch and delete, with
 * the status subresource, each answering what a kube-apiserver answers — including its errors.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject, Pod } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { BodyError, readJson, readJsonObject } from '../http/body.js';
import { encodeObject, sendJson, sendList } from '../http/json.js';
import type { ResourceRoute } from '../http/route.js';
import { sendNotFound, sendStatus } from '../http/status.js';
import { nodeMetrics, podMetrics } from '../metrics.js';
import { rfc3339, StoreError } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { apiVersionOf, NAMESPACES, NODES, PODS } from '../store/resourceTypes.js';
import { handleEphemeralContainers } from './ephemeral.js';
import { BadContinue, ContinueExpired, listPage } from './list.js';
import { OptionsError, parseListOptions } from './listOptions.js';
import { defaultPod } from '../sim/podDefaults.js';
import { fieldManager, managedFieldsEntry } from './managedFields.js';
import { FIELD_VALIDATIONS, pruneUnknownPodFields } from './podWire.js';
import { applyPatch, PatchError } from './patch.js';
import { includeObjectParam, toTable, wantsTable } from './tables.js';
import type { WatchHub } from './watch.js';

export interface ResourceContext {
  cluster: Cluster;
  watches: WatchHub;
}

function resourceName(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** Handles one request on a resource route (everything but log/exec/portforward). */
export async function handleResource(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  query: URLSearchParams,
): Promise<void> {
  const { type, namespace, name, subresource } = route;
  const method = req.method ?? 'GET';
  try {
    if (type.group === 'metrics.k8s.io') return serveMetrics(ctx, req, res, route, query);
    if (type === PODS && name && subresource === 'ephemeralcontainers') {
      return await handleEphemeralContainers(ctx.cluster, req, res, namespace!, name);
    }
    if (subresource && subresource !== 'status') {
      return sendStatus(res, 404, 'NotFound', `the server could not find the requested resource`);
    }
    if (!name) {
      if (method === 'GET') return listOrWatch(ctx, req, res, type, namespace, query);
      if (method === 'POST') return await create(ctx, req, res, type, namespace, query);
      return sendStatus(
        res,
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
    }
    const existing = ctx.cluster.store.get(type, namespace, name);
    switch (method) {
      case 'GET':
        if (!existing) return sendNotFound(res, type.plural, name, type.group);
        return sendObject(req, res, type, existing, ctx.cluster.now(), query);
      case 'DELETE':
        if (subresource) break;
        return await remove(ctx, req, res, type, namespace, name, query);
      case 'PATCH':
      case 'PUT':
        if (!existing) return sendNotFound(res, type.plural, name, type.group);
        return await change(ctx, req, res, type, existing, subresource === 'status', method === 'PUT');
    }
    return sendStatus(
      res,
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    );
  } catch (e) {
    if (e instanceof StoreError) {
      // The storage layer's own errors (a resourceVersion on create) are bare 500s without reason or details.
      if (e.code === 500) {
        return sendJson(res, 500, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: e.message,
          code: 500,
        });
      }
      // An Invalid names the kind ("Pod"), the others the resource ("pods"), as the API server's errors do.
      const objectName = e.objectName ?? name;
      const details = e.causes
        ? { ...(objectName ? { name: objectName } : {}), kind: type.kind, causes: e.causes }
        : objectName
          ? { name: objectName, kind: type.plural }
          : undefined;
      return sendStatus(res, e.code, e.reason, e.message, details);
    }
    if (e instanceof BodyError)
      return sendStatus(res, e.code, e.code === 415 ? 'UnsupportedMediaType' : 'BadRequest', e.message);
    if (e instanceof OptionsError || e instanceof BadContinue || e instanceof PatchError) {
      return sendStatus(res, 400, 'BadRequest', e.message);
    }
    if (e instanceof ContinueExpired) return sendStatus(res, 410, 'Expired', e.message);
    throw e;
  }
}

function sendObject(
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  o: KubeObject,
  now: number,
  query: URLSearchParams,
): void {
  if (wantsTable(req.headers.accept)) {
    return sendJson(
      res,
      200,
      toTable(type, [o], now, includeObjectParam(query), { resourceVersion: o.metadata?.resourceVersion }),
    );
  }
  sendJson(res, 200, encodeObject(o));
}

function listOrWatch(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): void {
  const opts = parseListOptions(type, namespace, query);
  const table = wantsTable(req.headers.accept);
  if (opts.watch) {
    ctx.watches.serve(res, type, opts, { table, include: includeObjectParam(query) });
    return;
  }
  const page = listPage(ctx.cluster.store, type, opts);
  const meta = {
    resourceVersion: page.resourceVersion,
    ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}),
  };
  if (table)
    return sendJson(res, 200, toTable(type, page.items, ctx.cluster.now(), includeObjectParam(query), meta));
  sendList(res, type.listKind, apiVersionOf(type), meta, page.items);
}

async function create(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): Promise<void> {
  const validation = query.get('fieldValidation') ?? '';
  if (!FIELD_VALIDATIONS.includes(validation)) {
    const body = `Unsupported value: ${JSON.stringify(validation)}: supported values: ${FIELD_VALIDATIONS.map((v) => JSON.stringify(v)).join(', ')}`;
    return sendStatus(
      res,
      422,
      'Invalid',
      `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: ${body}`,
      {
        group: 'meta.k8s.io',
        kind: 'CreateOptions',
        causes: [{ reason: 'FieldValueNotSupported', message: body, field: 'fieldValidation' }],
      },
    );
  }
  const body = await readJsonObject(req);
  if (!body) return sendStatus(res, 400, 'BadRequest', 'the request body is empty');
  // Only a pod's fields are known here (./podFieldNames.ts); other kinds are taken as sent.
  const pruned = type === PODS ? pruneUnknownPodFields(body) : { value: body, unknown: [] };
  const unknownFields = pruned.unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
  if (validation === 'Strict' && unknownFields.length) {
    return sendStatus(
      res,
      400,
      'BadRequest',
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${unknownFields.join(', ')}`,
    );
  }
  const obj = pruned.value as KubeObject;
  if (obj.kind && obj.kind !== type.kind) {
    return sendStatus(
      res,
      400,
      'BadRequest',
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(type)})`,
    );
  }
  const metaNs = obj.metadata?.namespace;
  if (type.namespaced && metaNs && namespace && metaNs !== namespace) {
    return sendStatus(
      res,
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  if (type.namespaced && namespace && !ctx.cluster.store.get(NAMESPACES, undefined, namespace)) {
    return sendNotFound(res, 'namespaces', namespace);
  }
  if (type.namespaced) obj.metadata = { ...obj.metadata, namespace };
  const dryRun = query.getAll('dryRun').includes('All');
  const manager = fieldManager(query, req.headers['user-agent']);
  if (type === PODS) {
    const prepared = ctx.cluster.submitPod(obj as Pod, manager, dryRun);
    const { pod } = prepared;
    const warnings = [...(validation === 'Ignore' ? [] : unknownFields), ...prepared.warnings];
    // As the API server writes them: `299 - "text"`, one header line each.
    if (warnings.length)
      res.setHeader(
        'Warning',
        warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    return sendJson(res, 201, encodeObject(pod));
  }
  const created = createObject(ctx, type, obj, manager, dryRun);
  sendJson(res, 201, encodeObject(created));
}

/**
 * Any other object: what the storage refuses (a resourceVersion), the request's managedFields entry, the
 * namespace's defaults (SetDefaults_Namespace, the strategy's finalizer), and the store.
 */
function createObject(
  ctx: ResourceContext,
  type: ResourceType,
  input: KubeObject,
  manager: string,
  dryRun: boolean,
): KubeObject {
  const { uid: _uid, creationTimestamp: _created, ...meta } = input.metadata ?? {};
  let obj: KubeObject = { ...input, metadata: meta };
  if (type === NAMESPACES) obj = withNamespaceDefaults(obj);
  const now = ctx.cluster.now();
  const entry = managedFieldsEntry(obj as Record<string, unknown>, manager, apiVersionOf(type), rfc3339(now));
  obj.metadata = { ...obj.metadata, ...(entry ? { managedFields: [entry as never] } : {}) };
  if (type === NAMESPACES) {
    // The strategy's PrepareForCreate: the kubernetes finalizer is always there, and the phase Active.
    const finalizers = ((obj['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter(
      (f) => f !== 'kubernetes',
    );
    obj = { ...obj, spec: { finalizers: [...finalizers, 'kubernetes'] }, status: { phase: 'Active' } };
  }
  if (input.metadata?.resourceVersion) {
    throw new StoreError(500, 'InternalError', 'resourceVersion should not be set on objects to be created');
  }
  if (!dryRun) return ctx.cluster.store.create(type, obj);
  return {
    apiVersion: apiVersionOf(type),
    kind: type.kind,
    ...obj,
    metadata: { ...obj.metadata, uid: randomUUID(), creationTimestamp: rfc3339(now) },
  };
}

/** SetDefaults_Namespace: the immutable `kubernetes.io/metadata.name` label. */
function withNamespaceDefaults(ns: KubeObject): KubeObject {
  const name = ns.metadata?.name;
  if (!name) return ns;
  return {
    ...ns,
    metadata: { ...ns.metadata, labels: { ...ns.metadata?.labels, 'kubernetes.io/metadata.name': name } },
  };
}

async function deleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<number | undefined> {
  const body = await readJsonObject(req);
  const fromBody = body?.['gracePeriodSeconds'];
  if (typeof fromBody === 'number') return fromBody;
  const q = query.get('gracePeriodSeconds');
  if (q !== null && q !== '') {
    if (!/^-?\d+$/.test(q)) throw new OptionsError(`invalid value for gracePeriodSeconds: "${q}"`);
    return Number(q);
  }
  return undefined;
}

async function remove(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  const grace = await deleteOptions(req, query);
  const store = ctx.cluster.store;
  const existing = store.get(type, namespace, name);
  if (!existing) return sendNotFound(res, type.plural, name, type.group);
  if (type === PODS) {
    return sendJson(res, 200, encodeObject(ctx.cluster.deletePod(namespace!, name, grace)));
  }
  store.remove(type, namespace, name);
  sendJson(res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.plural,
      uid: existing.metadata?.uid,
    },
  });
}

/** PUT or PATCH of an object or its status. Only metadata (or only status) may change, as on pods upstream. */
async function change(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  existing: KubeObject,
  status: boolean,
  put: boolean,
): Promise<void> {
  const body = put ? await readJsonObject(req) : await readJson(req);
  if (body === undefined) return sendStatus(res, 400, 'BadRequest', 'the request body is empty');
  const next = (put ? body : applyPatch(existing, body, req.headers['content-type'] ?? '')) as KubeObject;
  if (put) {
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== existing.metadata?.resourceVersion) {
      return sendStatus(
        res,
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${resourceName(type)} "${existing.metadata?.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
  }
  if (!status && type === PODS && !sameSpec(next as Pod, existing as Pod)) {
    return sendStatus(
      res,
      422,
      'Invalid',
      `Pod "${existing.metadata?.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`,
    );
  }
  const ns = existing.metadata?.namespace;
  const updated = ctx.cluster.store.update(type, ns, existing.metadata!.name!, (o) => {
    if (status) {
      o['status'] = next['status'];
    } else {
      const keep = {
        uid: o.metadata?.uid,
        creationTimestamp: o.metadata?.creationTimestamp,
        namespace: o.metadata?.namespace,
        name: o.metadata?.name,
      };
      o.metadata = {
        ...next.metadata,
        ...keep,
        ...(o.metadata?.deletionTimestamp
          ? {
              deletionTimestamp: o.metadata.deletionTimestamp,
              deletionGracePeriodSeconds: o.metadata.deletionGracePeriodSeconds,
            }
          : {}),
      };
      if (type !== PODS && next['spec'] !== undefined) o['spec'] = next['spec'];
    }
  });
  sendJson(res, 200, encodeObject(updated));
}

/** JSON with every object's keys sorted: equal for equal values whatever order their fields came in. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Whether an update leaves a pod's spec as it is: the body is decoded with defaults first, as the server decodes
 * it, and the order of its fields does not count.
 */
function sameSpec(next: Pod, existing: Pod): boolean {
  return sortedJson(defaultPod({ spec: next.spec } as Pod).spec) === sortedJson(existing.spec);
}

function serveMetrics(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  query: URLSearchParams,
): void {
  if (req.method !== 'GET')
    return sendStatus(
      res,
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  const now = ctx.cluster.now();
  const store = ctx.cluster.store;
  if (route.type.plural === 'nodes') {
    const names = route.name ? [route.name] : store.list(NODES).map((n) => n.metadata!.name!);
    if (route.name && !store.get(NODES, undefined, route.name))
      return sendNotFound(res, 'nodes', route.name, 'metrics.k8s.io');
    const items = names.map((n) => nodeMetrics(n, now));
    if (route.name) return sendJson(res, 200, items[0]);
    return sendJson(res, 200, {
      kind: 'NodeMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items,
    });
  }
  if (route.name) {
    const pod = store.get(PODS, route.namespace, route.name) as Pod | undefined;
    const m = pod && podMetrics(pod, now);
    if (!m) return sendNotFound(res, 'pods', route.name, 'metrics.k8s.io');
    return sendJson(res, 200, m);
  }
  const opts = parseListOptions(PODS, route.namespace, query);
  const items: KubeObject[] = [];
  for (const p of store.list(PODS, route.namespace)) {
    if (!opts.match(p)) continue;
    const m = podMetrics(p as Pod, now);
    if (m) items.push(m);
  }
  sendJson(res, 200, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}
