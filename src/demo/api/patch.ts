/**
 * PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (treated as a merge patch, except that lists
 * of objects with a `name` — containers, conditions by `type` — merge by that key, which is what the fields
 * clients patch on pods need), and JSON patch (RFC 6902).
 */

import { ApiError } from './apiErrors.js';
import { goJsonError, goJsonType } from './goJson.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class PatchError extends Error {}

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown, strategic = false): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (strategic && k.startsWith('$')) continue;
    if (v === null) Reflect.deleteProperty(out, k);
    else if (strategic && Array.isArray(v) && Array.isArray(out[k]))
      out[k] = mergeList(out[k] as unknown[], v);
    else out[k] = mergePatch(out[k], v, strategic);
  }
  if (strategic) {
    for (const [k, order] of Object.entries(patch)) {
      const field = k.startsWith('$setElementOrder/') ? k.slice('$setElementOrder/'.length) : undefined;
      if (field && Array.isArray(order) && Array.isArray(out[field]))
        out[field] = setElementOrder(out[field], order);
    }
  }
  return out;
}

/**
 * The `$setElementOrder/FIELD` directive (what two-way merge patches such as kubectl debug's carry): the
 * list's items in the order it names them by merge key; items it does not name keep their place after them.
 */
function setElementOrder(list: unknown[], order: unknown[]): unknown[] {
  const key = mergeKey(order);
  if (!key) return list;
  const rank = (item: unknown): number => {
    const i = order.findIndex((o) => isObject(o) && isObject(item) && o[key] === item[key]);
    return i < 0 ? order.length : i;
  };
  return list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map((x) => x.item);
}

function mergeKey(items: unknown[]): string | undefined {
  const first = items.find(isObject);
  if (!first) return undefined;
  for (const k of ['name', 'type', 'containerPort', 'ip', 'mountPath']) if (k in first) return k;
  return undefined;
}

/**
 * A list merged by its merge key, in the order strategicpatch's normalizeElementOrder gives it: the patch's
 * items (merged with the live ones) in the patch's order, the live-only items in their order, and the two
 * interleaved by the live order where both are live, a new item from the patch going before a live-only one
 * (mergeSortedSlice). So adding an ephemeral container puts it first.
 */
function mergeList(target: unknown[], patch: unknown[]): unknown[] {
  const key = mergeKey(patch) ?? mergeKey(target);
  if (!key) return patch;
  if (!patch.every(isObject)) return patch;
  const liveIndex = (item: unknown): number =>
    target.findIndex((t) => isObject(t) && isObject(item) && t[key] === item[key]);
  const patched: unknown[] = [];
  const deleted = new Set<unknown>();
  for (const item of patch as Record<string, Json>[]) {
    const i = liveIndex(item);
    if (item['$patch'] === 'delete') deleted.add(item[key]);
    else patched.push(i >= 0 ? mergePatch(target[i], item, true) : item);
  }
  const inPatch = new Set((patch as Record<string, Json>[]).map((p) => p[key]));
  const liveOnly = target.filter((t) => !(isObject(t) && (inPatch.has(t[key]) || deleted.has(t[key]))));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < liveOnly.length || j < patched.length) {
    if (j >= patched.length) out.push(liveOnly[i++]);
    else if (i >= liveOnly.length) out.push(patched[j++]);
    else {
      const li = liveIndex(liveOnly[i]);
      const pj = liveIndex(patched[j]);
      if (li >= 0 && pj >= 0 && li < pj) out.push(liveOnly[i++]);
      else out.push(patched[j++]);
    }
  }
  return out;
}

interface Op {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, parts: string[]): [Record<string, unknown> | unknown[], string] {
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else throw new PatchError(`path not found: /${parts.join('/')}`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw new PatchError(`path not found: /${parts.join('/')}`);
  return [cur, parts[parts.length - 1]!];
}

/** RFC 6902 on a deep copy. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations');
  const doc = structuredClone(target);
  for (const raw of ops as Op[]) {
    const parts = pointer(raw.path);
    if (parts.length === 0) throw new PatchError('patching the whole object is not supported');
    const [parent, last] = parentOf(doc, parts);
    const arr = Array.isArray(parent) ? parent : undefined;
    const obj = arr ? undefined : (parent as Record<string, unknown>);
    const index = arr ? (last === '-' ? arr.length : Number(last)) : 0;
    switch (raw.op) {
      case 'add':
        if (arr) arr.splice(index, 0, raw.value);
        else obj![last] = raw.value;
        break;
      case 'replace':
        if (arr) arr[index] = raw.value;
        else {
          if (!(last in obj!))
            throw new PatchError(`replace operation does not apply: doc is missing key: /${parts.join('/')}`);
          obj![last] = raw.value;
        }
        break;
      case 'remove':
        if (arr) arr.splice(index, 1);
        else {
          if (!(last in obj!))
            throw new PatchError(`remove operation does not apply: doc is missing path: /${parts.join('/')}`);
          Reflect.deleteProperty(obj!, last);
        }
        break;
      case 'test': {
        const v = arr ? arr[index] : obj![last];
        if (JSON.stringify(v) !== JSON.stringify(raw.value))
          throw new PatchError(`testing value /${parts.join('/')} failed`);
        break;
      }
      default:
        throw new PatchError(`unsupported JSON patch operation: ${raw.op}`);
    }
  }
  return doc;
}

/** The patch types a PATCH may carry (apiserver handlers/patch.go); any other Content-Type is a 415. */
export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/**
 * A PATCH body read as the API server reads it: an unsupported type is a 415 (from the route, worded by
 * go-restful), undecodable JSON a 400 "error decoding patch: …" (patch.go's strict decoding, the default).
 */
export function decodePatch(raw: Buffer, contentTypeHeader: string | undefined): unknown {
  const contentType = (contentTypeHeader ?? '').split(';')[0]!.trim();
  if (!PATCH_TYPES.includes(contentType)) {
    throw new ApiError(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {});
  }
  if (contentType === 'application/apply-patch+yaml') return raw;
  const text = raw.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding patch: ${goJsonError(text, e as Error)}`);
  }
  if (contentType === 'application/json-patch+json' && !Array.isArray(body)) {
    throw new ApiError(
      400,
      'BadRequest',
      `error decoding patch: json: cannot unmarshal ${goJsonType(body)} into Go value of type []handlers.jsonPatchOp`,
    );
  }
  return body;
}

/** Applies a PATCH body by its Content-Type. */
export function applyPatch(target: unknown, body: unknown, contentType: string): unknown {
  if (contentType.includes('application/json-patch+json')) {
    try {
      return jsonPatch(target, body);
    } catch (e) {
      // A JSON patch that does not apply: patch.go's generic 422 (the reason is not in the answer).
      if (e instanceof PatchError) {
        throw new ApiError(
          422,
          'Invalid',
          'the server rejected our request due to an error in our request',
          {},
        );
      }
      throw e;
    }
  }
  if (contentType.includes('application/strategic-merge-patch+json')) return mergePatch(target, body, true);
  if (contentType.includes('application/merge-patch+json')) return mergePatch(target, body);
  throw new PatchError(`unsupported patch type: ${contentType}`);
}
