/** The query parameters of list and watch requests, parsed and checked once. */
import type { KubeObject } from '../../domain/wire.js';
import { matchesLabels, parseLabelSelector, SelectorError } from '../../domain/labelSelector.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { FieldSelectorError, matchesFields, parseFieldSelector } from './fieldSelector.js';

export interface ListOptions {
  namespace: string | undefined;
  match: (o: KubeObject) => boolean;
  limit: number | undefined;
  continueToken: string | undefined;
  resourceVersion: string | undefined;
  watch: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds: number | undefined;
  sendInitialEvents: boolean;
}

export class OptionsError extends Error {}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new OptionsError(`invalid value for ${name}: "${v}" is not an integer`);
  return Number(v);
}

function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1';
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
      labelMatch = (o) => matchesLabels(sel, o.metadata?.labels);
    } catch (e) {
      if (e instanceof SelectorError) throw new OptionsError(`unable to parse requirement: ${e.message}`);
      throw e;
    }
  }
  let fieldMatch: (o: KubeObject) => boolean = () => true;
  const fs = q.get('fieldSelector');
  if (fs) {
    try {
      const reqs = parseFieldSelector(type, fs);
      fieldMatch = (o) => matchesFields(type, reqs, o);
    } catch (e) {
      if (e instanceof FieldSelectorError) throw new OptionsError(e.message);
      throw e;
    }
  }
  const limit = intParam(q, 'limit');
  const rv = q.get('resourceVersion') ?? undefined;
  if (rv !== undefined && rv !== '' && !/^\d+$/.test(rv)) {
    throw new OptionsError(`invalid resource version: "${rv}"`);
  }
  return {
    namespace,
    match: (o) => (!namespace || o.metadata?.namespace === namespace) && labelMatch(o) && fieldMatch(o),
    limit: limit && limit > 0 ? limit : undefined,
    continueToken: q.get('continue') || undefined,
    resourceVersion: rv || undefined,
    watch: boolParam(q, 'watch'),
    allowWatchBookmarks: boolParam(q, 'allowWatchBookmarks'),
    timeoutSeconds: intParam(q, 'timeoutSeconds'),
    sendInitialEvents: boolParam(q, 'sendInitialEvents'),
  };
}
