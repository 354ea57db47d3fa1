/**
 * The REST verbs on resources: list (JSON or Table, paged), watch, get, create, update, patch and delete, with
 * the status subresource, each answering what a kube-apiserver answers — including its errors.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject, Pod } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { BodyError, readBody, readObject } from '../http/body.js';
import type { BodyKind } from '../http/body.js';
import { encodeObject, sendJson, sendList } from '../http/json.js';
import type { ResourceRoute } from '../http/route.js';
import {
  failureStatus,
  sendGenericStatus,
  sendMethodNotAllowed,
  sendNotFound,
  sendStatus,
} from '../http/status.js';
import type { StatusReason } from '../http/status.js';
import { nodeMetrics, podMetrics } from '../metrics.js';
import { rfc3339, StoreError } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { apiVersionOf, NAMESPACES, NODES, PODS, REVIEW_TYPES } from '../store/resourceTypes.js';
import { handleEphemeralContainers } from './ephemeral.js';
import { handlePodAction } from './podActions.js';
import { handleReview } from './reviews.js';
import { serverSideApply, validatePatchOptions } from './apply.js';
import { admitToNamespace } from './namespaceLifecycle.js';
import { ApiError, goQuote, invalidOptions, notSupported } from './apiErrors.js';
import { BadContinue, ContinueExpired, ContinueInconsistent, listPage } from './list.js';
import { OptionsError, parseListOptions, parseResourceVersion } from './listOptions.js';
import type { ListOptions } from './listOptions.js';
import { awaitListVersion } from './listVersion.js';
import { sendTable } from './tableList.js';
import { checkPreconditions, dryRunErrors, gcFinalizer, parseDeleteOptions } from './deleteOptions.js';
import { fieldManager, managedFieldsEntry } from './managedFields.js';
import { applyPatch, decodePatch, PatchError } from './patch.js';
import { includeObjectParam, inTableVersion, toTable, wantsTable } from './tables.js';
import { defaultPod } from '../sim/podDefaults.js';
import { FIELD_VALIDATIONS, pruneUnknownPodFields } from './podWire.js';
import type { WatchHub } from './watch.js';
import { withoutWatchList } from './watchListGate.js';
import type { UserInfo } from '../auth/userInfo.js';
import type { DemoAuthorizer } from '../auth/authorizer.js';
import { isRbacType, prepareRbacCreate, prepareRbacUpdate, RBAC_FIELDS } from '../auth/rbacValidation.js';
import { handleScale } from './scale.js';
import { prepareWorkloadCreate, prepareWorkloadUpdate } from './workloadStrategy.js';
import { SERVICES } from '../store/resourceTypes.js';
import { allocationsOf, prepareService } from '../sim/serviceCreate.js';

export interface ResourceContext {
  cluster: Cluster;
  watches: WatchHub;
  /** Who sent the request (the authenticator's answer). */
  user: UserInfo;
  /** Who may do what: the access reviews ask it. */
  authorizer: DemoAuthorizer;
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
    if (REVIEW_TYPES.includes(type))
      return await handleReview(req, res, type, ctx.user, ctx.authorizer, ctx.cluster.now());
    if (type === PODS && name && subresource === 'ephemeralcontainers') {
      return await handleEphemeralContainers(ctx.cluster, req, res, namespace!, name);
    }
    if (type === PODS && name && (subresource === 'binding' || subresource === 'eviction')) {
      return await handlePodAction(ctx.cluster, req, res, namespace!, name, subresource);
    }
    if (name && subresource === 'scale' && type.subresources.some((s) => s.name === 'scale')) {
      return await handleScale(ctx.cluster, req, res, type, namespace, name, query);
    }
    if (subresource && subresource !== 'status') {
      return sendGenericStatus(res, 404, 'NotFound', `the server could not find the requested resource`);
    }
    if (!name) {
      if (method === 'GET') return await listOrWatch(ctx, req, res, type, namespace, query);
      if (method === 'POST') return await create(ctx, req, res, type, namespace, query);
      return sendMethodNotAllowed(res);
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
        if (method === 'PATCH' && !subresource && isApply(req.headers['content-type'])) {
          const raw = await readBody(req);
          const r = serverSideApply(
            ctx.cluster,
            type,
            namespace,
            name,
            raw,
            query,
            (before, after) => {
              if (isRbacType(type)) prepareRbacUpdate(type, before, after);
              prepareWorkloadUpdate(type, before, after);
              if (type !== PODS) return;
              const problem = podUpdateProblem(before as Pod, after as Pod);
              if (problem) throw new ApiError(422, 'Invalid', problem.message, problem.details);
            },
            (o) =>
              prepareServiceCreate(
                ctx,
                type,
                prepareWorkloadCreate(type, isRbacType(type) ? prepareRbacCreate(type, o) : o),
              ),
          );
          return sendJson(res, r.code, encodeObject(r.object));
        }
        if (!existing && method === 'PUT') return await updateMissing(req, res, type, namespace, name);
        if (!existing) return sendNotFound(res, type.plural, name, type.group);
        return await change(ctx, req, res, type, existing, subresource === 'status', method === 'PUT', query);
    }
    return sendMethodNotAllowed(res);
  } catch (e) {
    if (e instanceof ApiError) return sendStatus(res, e.code, e.reason, e.message, e.details);
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
          ? { name: objectName, ...(type.group ? { group: type.group } : {}), kind: type.plural }
          : undefined;
      return sendStatus(res, e.code, e.reason, e.message, details);
    }
    if (e instanceof BodyError) return sendStatus(res, e.code, bodyErrorReason(e.code), e.message);
    if (e instanceof OptionsError || e instanceof BadContinue || e instanceof PatchError) {
      return sendStatus(res, 400, 'BadRequest', e.message);
    }
    if (e instanceof ContinueExpired) return sendStatus(res, 410, 'Expired', e.message);
    if (e instanceof ContinueInconsistent) {
      return sendJson(res, 410, {
        ...failureStatus(410, 'Expired', e.message),
        metadata: { continue: e.continueToken },
      });
    }
    throw e;
  }
}

function bodyErrorReason(code: BodyError['code']): StatusReason {
  if (code === 415) return 'UnsupportedMediaType';
  return code === 500 ? '' : 'BadRequest';
}

/** What a body sent to this type's endpoints is decoded as. */
function bodyKind(type: ResourceType): BodyKind {
  return { kind: type.kind, apiVersion: apiVersionOf(type) };
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
      inTableVersion(
        toTable(type, [o], now, includeObjectParam(query), { resourceVersion: o.metadata?.resourceVersion }),
        req.headers.accept,
      ),
    );
  }
  sendJson(res, 200, encodeObject(o));
}

async function listOrWatch(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): Promise<void> {
  const parse = (): ListOptions => parseListOptions(type, namespace, query);
  const opts = ctx.watches.watchListServed ? parse() : withoutWatchList(parse, query);
  const table = wantsTable(req.headers.accept);
  if (opts.watch) {
    parseResourceVersion(opts.resourceVersion); // cacher.Watch: a bad version is its bare 500
    ctx.watches.serve(res, type, opts, { table, include: includeObjectParam(query) });
    return;
  }
  await awaitListVersion(ctx.cluster.store, opts);
  const page = listPage(ctx.cluster.store, type, opts);
  const meta = {
    resourceVersion: page.resourceVersion,
    ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}),
  };
  if (table) {
    const include = includeObjectParam(query);
    return sendTable(res, type, page.items, ctx.cluster.now(), include, meta, req.headers.accept);
  }
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
  // handlers/create.go: CreateOptions (dryRun, fieldValidation) are validated before the body is decoded.
  const dryRun = query.getAll('dryRun');
  const validation = query.get('fieldValidation') ?? '';
  const optionErrors = [
    ...dryRunErrors(dryRun),
    ...(FIELD_VALIDATIONS.includes(validation)
      ? []
      : [notSupported('fieldValidation', goQuote(validation), FIELD_VALIDATIONS)]),
  ];
  if (optionErrors.length > 0) throw invalidOptions('CreateOptions', optionErrors);
  const body = await readObject(req, bodyKind(type));
  if (!body) {
    // transformDecodeError over an empty body.
    return sendStatus(
      res,
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ${type.kind}): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)`,
    );
  }
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
  if (obj.apiVersion && obj.apiVersion !== apiVersionOf(type)) {
    return sendStatus(
      res,
      400,
      'BadRequest',
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(type)})`,
    );
  }
  if (obj.kind && obj.kind !== type.kind) {
    // The decoder finds the kind in the scheme, then no conversion to the type the endpoint stores.
    const internal = type.group ? type.group.split('.')[0]! : 'core';
    const v = apiVersionOf(type);
    return sendStatus(
      res,
      400,
      'BadRequest',
      `${String(obj.kind)} in version "${v}" cannot be handled as a ${type.kind}: converting (${v.replace(/^.*\//, '')}.${String(obj.kind)}) to (${internal}.${type.kind}): unknown conversion`,
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
  admitToNamespace(ctx.cluster, type, namespace, resourceName(type), obj.metadata?.name ?? '');
  if (type.namespaced) obj.metadata = { ...obj.metadata, namespace };
  const isDry = dryRun.includes('All');
  const manager = fieldManager(query, req.headers['user-agent']);
  if (type === PODS) {
    const prepared = ctx.cluster.submitPod(obj as Pod, manager, isDry);
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
  const created = createObject(
    ctx,
    type,
    isRbacType(type) ? prepareRbacCreate(type, obj) : obj,
    manager,
    isDry,
  );
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
  obj = prepareServiceCreate(ctx, type, prepareWorkloadCreate(type, obj));
  const now = ctx.cluster.now();
  const entry = managedFieldsEntry(obj as Record<string, unknown>, manager, apiVersionOf(type), rfc3339(now));
  obj.metadata = { ...obj.metadata, ...(entry ? { managedFields: [entry as never] } : {}) };
  if (type === NAMESPACES) {
    // The strategy's PrepareForCreate: phase Active, and the kubernetes finalizer (which the namespace controller
    // removes once it has emptied the namespace) appended unless the client listed it.
    const finalizers = (obj['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    const all = finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'];
    obj = { ...obj, spec: { ...(obj['spec'] as object), finalizers: all }, status: { phase: 'Active' } };
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

/** A Service's defaults, validation and allocations (sim/serviceCreate.ts); other kinds pass as they are. */
function prepareServiceCreate(ctx: ResourceContext, type: ResourceType, obj: KubeObject): KubeObject {
  if (type !== SERVICES) return obj;
  return prepareService(obj, allocationsOf(ctx.cluster.store.list(SERVICES)));
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

/** DeleteOptions' own group version; a body may also name any group's (handlers/delete.go). */
const DELETE_OPTIONS: BodyKind = { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1' };

/** The DELETE's body as DeleteOptions (JSON or protobuf); one that decodes to another kind is no options. */
async function deleteOptionsBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const body = await readObject(req, DELETE_OPTIONS);
  if (body && body['kind'] !== undefined && body['kind'] !== 'DeleteOptions') {
    // handlers/delete.go: a body that decodes to another kind is not taken as options (a plain error: 500).
    throw new BodyError(500, 'decoded object cannot be converted to DeleteOptions');
  }
  return body;
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
  const opts = parseDeleteOptions(await deleteOptionsBody(req), query);
  const store = ctx.cluster.store;
  const existing = store.get(type, namespace, name);
  if (!existing) return sendNotFound(res, type.plural, name, type.group);
  checkPreconditions(existing, opts.preconditions, type.kind, type.group);
  if (type === PODS) {
    const answer = ctx.cluster.deletePod(namespace!, name, opts.gracePeriodSeconds, {
      dryRun: opts.dryRun,
      finalizer: gcFinalizer(opts.propagationPolicy),
    });
    return sendJson(res, 200, encodeObject(answer));
  }
  if (type === NAMESPACES) {
    return sendJson(res, 200, encodeObject(ctx.cluster.deleteNamespace(name, opts.dryRun)));
  }
  if (!opts.dryRun) store.remove(type, namespace, name);
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
  query: URLSearchParams,
): Promise<void> {
  let next: KubeObject;
  if (put) {
    const body = await readObject(req, bodyKind(type));
    if (body === undefined) return sendStatus(res, 400, 'BadRequest', 'the request body is empty');
    next = body as KubeObject;
    checkBodyIdentity(next, existing.metadata!.name!, existing.metadata?.namespace);
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== existing.metadata?.resourceVersion) {
      const name = existing.metadata!.name!;
      return sendStatus(
        res,
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${resourceName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name, ...(type.group ? { group: type.group } : {}), kind: type.plural },
      );
    }
  } else {
    validatePatchOptions(query, false);
    const patch = decodePatch(await readBody(req), req.headers['content-type']);
    next = applyPatch(existing, patch, req.headers['content-type'] ?? '') as KubeObject;
  }
  if (!status && type === PODS) {
    const problem = podUpdateProblem(existing as Pod, next as Pod);
    if (problem) return sendStatus(res, 422, 'Invalid', problem.message, problem.details);
  }
  if (isRbacType(type)) next = prepareRbacUpdate(type, existing, next);
  if (!status) prepareWorkloadUpdate(type, existing, next);
  const ns = existing.metadata?.namespace;
  const updated = ctx.cluster.store.update(type, ns, existing.metadata!.name!, (o) => {
    const keep = {
      uid: o.metadata?.uid,
      creationTimestamp: o.metadata?.creationTimestamp,
      namespace: o.metadata?.namespace,
      name: o.metadata?.name,
      ...(o.metadata?.deletionTimestamp
        ? {
            deletionTimestamp: o.metadata.deletionTimestamp,
            deletionGracePeriodSeconds: o.metadata.deletionGracePeriodSeconds,
          }
        : {}),
    };
    if (status) {
      // The status strategies (pods' PrepareForUpdate): the spec and owner references stay; metadata such as
      // labels and annotations is taken as sent.
      o['status'] = next['status'];
      o.metadata = { ...next.metadata, ...keep, ownerReferences: o.metadata?.ownerReferences };
      if (!o.metadata.ownerReferences) delete o.metadata.ownerReferences;
    } else {
      o.metadata = { ...next.metadata, ...keep };
      if (next['spec'] !== undefined) o['spec'] = next['spec'];
      // The RBAC kinds keep what they hold at the top level (rules, roleRef, subjects), all of it updatable.
      if (isRbacType(type)) for (const f of RBAC_FIELDS) o[f] = next[f];
    }
  });
  sendJson(res, 200, encodeObject(updated));
}

/**
 * handlers/update.go and rest.BeforeUpdate: the body's name must be the URL's, and its namespace (when given)
 * the request's.
 */
function checkBodyIdentity(body: KubeObject, name: string, namespace: string | undefined): void {
  const bodyName = body.metadata?.name;
  if (bodyName !== undefined && bodyName !== name) {
    throw new ApiError(
      400,
      'BadRequest',
      `the name of the object (${bodyName}) does not match the name on the URL (${name})`,
    );
  }
  const ns = body.metadata?.namespace;
  if (namespace && ns && ns !== namespace) {
    throw new ApiError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

/**
 * PUT of an object that does not exist (none of the demo's types may be created by PUT): NotFound, unless the
 * body carries a uid — then the registry's update turns it into a precondition that the missing object fails,
 * and etcd3's storage error reaches the client as a 409.
 */
async function updateMissing(
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  const body = ((await readObject(req, bodyKind(type))) ?? {}) as KubeObject;
  checkBodyIdentity(body, name, namespace);
  const uid = body.metadata?.uid;
  if (!uid) return sendNotFound(res, type.plural, name, type.group);
  const key = `/registry/${type.group ? `${type.group}/` : ''}${type.plural}/${namespace ? `${namespace}/` : ''}${name}`;
  sendStatus(
    res,
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resourceName(type)} "${name}": StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${uid}, UID in object meta: `,
    { name, ...(type.group ? { group: type.group } : {}), kind: type.plural },
  );
}

/** The spec fields of a pod an update may change (validation.ValidatePodUpdate), blanked to compare the rest. */
function immutablePodSpec(spec: Pod['spec']): unknown {
  if (!spec) return spec;
  const blank = (cs: { image?: string }[] | undefined) => cs?.map((c) => ({ ...c, image: '' }));
  return {
    ...spec,
    containers: blank(spec.containers),
    initContainers: blank(spec.initContainers),
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
    terminationGracePeriodSeconds: undefined,
  };
}

/**
 * ValidatePodUpdate's rule: besides metadata, only containers' and init containers' images, the active
 * deadline, added tolerations and the grace period may change. (The API server appends a Go diff of the specs
 * to the message, which is not reproduced.)
 */
function podUpdateProblem(
  before: Pod,
  after: Pod,
):
  | {
      message: string;
      details: { name: string; kind: string; causes: { reason: string; message: string; field: string }[] };
    }
  | undefined {
  // The body is decoded with defaults first, as the server decodes it, and the order of its fields does not count.
  const decoded = defaultPod({ spec: after.spec } as Pod).spec;
  if (sortedJson(immutablePodSpec(decoded)) === sortedJson(immutablePodSpec(before.spec))) return undefined;
  const detail =
    'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
  const name = before.metadata!.name!;
  return {
    message: `Pod "${name}" is invalid: spec: Forbidden: ${detail}`,
    details: {
      name,
      kind: 'Pod',
      causes: [{ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field: 'spec' }],
    },
  };
}

/** JSON with every object's keys sorted: equal for equal values whatever order their fields came in. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
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

function isApply(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim() === 'application/apply-patch+yaml';
}
