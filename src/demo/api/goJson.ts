/** Go's encoding/json error texts for bodies that are not JSON, as near as V8's own error lets us say them. */

/** `unexpected end of JSON input`, or `invalid character 'x' looking for beginning of value`. */
export function goJsonError(text: string, e: Error): string {
  if (text.trim() === '' || /end of JSON input|Unterminated/i.test(e.message))
    return 'unexpected end of JSON input';
  const at = /position (\d+)/.exec(e.message);
  const ch = text[at ? Number(at[1]) : 0] ?? '';
  return `invalid character '${ch}' looking for beginning of value`;
}

/** The JSON type name Go's decoder reports for a value it cannot unmarshal ("object", "string"…). */
export function goJsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
