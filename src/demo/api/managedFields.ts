/**
 * `metadata.managedFields` as the API server records them on create: who wrote which fields (server-side apply's
 * FieldsV1 set, `f:` keys, list items of containers by `k:{"name":…}`). The YAML view hides them by default, as
 * kubectl does, so the demo writes them as a real server would.
 */
type Json = unknown;

function fieldsOf(value: Json): Record<string, Json> {
  if (Array.isArray(value)) {
    const out: Record<string, Json> = {};
    for (const item of value) {
      const name = (item as { name?: unknown } | null)?.name;
      out[typeof name === 'string' ? `k:{"name":"${name}"}` : '.'] = { '.': {}, ...fieldsOf(item) };
    }
    return out;
  }
  if (value === null || typeof value !== 'object') return {};
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'managedFields' || key === 'resourceVersion' || key === 'uid' || key === 'creationTimestamp')
      continue;
    out[`f:${key}`] = fieldsOf(v);
  }
  return out;
}

/** The field manager of a request: `?fieldManager=`, else the user agent's program name (`kubectl-create`…). */
export function fieldManager(query: URLSearchParams, userAgent: string | undefined): string {
  const explicit = query.get('fieldManager');
  if (explicit) return explicit;
  const program = userAgent?.split('/')[0]?.trim();
  return program ? program.slice(0, 128) : 'unknown';
}

export function managedFieldsEntry(
  object: { metadata?: unknown; spec?: unknown },
  manager: string,
  apiVersion: string,
  time: string,
): Record<string, Json> {
  const { metadata, spec } = object;
  const fields: Record<string, Json> = {};
  if (metadata) fields['f:metadata'] = fieldsOf(metadata);
  if (spec) fields['f:spec'] = fieldsOf(spec);
  return { manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields };
}
