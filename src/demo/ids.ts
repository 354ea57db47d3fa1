/**
 * Identifiers and times as flat strings. V8 keeps a string built by `+` or a template (13 characters and more) as
 * a rope of its parts: a uid from `crypto.randomUUID` is about 14 rope nodes (450 bytes) where its text is 36,
 * and a timestamp from `toISOString().replace(…)` two. Stored by the 100,000 (a generated pod holds a dozen), ropes
 * cost the demo about a fifth of its heap and its collector's time; `Array.join` writes one flat string.
 */
import { randomBytes } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let pool = Buffer.alloc(0);
let at = 0;

/** `n` random bytes' offset in the pool: drawn from the system 16 KB at a time. */
function take(n: number): number {
  if (at + n > pool.length) {
    pool = randomBytes(16 * 1024);
    at = 0;
  }
  at += n;
  return at - n;
}

/** A random (version 4) UUID, as `crypto.randomUUID` makes it. */
export function uuid(): string {
  const i = take(16);
  const b = pool;
  const h = (k: number): string => HEX[b[i + k]!]!;
  return [
    h(0) + h(1) + h(2) + h(3),
    h(4) + h(5),
    HEX[(b[i + 6]! & 0x0f) | 0x40]! + h(7),
    HEX[(b[i + 8]! & 0x3f) | 0x80]! + h(9),
    h(10) + h(11) + h(12) + h(13) + h(14) + h(15),
  ].join('-');
}

/** `prefix` and `n` random bytes in hex (a containerd container id: `containerd://` and 32 bytes). */
export function randomHex(prefix: string, n: number): string {
  const i = take(n);
  const parts: string[] = [prefix];
  for (let k = 0; k < n; k++) parts.push(HEX[pool[i + k]!]!);
  return parts.join('');
}

/** Strings joined into one flat string. */
export function flat(...parts: string[]): string {
  return parts.join('');
}
