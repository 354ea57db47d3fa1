/**
 * DeleteOptions as the API server takes them (apiserver handlers/delete.go): the query's parameters, then the
 * body's fields over them; validated as apimachinery's ValidateDeleteOptions does (a 422 on DeleteOptions);
 * a gracePeriodSeconds that is no integer is the decoder's 400.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { FieldError } from './apiErrors.js';
import { ApiError, invalidOptions, notSupported } from './apiErrors.js';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

const POLICIES = ['Foreground', 'Background', 'Orphan'];

/** `[]string{"a", "b"}`, Go's %#v of a string slice (how field.NotSupported prints dryRun). */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** ValidateDryRun: only "All". */
export function dryRunErrors(values: readonly string[]): FieldError[] {
  return values.every((v) => v === 'All') ? [] : [notSupported('dryRun', goStringSlice(values), ['All'])];
}

export function parseDeleteOptions(
  body: Record<string, unknown> | undefined,
  query: URLSearchParams,
): DeleteOptions {
  const opts: DeleteOptions = { dryRun: false };
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && grace !== '') {
    if (!/^-?\d+$/.test(grace))
      throw new ApiError(400, 'BadRequest', `strconv.ParseInt: parsing "${grace}": invalid syntax`);
    opts.gracePeriodSeconds = Number(grace);
  }
  const policy = query.get('propagationPolicy');
  if (policy !== null) opts.propagationPolicy = policy;
  let dryRun = query.getAll('dryRun');
  if (body) {
    if (typeof body['gracePeriodSeconds'] === 'number') opts.gracePeriodSeconds = body['gracePeriodSeconds'];
    if (typeof body['propagationPolicy'] === 'string') opts.propagationPolicy = body['propagationPolicy'];
    if (Array.isArray(body['dryRun'])) dryRun = body['dryRun'].map(String);
    const pre = body['preconditions'];
    if (pre && typeof pre === 'object') {
      const p = pre as { uid?: unknown; resourceVersion?: unknown };
      opts.preconditions = {
        ...(typeof p.uid === 'string' ? { uid: p.uid } : {}),
        ...(typeof p.resourceVersion === 'string' ? { resourceVersion: p.resourceVersion } : {}),
      };
    }
  }
  const errs: FieldError[] = [];
  if (opts.propagationPolicy !== undefined && !POLICIES.includes(opts.propagationPolicy)) {
    errs.push(
      notSupported('propagationPolicy', JSON.stringify(opts.propagationPolicy), [...POLICIES, 'nil']),
    );
  }
  errs.push(...dryRunErrors(dryRun));
  if (errs.length > 0) throw invalidOptions('DeleteOptions', errs);
  opts.dryRun = dryRun.includes('All');
  return opts;
}

/**
 * The finalizer a propagation policy puts on the object while the garbage collector works
 * (registry deletionFinalizersForGarbageCollection): Foreground's and Orphan's; Background adds none.
 */
export function gcFinalizer(policy: string | undefined): string | undefined {
  if (policy === 'Foreground') return 'foregroundDeletion';
  if (policy === 'Orphan') return 'orphan';
  return undefined;
}

/**
 * rest.BeforeDelete's early check of the preconditions: a uid or resourceVersion that is not the object's is a
 * 409 Conflict on the object's kind (not its resource: `Pod "x"`), worded as there.
 */
export function checkPreconditions(
  o: KubeObject,
  pre: DeleteOptions['preconditions'],
  kind: string,
  group: string,
): void {
  if (!pre) return;
  const name = o.metadata?.name ?? '';
  const fail = (why: string): never => {
    const qualified = group ? `${kind}.${group}` : kind;
    throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, {
      name,
      ...(group ? { group } : {}),
      kind,
    });
  };
  if (pre.uid !== undefined && pre.uid !== o.metadata?.uid) {
    fail(
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${o.metadata?.uid ?? ''}). The object might have been deleted and then recreated`,
    );
  }
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== o.metadata?.resourceVersion) {
    fail(
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${o.metadata?.resourceVersion ?? ''}). The object might have been modified`,
    );
  }
}
