/** Comparing two servers' observations step by step: every difference, with where in the value it lies. */
import { isDeepStrictEqual } from 'node:util';
import type { Difference, Json, Observation } from './observation.js';

function show(v: Json | undefined): string {
  if (v === undefined) return '(nothing)';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** Where two values first differ, depth first; undefined when equal. */
function firstPath(
  a: Json | undefined,
  b: Json | undefined,
  path: string,
): [string, Json | undefined, Json | undefined] | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstPath(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstPath(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  if (typeof a === 'string' && typeof b === 'string' && (a.includes('\n') || b.includes('\n'))) {
    // Multi-line output: the first differing line.
    const al = a.split('\n');
    const bl = b.split('\n');
    for (let i = 0; i < Math.max(al.length, bl.length); i++) {
      if (al[i] !== bl[i]) return [`${path ? `${path} ` : ''}line ${i + 1}`, al[i], bl[i]];
    }
  }
  return [path, a, b];
}

/** Every step whose observations differ (a missing step counts as a difference). */
export function compareObservations(
  demo: readonly Observation[],
  real: readonly Observation[],
): Difference[] {
  const out: Difference[] = [];
  for (let i = 0; i < Math.max(demo.length, real.length); i++) {
    const d = demo[i];
    const r = real[i];
    if (!d || !r || d.label !== r.label) {
      out.push({
        label: d?.label ?? r!.label,
        path: '(step)',
        demo: d?.label ?? '(nothing)',
        real: r?.label ?? '(nothing)',
      });
      break; // past a misaligned step, every comparison would be noise
    }
    const p = firstPath(d.value, r.value, '');
    if (p) out.push({ label: d.label, path: p[0], demo: show(p[1]), real: show(p[2]) });
  }
  return out;
}

/** One line: `label path: demo X, real Y`. */
export function summarise(d: Difference): string {
  return `${d.label}${d.path ? ` ${d.path}` : ''}: demo ${d.demo}, real ${d.real}`;
}
