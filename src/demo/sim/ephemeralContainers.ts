/**
 * The `pods/ephemeralcontainers` subresource as the API server checks and defaults it: only
 * `spec.ephemeralContainers` may change, existing entries may not change or go, names are unique across all of
 * the pod's containers, a target must name one of its containers, and fields ephemeral containers cannot have
 * are refused (pkg/apis/core/validation `ValidatePodEphemeralContainersUpdate`, `validateEphemeralContainers`).
 */
import type { Pod } from '../../domain/wire.js';
import { StoreError } from '../store/objectStore.js';
import { defaultPullPolicy } from './podDefaults.js';

/** An ephemeral container as the wire carries it: a container plus the one it targets. */
export type EphemeralContainer = NonNullable<NonNullable<Pod['spec']>['ephemeralContainers']>[number];

/** One field error, as `field.Error` words it and `details.causes` carries it. */
interface FieldError {
  field: string;
  reason:
    | 'FieldValueRequired'
    | 'FieldValueDuplicate'
    | 'FieldValueInvalid'
    | 'FieldValueForbidden'
    | 'FieldValueNotFound';
  message: string;
}

/** Fields an ephemeral container may not set (they describe a long-lived container the pod was scheduled with). */
const FORBIDDEN_FIELDS = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The API server's defaults for a new ephemeral container. */
export function defaultEphemeralContainer(c: EphemeralContainer): EphemeralContainer {
  return {
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image ?? ''),
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
  };
}

function newContainerErrors(
  c: EphemeralContainer,
  field: string,
  taken: Set<string>,
  regular: string[],
): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push({ field: `${field}.name`, reason: 'FieldValueRequired', message: 'Required value' });
  else if (taken.has(c.name))
    errs.push({
      field: `${field}.name`,
      reason: 'FieldValueDuplicate',
      message: `Duplicate value: "${c.name}"`,
    });
  else if (!LABEL.test(c.name) || c.name.length > 63) {
    errs.push({
      field: `${field}.name`,
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${c.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
    });
  }
  if (!c.image)
    errs.push({ field: `${field}.image`, reason: 'FieldValueRequired', message: 'Required value' });
  for (const f of FORBIDDEN_FIELDS) {
    if (c[f] !== undefined) {
      errs.push({
        field: `${field}.${f}`,
        reason: 'FieldValueForbidden',
        message: 'Forbidden: cannot be set for an Ephemeral Container',
      });
    }
  }
  const target = c.targetContainerName;
  if (target && !regular.includes(target)) {
    errs.push({
      field: `${field}.targetContainerName`,
      reason: 'FieldValueNotFound',
      message: `Not found: "${target}"`,
    });
  }
  return errs;
}

/**
 * Checks replacing `old`'s ephemeral containers with `next`; throws the API server's 422 (`Pod "x" is invalid:
 * …`, with one cause per field error) when the update is not allowed.
 */
export function validateEphemeralUpdate(old: Pod, next: readonly EphemeralContainer[]): void {
  const errs: FieldError[] = [];
  const before = old.spec?.ephemeralContainers ?? [];
  const regular = [...(old.spec?.containers ?? []), ...(old.spec?.initContainers ?? [])].map((c) => c.name);
  const taken = new Set(regular);
  for (const prev of before) {
    const now = next.find((c) => c.name === prev.name);
    if (!now || JSON.stringify(now) !== JSON.stringify(prev)) {
      errs.push({
        field: 'spec.ephemeralContainers',
        reason: 'FieldValueForbidden',
        message: `Forbidden: existing ephemeral containers "${prev.name}" may not be changed`,
      });
    }
  }
  for (const [i, c] of next.entries()) {
    const existing = before.some((b) => b.name === c.name);
    if (!existing) errs.push(...newContainerErrors(c, `spec.ephemeralContainers[${i}]`, taken, regular));
    if (c.name) taken.add(c.name);
  }
  if (errs.length === 0) return;
  const lines = errs.map((e) => `${e.field}: ${e.message}`);
  const list = lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
  throw new StoreError(422, 'Invalid', `Pod "${old.metadata?.name ?? ''}" is invalid: ${list}`, errs);
}
