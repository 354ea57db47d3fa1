/**
 * Errors that answer as a Status: any handler may throw one, and handleResource sends it. `invalidOptions` builds
 * the 422 the API server answers for bad ListOptions, DeleteOptions, CreateOptions or PatchOptions
 * (apimachinery's errors.NewInvalid over field.ErrorList: `KIND.meta.k8s.io "" is invalid: path: Type: detail`,
 * several errors as `[a, b]`, each one a cause).
 */
import type { StatusDetails, StatusReason } from '../http/status.js';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }
}

type CauseReason =
  'FieldValueForbidden' | 'FieldValueNotSupported' | 'FieldValueRequired' | 'FieldValueInvalid';

/** One field.Error: where, its type, and what the cause's message says (`Forbidden: …`). */
export interface FieldError {
  field: string;
  reason: CauseReason;
  /** The error's text without the path, as field.Error.ErrorBody() writes it. */
  body: string;
}

/** A Go %q of a string (JSON's quoting, which agrees for what clients send). */
export const goQuote = (s: string): string => JSON.stringify(s);

export const forbidden = (field: string, detail: string): FieldError => ({
  field,
  reason: 'FieldValueForbidden',
  body: `Forbidden: ${detail}`,
});

export const required = (field: string, detail: string): FieldError => ({
  field,
  reason: 'FieldValueRequired',
  body: `Required value: ${detail}`,
});

/** field.NotSupported: `value` as the API server prints it (a string quoted, a list as Go's %#v). */
export const notSupported = (field: string, value: string, supported: readonly string[]): FieldError => ({
  field,
  reason: 'FieldValueNotSupported',
  body: `Unsupported value: ${value}: supported values: ${supported.map(goQuote).join(', ')}`,
});

/** errors.NewInvalid for an options kind of meta.k8s.io (the object has no name: `""`). */
export function invalidOptions(kind: string, errors: readonly FieldError[]): ApiError {
  const texts = errors.map((e) => `${e.field}: ${e.body}`);
  const agg = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${agg}`, {
    group: 'meta.k8s.io',
    kind,
    causes: errors.map((e) => ({ reason: e.reason, message: e.body, field: e.field })),
  });
}
