/**
 * The `Status` the API server sends with a failure (meta/v1 Status: an HTTP error's body, a watch's ERROR event,
 * exec's closing message). Read leniently: it explains a failure that is already known, so a field of the wrong
 * type is left out rather than hiding that failure behind a decode error.
 */
import { isObject } from './read.js';

/** One of `details.causes`: a 422's invalid field, a 409's conflicting field (field is the path), an exit code. */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

/** The fields of a Status that podscope reads, each present only when it has its type. */
export interface StatusFields {
  /** `Status` when the body says so (a proxy's JSON may not). */
  readonly kind?: string;
  /** `Success` or `Failure`. */
  readonly status?: string;
  /** The sentence to show, e.g. `pods "web-1" not found`. */
  readonly message?: string;
  /** The machine reason, e.g. `NotFound`, `Forbidden`, `Expired`. */
  readonly reason?: string;
  /** The HTTP status it stands for. */
  readonly code?: number;
  /** `details.retryAfterSeconds`, when positive. */
  readonly retryAfterSeconds?: number;
  /** `details.causes`, for exec's `NonZeroExitCode` (the exit code is the cause of reason `ExitCode`). */
  readonly causes?: readonly StatusCause[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The Status fields of a parsed body, or undefined when it is not an object at all.
 * @param raw a parsed JSON body or event object
 */
export function readStatus(raw: unknown): StatusFields | undefined {
  if (!isObject(raw)) return undefined;
  const details = isObject(raw['details']) ? raw['details'] : undefined;
  const after = details?.['retryAfterSeconds'];
  const causes = Array.isArray(details?.['causes'])
    ? details['causes']
        .filter(isObject)
        .map((c) => ({ reason: str(c['reason']), message: str(c['message']), field: str(c['field']) }))
    : undefined;
  return {
    kind: str(raw['kind']),
    status: str(raw['status']),
    message: str(raw['message']),
    reason: str(raw['reason']),
    code: typeof raw['code'] === 'number' ? raw['code'] : undefined,
    retryAfterSeconds: typeof after === 'number' && after > 0 ? after : undefined,
    causes,
  };
}

/**
 * The Status of a body that is one (`kind: Status`) — what a server, a proxy or an aggregated API sends in place of
 * the object asked for — or undefined.
 */
export function statusInstead(raw: unknown): StatusFields | undefined {
  const s = readStatus(raw);
  return s?.kind === 'Status' ? s : undefined;
}

/** `Forbidden: pods is forbidden: …`, or as much of it as the Status has. */
export function statusWords(s: StatusFields): string {
  const words = [s.reason, s.message].filter((w) => w !== undefined && w !== '').join(': ');
  return words || s.status || 'no message';
}
