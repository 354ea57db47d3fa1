/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`), as far as clients see it: PatchOptions
 * checked (a field manager is required), the object created when missing (201) or merged into (200), each
 * manager's fields recorded in managedFields (operation Apply), a change to a field another manager owns
 * refused with the 409 apiserver's fieldmanager words (NewConflictError: "Apply failed with 1 conflict:
 * conflict with \"a\": .metadata.labels.x", one cause per field) unless forced — then the field changes hands —
 * and fields this manager applied before and no longer applies removed when nobody else owns them.
 * Ownership is tracked per leaf field and per keyed list item, not with structured-merge-diff's schemas.
 */
import { isDeepStrictEqual } from 'node:util';
import { load as loadYaml } from 'js-yaml';
import type { KubeObject, Pod } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { rfc3339 } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { apiVersionOf, PODS } from '../store/resourceTypes.js';
import { ApiError, invalidOptions, required } from './apiErrors.js';
import { dryRunErrors } from './deleteOptions.js';
import type { Path } from './fieldPaths.js';
import {
  fromFieldsV1,
  leafPaths,
  overlaps,
  pathString,
  removeAt,
  toFieldsV1,
  valueAt,
} from './fieldPaths.js';
import { admitToNamespace } from './namespaceLifecycle.js';
import { mergePatch } from './patch.js';

interface ManagedEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

/**
 * The order the field manager stores entries in (managedfields/internal sortEncodedManagedFields): by operation,
 * then by time to the second (older first), then manager, apiVersion and subresource. So a manager that applies
 * again moves after those whose entries are older, rather than keeping its place.
 */
function sortManagedFields(entries: ManagedEntry[]): void {
  const seconds = (e: ManagedEntry) => (e.time ? Math.floor(Date.parse(e.time) / 1000) : 0);
  const by = (a: string | undefined, b: string | undefined) =>
    (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
  entries.sort(
    (p, q) =>
      by(p.operation, q.operation) ||
      seconds(p) - seconds(q) ||
      by(p.manager, q.manager) ||
      by(p.apiVersion, q.apiVersion) ||
      by(p.subresource, q.subresource),
  );
}

/** Fields that identify the object rather than configure it: nobody owns them. */
const IDENTITY = new Set(['.apiVersion', '.kind', '.metadata.name', '.metadata.namespace']);
const SERVER_SET = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation'];

/** ValidatePatchOptions for any patch: force only with apply, a field manager with apply, dryRun All. */
export function validatePatchOptions(query: URLSearchParams, apply: boolean): void {
  const errs = [];
  if (!apply && query.has('force')) {
    errs.push({
      field: 'force',
      reason: 'FieldValueForbidden' as const,
      body: 'Forbidden: may not be specified for non-apply patch',
    });
  }
  if (apply && !query.get('fieldManager')) errs.push(required('fieldManager', 'is required for apply patch'));
  errs.push(...dryRunErrors(query.getAll('dryRun')));
  if (errs.length > 0) throw invalidOptions('PatchOptions', errs);
}

/** How the fieldmanager prints a manager in a conflict (printManager). */
function printManager(e: ManagedEntry): string {
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${s} using ${e.apiVersion ?? ''}` : s;
}

function conflictError(conflicts: { manager: ManagedEntry; path: Path }[]): ApiError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.manager)}: ${pathString(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = printManager(c.manager);
      byManager.set(m, [...(byManager.get(m) ?? []), pathString(c.path)]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((m) => [`conflicts with ${m}`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/** The applied configuration, decoded from YAML (or JSON, which is YAML). */
function decodeApplied(raw: Buffer): Record<string, unknown> {
  let v: unknown;
  try {
    v = loadYaml(raw.toString('utf8'));
  } catch (e) {
    const reason = (e as { reason?: string }).reason ?? (e as Error).message;
    const line = ((e as { mark?: { line?: number } }).mark?.line ?? 0) + 1;
    throw new ApiError(
      400,
      'BadRequest',
      `error decoding YAML: error converting YAML to JSON: yaml: line ${line}: ${reason}`,
    );
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ApiError(400, 'BadRequest', 'error decoding YAML: the applied configuration is not an object');
  }
  return v as Record<string, unknown>;
}

export interface ApplyResult {
  code: 200 | 201;
  object: KubeObject;
}

/** Applies a configuration; `validate` refuses what an update may not change (a pod's spec). */
export function serverSideApply(
  cluster: Cluster,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  raw: Buffer,
  query: URLSearchParams,
  validate: (before: KubeObject, after: KubeObject) => void,
  /** What a create does to an object of this kind besides storing it (defaults, validation), pods aside. */
  prepareCreate: (o: KubeObject) => KubeObject = (o) => o,
): ApplyResult {
  validatePatchOptions(query, true);
  const manager = query.get('fieldManager')!;
  const force = query.get('force') === 'true';
  const dryRun = query.getAll('dryRun').includes('All');
  const applied = decodeApplied(raw);
  const meta = { ...((applied['metadata'] ?? {}) as Record<string, unknown>) };
  if (meta['name'] !== undefined && meta['name'] !== name) {
    throw new ApiError(
      400,
      'BadRequest',
      `the name of the object (${String(meta['name'])}) does not match the name on the URL (${name})`,
    );
  }
  for (const k of SERVER_SET) Reflect.deleteProperty(meta, k);
  const config: Record<string, unknown> = {
    ...applied,
    metadata: { ...meta, name, ...(namespace ? { namespace } : {}) },
  };
  // The main resource's reset fields (GetResetFields in each kind's strategy, e.g. pkg/registry/core/pod/strategy.go:
  // `status` for pods, deployments, replicasets and namespaces) are dropped from what is applied before the field
  // manager sees it: nobody owns `.status` through an apply, so `status: {}` (kubectl run --dry-run=client -o yaml
  // writes it, seed 002's pod.yaml has it) neither conflicts nor changes anything.
  Reflect.deleteProperty(config, 'status');
  const owned = leafPaths(config).filter((l) => !IDENTITY.has(pathString(l.path)));
  const entry = (): ManagedEntry => ({
    manager,
    operation: 'Apply',
    apiVersion: apiVersionOf(type),
    time: rfc3339(cluster.now()),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(owned.map((l) => l.path)),
  });
  const existing = cluster.store.get(type, namespace, name);
  if (!existing) {
    // Creating: the NamespaceLifecycle admission plugin first, as for a POST.
    admitToNamespace(
      cluster,
      type,
      namespace,
      type.group ? `${type.plural}.${type.group}` : type.plural,
      name,
    );
    const obj = prepareCreate({
      ...config,
      metadata: { ...(config['metadata'] as object), managedFields: [entry()] },
    } as KubeObject);
    const created =
      type === PODS
        ? cluster.submitPod(obj as Pod, undefined, dryRun).pod
        : dryRun
          ? cluster.store.previewCreate(type, obj)
          : cluster.store.create(type, obj);
    return { code: 201, object: created };
  }
  const entries = (existing.metadata?.managedFields ?? []) as ManagedEntry[];
  const isMine = (e: ManagedEntry): boolean =>
    e.manager === manager && e.operation === 'Apply' && !e.subresource;
  const others = entries.filter((e) => !isMine(e));
  const mine = entries.find(isMine);
  const conflicts: { manager: ManagedEntry; path: Path }[] = [];
  for (const l of owned) {
    if (JSON.stringify(valueAt(existing, l.path)) === JSON.stringify(l.value)) continue;
    for (const o of others) {
      if (fromFieldsV1(o.fieldsV1).some((p) => overlaps(p, l.path)))
        conflicts.push({ manager: o, path: l.path });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  const merged = mergePatch(existing, config, true) as KubeObject;
  // What this manager applied before and applies no longer goes, unless someone else owns it too.
  const now = new Set(owned.map((l) => pathString(l.path)));
  for (const p of mine ? fromFieldsV1(mine.fieldsV1) : []) {
    if (now.has(pathString(p))) continue;
    if (others.some((o) => fromFieldsV1(o.fieldsV1).some((q) => overlaps(q, p)))) continue;
    removeAt(merged, p);
  }
  // Forced: the conflicting fields leave their former managers (who go when they own nothing more).
  const managedFields: ManagedEntry[] = [];
  for (const e of entries) {
    if (e === mine) {
      // The field manager stamps a new time only when the manager's set of fields changed
      // (managedfields/internal/managedfieldsupdater.go).
      const fresh = entry();
      const same =
        JSON.stringify(fresh.fieldsV1) === JSON.stringify(mine.fieldsV1) &&
        fresh.apiVersion === mine.apiVersion;
      managedFields.push(same ? mine : fresh);
      continue;
    }
    const lost = conflicts.filter((c) => c.manager === e);
    if (lost.length === 0) {
      managedFields.push(e);
      continue;
    }
    const rest = fromFieldsV1(e.fieldsV1).filter((p) => !lost.some((c) => overlaps(p, c.path)));
    if (rest.length) managedFields.push({ ...e, fieldsV1: toFieldsV1(rest) });
  }
  if (!mine) managedFields.push(entry());
  sortManagedFields(managedFields);
  validate(existing, merged);
  // Nothing changed (the same fields, the same owners): the storage layer writes nothing and the object keeps its
  // resourceVersion (etcd3 store GuaranteedUpdate: the new bytes equal the old), dry run or not.
  if (isDeepStrictEqual({ ...merged, metadata: { ...merged.metadata, managedFields } }, existing))
    return { code: 200, object: existing };
  if (dryRun)
    return {
      code: 200,
      object: { ...merged, metadata: { ...merged.metadata, managedFields } } as KubeObject,
    };
  const updated = cluster.store.update(type, namespace, name, (o) => {
    for (const k of Object.keys(o)) if (k !== 'metadata' && k !== 'status') Reflect.deleteProperty(o, k);
    Object.assign(o, { ...merged, status: o['status'], metadata: { ...merged.metadata, managedFields } });
  });
  return { code: 200, object: updated };
}
