/** FNV-1a, 32 bits: cheap, stable hashing for the demo's generated values (digests, metrics). */
export function fnv1a(text: string, state = 2166136261): number {
  let h = state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
