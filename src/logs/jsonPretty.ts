/**
 * JSON log lines made readable: `{"level":"info","ts":1763721687.12,"msg":"cache refreshed","seq":42}` becomes
 * `info cache refreshed  ts=1763721687.12 seq=42` — the level and the message first, then the other fields as
 * key=value in their order, nested objects flattened with dots (`http.status=200`). A line that is not a JSON
 * object is returned unchanged.
 */

const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel'];
const MESSAGE_KEYS = ['msg', 'message', 'log'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as logfmt writes it: bare when it has no spaces, quotes or `=`, quoted otherwise. */
function formatValue(v: Json): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === '' || /[\s"=]/.test(s) ? JSON.stringify(s) : s;
}

function flatten(obj: { [key: string]: Json }, prefix: string, out: string[]): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v) && Object.keys(v).length > 0) flatten(v, key, out);
    else out.push(`${key}=${formatValue(v)}`);
  }
}

/** The first of `keys` with a string or number value, and that key (to leave out of the fields). */
function take(obj: { [key: string]: Json }, keys: readonly string[]): { value?: string; key?: string } {
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string' || typeof v === 'number') return { value: String(v), key: k };
  }
  return {};
}

/** The line as key=value text when it is a JSON object; otherwise the line itself (the same string). */
export function prettyJson(text: string): string {
  const t = text.trim();
  if (t.length < 2 || t.charCodeAt(0) !== 0x7b || t.charCodeAt(t.length - 1) !== 0x7d) return text;
  let parsed: Json;
  try {
    parsed = JSON.parse(t) as Json;
  } catch {
    return text;
  }
  if (!isObject(parsed)) return text;
  const level = take(parsed, LEVEL_KEYS);
  const message = take(parsed, MESSAGE_KEYS);
  const rest = Object.fromEntries(
    Object.entries(parsed).filter(([k]) => k !== level.key && k !== message.key),
  );
  const fields: string[] = [];
  flatten(rest, '', fields);
  const head = [level.value, message.value].filter((s) => s !== undefined).join(' ');
  if (!head) return fields.join(' ');
  return fields.length > 0 ? `${head}  ${fields.join(' ')}` : head;
}
