/**
 * The demo as a kube-apiserver without the WatchList feature (before 1.32, or `--feature-gates=WatchList=false`):
 * what such a server answers to the list/watch options. Two places depend on the gate in apiserver 1.32:
 * - SetListOptionsDefaults (apimachinery meta/internalversion/defaults.go) turns a watch from "" or "0" that chose
 *   neither `sendInitialEvents` nor `resourceVersionMatch` into a watch-list only with the gate on; off, such a
 *   watch sends the current state as ADDED events and no initial-events-end bookmark.
 * - validateWatchOptions (meta/internalversion/validation/validation.go) refuses `sendInitialEvents` on a watch
 *   with the gate off: `sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled`,
 *   after the `resourceVersionMatch` check of the same option, before the checks of `resourceVersionMatch` itself.
 * `parseListOptions` (listOptions.ts) is the gate-on server; this wraps it.
 */
import type { FieldError } from './apiErrors.js';
import { ApiError, forbidden, invalidOptions } from './apiErrors.js';
import type { ListOptions } from './listOptions.js';

const GATE_OFF = forbidden(
  'sendInitialEvents',
  'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
);
/** The error validateWatchOptions reports just before the gate's, when `resourceVersionMatch` is not NotOlderThan. */
const REQUIRES_MATCH = 'sendInitialEvents requires setting resourceVersionMatch';

const CAUSE_REASONS: readonly FieldError['reason'][] = [
  'FieldValueForbidden',
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueInvalid',
];

/** The field errors of a 422 on ListOptions, back from its Status causes. */
function fieldErrors(e: ApiError): FieldError[] {
  return (e.details?.causes ?? []).map((c) => ({
    field: c.field ?? '',
    reason: CAUSE_REASONS.find((r) => r === c.reason) ?? 'FieldValueInvalid',
    body: c.message ?? '',
  }));
}

/** strconv.ParseBool's true spellings (the parse has already refused what is neither true nor false). */
function isTrue(v: string | null): boolean {
  return v !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}

/**
 * List/watch options as a server without WatchList parses them.
 * @param parse the gate-on parse of the same request (`parseListOptions`)
 * @param q the request's query
 */
export function withoutWatchList(parse: () => ListOptions, q: URLSearchParams): ListOptions {
  const given = q.get('sendInitialEvents') !== null;
  let opts: ListOptions;
  try {
    opts = parse();
  } catch (e) {
    // Refused for other reasons too: the gate's error joins the others, in validateWatchOptions' order.
    if (!(e instanceof ApiError) || e.code !== 422 || !given || !isTrue(q.get('watch'))) throw e;
    const errs = fieldErrors(e);
    const after = errs.findIndex(
      (f) => f.field === 'resourceVersionMatch' && f.body.includes(REQUIRES_MATCH),
    );
    errs.splice(after + 1, 0, GATE_OFF);
    throw invalidOptions('ListOptions', errs);
  }
  if (!opts.watch) return opts;
  if (given) throw invalidOptions('ListOptions', [GATE_OFF]);
  // Neither option given (else the parse had refused it): a plain watch, not defaulted into a watch-list.
  return { ...opts, sendInitialEvents: undefined, resourceVersionMatch: undefined };
}
