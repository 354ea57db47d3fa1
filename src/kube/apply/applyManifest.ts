/**
 * Server-side apply of a manifest's objects, as `kubectl apply --server-side --field-manager=podscope` does it:
 * first a dry run of each (`dryRun=All`: the server runs admission, validation and the field manager and stores
 * nothing), compared with the live object to say "create", "unchanged" or what changes; then, once the user has
 * confirmed, the same PATCH for real, one object after another in file order, each reported. A failure does not
 * stop the others (kubectl goes on too), and the report says which documents were applied and which were not.
 * Conflicts with another field manager are refused, never forced (`force=false`).
 */
import { objectDiff } from '../../domain/manifest/objectDiff.js';
import type { ManifestObject } from '../../domain/manifest/parseManifest.js';
import type { ApplyResult, PlanItem, PlanOutcome } from '../../domain/manifest/plan.js';
import { objectLabel } from '../../domain/manifest/plan.js';
import { decodeAnyObject, type AnyObject } from '../decode/anyObject.js';
import { describeFailure, KubeHttpError } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { requestJson, serverUrl } from '../request.js';
import { NoKindMatchError, objectPath, type ResourceDiscovery } from './discovery.js';

/** The field manager podscope applies as (`kubectl apply --server-side --field-manager`). */
export const FIELD_MANAGER = 'podscope';

/** The PATCH content type of server-side apply (JSON is YAML, so the body is sent as JSON). */
const APPLY_PATCH = 'application/apply-patch+yaml';

const TIMEOUT_MS = 30_000;

/** Times the live object is read again when it changed between the read and the dry run. */
const RACE_ATTEMPTS = 3;

/**
 * Where a Status message starts repeating its causes: a 422's `Pod "x" is invalid: [a, b]` and a 409's `Apply
 * failed with 2 conflicts: conflict with "kubectl" …` (apiserver fieldmanager NewConflictError).
 */
const CAUSES_START: Partial<Record<number, { readonly marker: string; readonly keep: number }>> = {
  422: { marker: ' is invalid: ', keep: ' is invalid'.length },
  409: { marker: ': conflict', keep: 0 },
};

/** A failed request as the server worded it, with its causes one per line (`field: message`). */
function refusal(e: unknown, kc: KubeConfigLike, what: string): { message: string; causes: string[] } {
  if (e instanceof NoKindMatchError) return { message: e.message, causes: [] };
  if (e instanceof KubeHttpError && e.status !== 401 && e.status !== 429) {
    // A 409's and a 422's message repeats the causes inline; the causes are listed one per line instead.
    const causes = e.causes.map((c) =>
      c.field && c.message ? `${c.field}: ${c.message}` : (c.message ?? c.field ?? c.reason ?? ''),
    );
    const cut = causes.length > 0 ? CAUSES_START[e.status] : undefined;
    const at = cut === undefined ? -1 : e.statusMessage.indexOf(cut.marker);
    const message = at < 0 || !cut ? e.statusMessage : e.statusMessage.slice(0, at + cut.keep);
    return { message: message || e.statusMessage, causes: causes.filter(Boolean) };
  }
  return { message: describeFailure(e, serverUrl(kc), what).message, causes: [] };
}

/** The PATCH of server-side apply, dry run or not. */
async function patch(kc: KubeConfigLike, item: PlanItem, dryRun: boolean): Promise<AnyObject> {
  const path = item.path ?? '';
  const raw = await requestJson(kc, 'PATCH', path, {
    query: { fieldManager: FIELD_MANAGER, force: false, ...(dryRun ? { dryRun: 'All' } : {}) },
    body: item.object.body,
    contentType: APPLY_PATCH,
    timeoutMs: TIMEOUT_MS,
  });
  return decodeAnyObject(raw, `PATCH ${path}`);
}

/** The live object, or undefined when there is none (404). */
async function live(kc: KubeConfigLike, path: string): Promise<AnyObject | undefined> {
  try {
    return decodeAnyObject(await requestJson(kc, 'GET', path, { timeoutMs: TIMEOUT_MS }), `GET ${path}`);
  } catch (e) {
    if (e instanceof KubeHttpError && e.status === 404) return undefined;
    throw e;
  }
}

/** kubectl diff's name for an object's two files: `v1.Pod.default.web`. */
function diffLabel(o: ManifestObject, namespace: string | undefined): string {
  return [o.apiVersion.replace('/', '.'), o.kind, namespace, o.name].filter((x) => x !== undefined).join('.');
}

/** Namespaces the file creates before this object, so a dry run's "namespace not found" is not a refusal. */
function createdNamespaces(plan: readonly PlanItem[]): Set<string> {
  return new Set(
    plan
      .filter(
        (p) => p.object.kind === 'Namespace' && p.object.apiVersion === 'v1' && p.outcome.kind === 'create',
      )
      .map((p) => p.object.name),
  );
}

async function planOne(
  kc: KubeConfigLike,
  discovery: ResourceDiscovery,
  object: ManifestObject,
  defaultNamespace: string,
  before: readonly PlanItem[],
): Promise<PlanItem> {
  const label = objectLabel(object.apiVersion, object.kind, object.name);
  let base: Omit<PlanItem, 'outcome'> = {
    object,
    label,
    namespace: undefined,
    path: undefined,
    liveVersion: undefined,
  };
  try {
    const mapping = await discovery.map(object.apiVersion, object.kind);
    const namespace = mapping.namespaced ? (object.namespace ?? defaultNamespace) : undefined;
    const path = objectPath(mapping, object.name, namespace ?? '');
    base = { ...base, namespace, path };
    let current: AnyObject | undefined;
    let outcome: PlanOutcome | undefined;
    // The live object and the dry run's result must be of the same version, or the diff shows what the kubelet
    // or a controller changed in between (a dry run stores nothing, so its result keeps the version it read).
    for (let attempt = 0; outcome === undefined; attempt++) {
      current = await live(kc, path);
      base = { ...base, liveVersion: current?.resourceVersion };
      try {
        const result = await patch(kc, { ...base, outcome: { kind: 'create' } }, true);
        if (!current) outcome = { kind: 'create' };
        else if (result.resourceVersion !== current.resourceVersion && attempt < RACE_ATTEMPTS) continue;
        else {
          const diff = objectDiff(current.object, result.object, diffLabel(object, namespace));
          outcome = diff.length === 0 ? { kind: 'unchanged' } : { kind: 'configure', diff };
        }
      } catch (e) {
        // The dry run cannot see a namespace the same file creates first (kubectl apply --dry-run=server says
        // "not found" too); applied in order, it will exist.
        const missingNs = namespace !== undefined && e instanceof KubeHttpError && e.status === 404;
        if (missingNs && !current && createdNamespaces(before).has(namespace))
          outcome = { kind: 'create', note: `after namespace ${namespace}` };
        else outcome = { kind: 'refused', ...refusal(e, kc, `apply ${label}`) };
      }
    }
    return { ...base, outcome };
  } catch (e) {
    return { ...base, outcome: { kind: 'refused', ...refusal(e, kc, `apply ${label}`) } };
  }
}

/**
 * The dry run of every object, in file order; never rejects (each refusal is in its item).
 * @param defaultNamespace where objects that name no namespace go (kubectl: the context's, or `-n`)
 */
export async function planApply(
  kc: KubeConfigLike,
  discovery: ResourceDiscovery,
  objects: readonly ManifestObject[],
  defaultNamespace: string,
): Promise<PlanItem[]> {
  const plan: PlanItem[] = [];
  for (const object of objects) plan.push(await planOne(kc, discovery, object, defaultNamespace, plan));
  return plan;
}

/** Applies one planned object and says what became of it. */
async function applyOne(kc: KubeConfigLike, item: PlanItem): Promise<ApplyResult> {
  if (!item.path || item.outcome.kind === 'refused')
    return { item, status: 'not applied', message: 'refused by the dry run' };
  try {
    const result = await patch(kc, item, false);
    if (item.liveVersion === undefined) return { item, status: 'created' };
    // What the confirmed dry run showed, unless the object moved on since (then the apply's own version says):
    // the kubelet changing a pod's status in between is no change of the apply's.
    const unchanged = item.outcome.kind === 'unchanged' || result.resourceVersion === item.liveVersion;
    return { item, status: unchanged ? 'unchanged' : 'configured' };
  } catch (e) {
    return { item, status: 'failed', ...refusal(e, kc, `apply ${item.label}`) };
  }
}

/**
 * Applies the planned objects in file order, each whatever became of the ones before; never rejects.
 * @param plan what planApply returned and the user confirmed
 */
export async function applyPlan(kc: KubeConfigLike, plan: readonly PlanItem[]): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const item of plan) results.push(await applyOne(kc, item));
  return results;
}
