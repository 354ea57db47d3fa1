/**
 * What a scenario looks at in an answer: a Status's code, reason, message and details; an object's chosen
 * fields; a list's metadata and item names. Helpers only pick — normalisation happens when a value is recorded.
 */
import type { ApiResponse } from '../api.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The value at a dotted path (`metadata.labels`), undefined when absent. */
export function at(o: unknown, path: string): unknown {
  let cur = o;
  for (const k of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** `{path: value}` for each path. */
export function pick(o: unknown, paths: readonly string[]): Obj {
  return Object.fromEntries(paths.map((p) => [p, at(o, p) ?? null]));
}

export function isStatus(v: unknown): v is Obj {
  return isObj(v) && v['kind'] === 'Status';
}

/** A Status as a client reads it: HTTP code and the body's status, reason, message, details and code. */
export function statusView(res: ApiResponse): Obj {
  const b = res.json;
  if (!isStatus(b))
    return { http: res.status, body: isObj(b) ? `${String(b['kind'])}` : res.text.slice(0, 200) };
  return {
    http: res.status,
    status: b['status'] ?? null,
    reason: b['reason'] ?? null,
    message: b['message'] ?? null,
    details: b['details'] ?? null,
    code: b['code'] ?? null,
  };
}

/** The default view: a Status as statusView, an object by kind and name, a list by kind, metadata and names. */
export function responseView(res: ApiResponse): Obj {
  const b = res.json;
  if (isStatus(b)) return statusView(res);
  if (isObj(b) && Array.isArray(b['items'])) return listView(res);
  if (isObj(b))
    return { http: res.status, ...pick(b, ['kind', 'apiVersion', 'metadata.name', 'metadata.namespace']) };
  return { http: res.status, text: res.text.slice(0, 200) };
}

/** A list: kind, its metadata (continue and remainingItemCount kept as present/absent and counted), item names. */
export function listView(res: ApiResponse): Obj {
  const b = res.json as Obj;
  const items = (b['items'] as Obj[]).map((i) => at(i, 'metadata.name') ?? null);
  return { http: res.status, kind: b['kind'] ?? null, metadata: b['metadata'] ?? null, items };
}

/** An object's chosen fields, with the HTTP code. */
export function objectView(...paths: string[]): (res: ApiResponse) => Obj {
  return (res) => (isStatus(res.json) ? statusView(res) : { http: res.status, ...pick(res.json, paths) });
}

/** How each resourceVersion compares with the one before: '<', '=', '>' (numbers on both servers, by contract of the watch cache's etcd versions and the demo's counter). */
export function rvOrder(rvs: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < rvs.length; i++) {
    const a = Number(rvs[i - 1]);
    const b = Number(rvs[i]);
    out.push(Number.isNaN(a) || Number.isNaN(b) ? '?' : a < b ? '<' : a === b ? '=' : '>');
  }
  return out;
}

/** A view whose Status message has its numbers blanked (versions the API server writes into a message). */
export function numbersOut(view: (res: ApiResponse) => Obj): (res: ApiResponse) => Obj {
  return (res) => {
    const v = view(res);
    return typeof v['message'] === 'string' ? { ...v, message: v['message'].replace(/\d+/g, 'N') } : v;
  };
}
