/**
 * resourceVersion as a client may use it: read from any object's metadata, and compared only where the server's
 * versions allow it. They are opaque strings (API conventions, "Resource versions"), but etcd's are integers, and
 * every server podscope meets (kube-apiserver, the demo) hands those out.
 */

/** A JSON object, as a watch event or a list item is when it is anything at all. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `metadata.resourceVersion` of a raw object, if it has one (not empty).
 * @param raw a list item or a watch event's object, as parsed
 */
export function resourceVersionOf(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  const meta = raw['metadata'];
  if (!isRecord(meta)) return undefined;
  const rv = meta['resourceVersion'];
  return typeof rv === 'string' && rv !== '' ? rv : undefined;
}

/**
 * Whether `rv` is older than `than`, where both are integers; false when either is not (it cannot be told).
 * @param rv the version in hand
 * @param than the version it is compared with
 */
export function isOlder(rv: string | undefined, than: string | undefined): boolean {
  if (!rv || !than || !/^\d+$/.test(rv) || !/^\d+$/.test(than)) return false;
  return rv.length < than.length || (rv.length === than.length && rv < than);
}
