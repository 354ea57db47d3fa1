/**
 * A watch event's (or a list item's) JSON text with `metadata.managedFields` cut out before it is parsed. The
 * pods list never reads managedFields (slimPod drops them), yet they are over half of a real pod's bytes and most
 * of its objects — fieldsV1 is a tree of small objects, one per field a manager owns — so parsing them is most of
 * the cost of decoding a pod and of the garbage it leaves (issue 17: 10,000 real-size pods, JSON.parse 1.2 s and
 * as much again in GC; measured in test/bench/decodeDrop.mjs). A JSON.parse reviver is no help: it runs after the
 * objects are made, and is 3–4× slower than parsing whole.
 *
 * Why a text search finds the right key: inside a JSON string every `"` is escaped, so `,"managedFields":` or
 * `{"managedFields":` (a quote right after a comma or brace, then a colon) can only be an object key. A Pod has
 * that key only in its metadata (ObjectMeta.ManagedFields, the last field kube-apiserver encodes there), so the
 * first one is the one to cut. Its value is skipped by a scanner that follows strings and escapes, so braces
 * inside fieldsV1 keys (`k:{"type":"Ready"}`) don't count. Anything unexpected returns the text unchanged: the
 * caller then parses it whole, as before.
 */

import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COMMA, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './jsonChars.js';

const KEY = '"managedFields":';

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === BACKSLASH) n++;
  return n % 2 === 1;
}

/**
 * The index just past the JSON array or object starting at `from`, or -1 if it isn't one or doesn't end.
 * @param text the JSON text
 * @param from the index of its `[` or `{`
 */
function endOfContainer(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) return -1;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // A string: jump to its closing quote (indexOf, not a loop over each character: strings are most of the
      // text), past any quote an odd number of backslashes escapes.
      let close = text.indexOf('"', i + 1);
      while (close > 0 && escaped(text, close)) close = text.indexOf('"', close + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
    else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * `text` without its first `managedFields` member (key, value and one separating comma); `text` itself when it has
 * none or its shape is not the expected one.
 * @param text one JSON value's text: a watch event line, or an object
 */
export function withoutManagedFields(text: string): string {
  const at = text.indexOf(KEY);
  if (at <= 0) return text;
  const before = text.charCodeAt(at - 1);
  if (before !== COMMA && before !== OPEN_OBJECT) return text;
  const valueAt = at + KEY.length;
  const end = endOfContainer(text, valueAt);
  if (end < 0) return text;
  // `,"managedFields":[…]` goes with its leading comma; `{"managedFields":[…],` with its trailing one.
  if (before === COMMA) return text.slice(0, at - 1) + text.slice(end);
  return text.charCodeAt(end) === COMMA
    ? text.slice(0, at) + text.slice(end + 1)
    : text.slice(0, at) + text.slice(end);
}
