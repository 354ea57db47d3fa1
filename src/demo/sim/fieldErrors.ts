/**
 * Field errors and the 422 Invalid they make, worded as apimachinery's util/validation/field errors and
 * api/errors.NewInvalid word them: `Pod "x" is invalid: spec.containers[0].image: Required value`, several
 * errors in brackets, each also a `details.causes` entry (reason, message, field).
 */

export type FieldErrorType = 'Required' | 'Invalid' | 'Duplicate' | 'NotFound' | 'NotSupported' | 'Forbidden';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value (Invalid, Duplicate, NotFound, NotSupported). */
  value?: string | number | boolean;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  NotFound: 'Not found',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
};

export const required = (field: string, detail?: string): FieldError => ({ type: 'Required', field, detail });
export const invalid = (field: string, value: string | number, detail: string): FieldError => ({
  type: 'Invalid',
  field,
  value,
  detail,
});
export const duplicate = (field: string, value: string): FieldError => ({ type: 'Duplicate', field, value });
export const notFound = (field: string, value: string): FieldError => ({ type: 'NotFound', field, value });
export const forbidden = (field: string, detail: string): FieldError => ({
  type: 'Forbidden',
  field,
  detail,
});
export const notSupported = (field: string, value: string, supported: readonly string[]): FieldError => ({
  type: 'NotSupported',
  field,
  value,
  detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});

/** The message after the field (ErrorBody): strings quoted as Go's %q, numbers bare, then the detail. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (e.type !== 'Required' && e.type !== 'Forbidden' && e.value !== undefined) {
    s += `: ${typeof e.value === 'string' ? JSON.stringify(e.value) : String(e.value)}`;
  }
  return e.detail ? `${s}: ${e.detail}` : s;
}

export interface InvalidStatus {
  message: string;
  causes: { reason: string; message: string; field: string }[];
}

/** The Invalid status of an object with these errors (NewInvalid); identical messages are listed once. */
export function invalidStatus(kind: string, name: string, errors: readonly FieldError[]): InvalidStatus {
  const lines = [...new Set(errors.map((e) => `${e.field}: ${errorBody(e)}`))];
  return {
    message: `${kind} "${name}" is invalid: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`,
    causes: errors.map((e) => ({ reason: `FieldValue${e.type}`, message: errorBody(e), field: e.field })),
  };
}
