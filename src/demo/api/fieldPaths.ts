/**
 * Field paths as server-side apply tracks ownership (structured-merge-diff's fieldpath): a path is a list of
 * steps, a field name or a list item picked by its key fields; it prints as Path.String() does
 * (`.spec.containers[name="app"].image`) and is stored in managedFields as FieldsV1 (`f:spec`, `k:{"name":"app"}`).
 */

export type Step = { field: string } | { key: Record<string, string | number> };
export type Path = Step[];

/** The key fields of the list items the demo merges by key (its strategic merge's keys), if any. */
function itemKey(item: unknown): Record<string, string | number> | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  for (const k of ['name', 'type', 'containerPort', 'mountPath', 'ip']) {
    const v = o[k];
    if (typeof v === 'string' || typeof v === 'number') return { [k]: v };
  }
  return undefined;
}

/** Every leaf an object sets (maps recurse, keyed lists recurse by item, other lists are atomic leaves). */
export function leafPaths(value: unknown, prefix: Path = []): { path: Path; value: unknown }[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [{ path: prefix, value }];
    return entries.flatMap(([k, v]) => leafPaths(v, [...prefix, { field: k }]));
  }
  if (Array.isArray(value) && value.length > 0 && value.every((i) => itemKey(i))) {
    return value.flatMap((item) => {
      const key = itemKey(item)!;
      // The key fields belong to the item itself.
      return leafPaths(item, [...prefix, { key }]);
    });
  }
  return [{ path: prefix, value }];
}

/** The value at a path, undefined when absent. */
export function valueAt(o: unknown, path: Path): unknown {
  let cur = o;
  for (const step of path) {
    if ('field' in step) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[step.field];
    } else {
      if (!Array.isArray(cur)) return undefined;
      const [k, v] = Object.entries(step.key)[0]!;
      cur = cur.find((i) => (i as Record<string, unknown> | null)?.[k] === v);
    }
  }
  return cur;
}

/** Removes the value at a path (a map key or a keyed list item); nothing when absent. */
export function removeAt(o: unknown, path: Path): void {
  const parent = valueAt(o, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!last || parent === null || typeof parent !== 'object') return;
  if ('field' in last) {
    if (!Array.isArray(parent)) Reflect.deleteProperty(parent, last.field);
  } else if (Array.isArray(parent)) {
    const [k, v] = Object.entries(last.key)[0]!;
    const i = parent.findIndex((item) => (item as Record<string, unknown> | null)?.[k] === v);
    if (i >= 0) parent.splice(i, 1);
  }
}

/** Path.String(). */
export function pathString(path: Path): string {
  return path
    .map((s) =>
      'field' in s
        ? `.${s.field}`
        : `[${Object.entries(s.key)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : v}`)
            .join(',')}]`,
    )
    .join('');
}

/** FieldsV1 of a set of paths: `f:` fields, `k:` keyed items, `.` for an item itself. */
export function toFieldsV1(paths: readonly Path[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      const name = 'field' in step ? `f:${step.field}` : `k:${JSON.stringify(step.key)}`;
      node[name] ??= 'key' in step ? { '.': {} } : {};
      node = node[name] as Record<string, unknown>;
    }
  }
  return root;
}

/** The leaf paths a FieldsV1 set names (what another manager owns). */
export function fromFieldsV1(fields: unknown, prefix: Path = []): Path[] {
  if (fields === null || typeof fields !== 'object') return [];
  const children = Object.entries(fields as Record<string, unknown>).filter(([k]) => k !== '.');
  if (children.length === 0) return prefix.length ? [prefix] : [];
  return children.flatMap(([k, v]) => {
    if (k.startsWith('f:')) return fromFieldsV1(v, [...prefix, { field: k.slice(2) }]);
    if (k.startsWith('k:')) {
      try {
        return fromFieldsV1(v, [
          ...prefix,
          { key: JSON.parse(k.slice(2)) as Record<string, string | number> },
        ]);
      } catch {
        return [];
      }
    }
    return [];
  });
}

/** Whether one path is the other or lies under it. */
export function overlaps(a: Path, b: Path): boolean {
  const sa = pathString(a);
  const sb = pathString(b);
  return (
    sa === sb ||
    sa.startsWith(`${sb}.`) ||
    sb.startsWith(`${sa}.`) ||
    sa.startsWith(`${sb}[`) ||
    sb.startsWith(`${sa}[`)
  );
}
