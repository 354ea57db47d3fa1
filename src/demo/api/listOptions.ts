/**
 * The query parameters of list and watch requests, parsed and checked once, in the API server's order
 * (apiserver endpoints/handlers/get.go ListResource): decoding (a bad selector or integer is a 400), defaults
 * and validation of the options (ValidateListOptions: a 422 on ListOptions), then the field labels the resource
 * supports (a 400), then the resourceVersion as storage parses it.
 */
import type { KubeObject } from '../../domain/wire.js';
import { LabelSelectorError, matchesRequirements, parseLabelSelector } from './labelSelector.js';
import type { ResourceType } from '../store/resourceTypes.js';
import type { FieldError } from './apiErrors.js';
import { ApiError, forbidden, invalidOptions, notSupported } from './apiErrors.js';
import { checkFieldLabels, FieldSelectorError, matchesFields, parseFieldSelector } from './fieldSelector.js';

export interface ListOptions {
  namespace: string | undefined;
  match: (o: KubeObject) => boolean;
  /** Whether a label or field selector narrows the list (then no remainingItemCount, as etcd3's store). */
  selective: boolean;
  limit: number | undefined;
  continueToken: string | undefined;
  resourceVersion: string | undefined;
  resourceVersionMatch: string | undefined;
  watch: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds: number | undefined;
  /** undefined when not asked for (after the defaults: a watch from "" or "0" sends them). */
  sendInitialEvents: boolean | undefined;
}

export class OptionsError extends Error {}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  // The parameter codec's strconv.ParseInt, its error as is.
  if (!/^[+-]?\d+$/.test(v)) throw new OptionsError(`strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

/** strconv.ParseBool's spellings; undefined when the parameter is absent. */
function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(v)) return false;
  throw new OptionsError(`strconv.ParseBool: parsing "${v}": invalid syntax`);
}

/**
 * apimachinery's ValidateListOptions / validateWatchOptions (meta/internalversion/validation), with the WatchList
 * feature on as in 1.32.
 */
function validate(o: ListOptions): FieldError[] {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (o.watch) {
    if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errs.push(
        forbidden(
          'resourceVersionMatch',
          'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
        ),
      );
    }
    if (match) {
      if (o.sendInitialEvents === undefined) {
        errs.push(
          forbidden(
            'resourceVersionMatch',
            'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
          ),
        );
      }
      if (match !== 'NotOlderThan')
        errs.push(notSupported('resourceVersionMatch', JSON.stringify(match), ['NotOlderThan']));
      if (o.continueToken) {
        errs.push(
          forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'),
        );
      }
    }
    return errs;
  }
  if (match) {
    if (!o.resourceVersion) {
      errs.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        ),
      );
    }
    if (o.continueToken) {
      errs.push(
        forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'),
      );
    }
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      errs.push(notSupported('resourceVersionMatch', JSON.stringify(match), ['Exact', 'NotOlderThan', '']));
    }
    if (match === 'Exact' && o.resourceVersion === '0') {
      errs.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
        ),
      );
    }
  }
  if (o.sendInitialEvents !== undefined)
    errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errs;
}

/**
 * storage.APIObjectVersioner.ParseResourceVersion: a version that is not an unsigned integer is an InvalidError
 * that no handler turns into a Status, so the client gets a 500 without a reason.
 */
export function parseResourceVersion(rv: string | undefined): number {
  if (rv === undefined || rv === '' || rv === '0') return 0;
  const why = !/^\d+$/.test(rv)
    ? 'invalid syntax'
    : BigInt(rv) > 18446744073709551615n
      ? 'value out of range'
      : undefined;
  if (why) {
    throw new ApiError(
      500,
      '',
      `resourceVersion: Invalid value: "${rv}": strconv.ParseUint: parsing "${rv}": ${why}`,
    );
  }
  return Number(rv);
}

/** Parses list/watch parameters for a type in an optional namespace. */
export function parseListOptions(
  type: ResourceType,
  namespace: string | undefined,
  q: URLSearchParams,
): ListOptions {
  let labelMatch: (o: KubeObject) => boolean = () => true;
  const ls = q.get('labelSelector');
  if (ls) {
    try {
      const sel = parseLabelSelector(ls);
      labelMatch = (o) => matchesRequirements(sel, o.metadata?.labels);
    } catch (e) {
      if (e instanceof LabelSelectorError) throw new OptionsError(e.message);
      throw e;
    }
  }
  let fieldMatch: (o: KubeObject) => boolean = () => true;
  const fs = q.get('fieldSelector');
  let fieldReqs: ReturnType<typeof parseFieldSelector> = [];
  if (fs) {
    try {
      fieldReqs = parseFieldSelector(fs);
    } catch (e) {
      if (e instanceof FieldSelectorError) throw new OptionsError(e.message);
      throw e;
    }
    fieldMatch = (o) => matchesFields(type, fieldReqs, o);
  }
  const limit = intParam(q, 'limit');
  const watch = boolParam(q, 'watch') ?? false;
  const rv = q.get('resourceVersion') || undefined;
  const opts: ListOptions = {
    namespace,
    match: (o) => (!namespace || o.metadata?.namespace === namespace) && labelMatch(o) && fieldMatch(o),
    selective: !!ls || fieldReqs.length > 0,
    limit: limit && limit > 0 ? limit : undefined,
    continueToken: q.get('continue') || undefined,
    resourceVersion: rv,
    resourceVersionMatch: q.get('resourceVersionMatch') || undefined,
    watch,
    allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks') ?? false,
    timeoutSeconds: intParam(q, 'timeoutSeconds'),
    sendInitialEvents: boolParam(q, 'sendInitialEvents'),
  };
  // SetListOptionsDefaults (WatchList on): a watch from "" or "0" that chose neither is a watch-list.
  if (watch && opts.sendInitialEvents === undefined && !opts.resourceVersionMatch && (!rv || rv === '0')) {
    opts.sendInitialEvents = true;
    opts.resourceVersionMatch = 'NotOlderThan';
  }
  const errs = validate(opts);
  if (errs.length > 0) throw invalidOptions('ListOptions', errs);
  try {
    checkFieldLabels(type, fieldReqs);
  } catch (e) {
    if (e instanceof FieldSelectorError) throw new OptionsError(e.message);
    throw e;
  }
  return opts;
}
