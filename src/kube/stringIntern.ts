/**
 * One copy of each repeated string. JSON.parse makes a new string for every value longer than a few characters,
 * so 10,000 pods carry 10,000 copies of "demo-worker", of their image, of "ContainersNotReady", of a creation
 * second many pods share … about 6 MB at 10,000 pods. Interning the fields that repeat keeps one of each.
 */

/** Past this many distinct strings the table starts over (strings already shared stay shared). */
const MAX_ENTRIES = 50_000;

export class StringIntern {
  private table = new Map<string, string>();

  /** The table's copy of `s` (or `s`, now the table's copy); undefined stays undefined. */
  intern(s: string): string;
  intern(s: string | undefined): string | undefined;
  intern(s: string | undefined): string | undefined {
    if (s === undefined) return s;
    const known = this.table.get(s);
    if (known !== undefined) return known;
    if (this.table.size >= MAX_ENTRIES) this.table = new Map();
    this.table.set(s, s);
    return s;
  }

  /** A string-valued record (labels) with its values interned; keys are interned by JSON.parse already. */
  record(r: Record<string, string> | undefined): Record<string, string> | undefined {
    if (!r) return r;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) out[k] = this.intern(v);
    return out;
  }
}
