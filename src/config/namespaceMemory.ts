/**
 * The namespaces podscope remembers per context between runs: the favourites (`1`–`9`) and the namespace last
 * shown (or all namespaces), in `namespaces.json` of the config directory (see configDir):
 *
 *   {"version":1,"contexts":{"kind-dev":{"favourites":["default","shop"],"lastNamespace":"shop"}}}
 *
 * `lastNamespace` null is all namespaces. Written atomically (a temporary file in the same directory, renamed
 * over the old one), so a crash mid-write leaves the old file or the new one, never half of one. A file that is
 * not this (hand-edited, truncated) is ignored with a one-line warning and replaced by the next write.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ContextMemory {
  favourites: string[];
  /** The namespace shown last; null for all namespaces. */
  lastNamespace: string | null;
}

export interface NamespaceMemory {
  contexts: Record<string, ContextMemory>;
}

export interface LoadedMemory {
  memory: NamespaceMemory;
  /** Why the file was ignored, one line, when it was. */
  warning?: string;
}

const FILE = 'namespaces.json';
const MAX_FAVOURITES = 9;

/** The file's path in a config directory. */
export function namespaceMemoryPath(dir: string): string {
  return join(dir, FILE);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');
}

/** The contexts of a parsed file, or a reason it is not one of ours. */
function parse(v: unknown): NamespaceMemory | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  if (o['version'] !== 1) return `unknown version ${JSON.stringify(o['version'])}`;
  const contexts = o['contexts'];
  if (typeof contexts !== 'object' || contexts === null || Array.isArray(contexts))
    return '"contexts" is not an object';
  const out: Record<string, ContextMemory> = {};
  for (const [name, entry] of Object.entries(contexts as Record<string, unknown>)) {
    const e = entry as Record<string, unknown> | null;
    const last = e?.['lastNamespace'];
    if (
      typeof e !== 'object' ||
      e === null ||
      !isStringArray(e['favourites']) ||
      !(last === null || typeof last === 'string')
    )
      return `context ${JSON.stringify(name)} is not {favourites: [...], lastNamespace}`;
    out[name] = {
      favourites: e['favourites'].slice(0, MAX_FAVOURITES),
      lastNamespace: last === '' ? null : last,
    };
  }
  return { contexts: out };
}

/** Reads the file; a missing one is an empty memory, a broken one an empty memory and a warning. Never throws. */
export function loadNamespaceMemory(dir: string): LoadedMemory {
  const path = namespaceMemoryPath(dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { memory: { contexts: {} } };
    return {
      memory: { contexts: {} },
      warning: `cannot read ${path} (${code ?? String(e)}): favourites not restored`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { memory: { contexts: {} }, warning: `ignoring ${path}: not valid JSON (it will be rewritten)` };
  }
  const memory = parse(parsed);
  if (typeof memory === 'string') {
    return { memory: { contexts: {} }, warning: `ignoring ${path}: ${memory} (it will be rewritten)` };
  }
  return { memory };
}

/**
 * Records one context's favourites and namespace, keeping the other contexts as the file has them now (another
 * podscope may have written since this one started). Returns a one-line error instead of throwing.
 */
export function saveContextMemory(dir: string, context: string, entry: ContextMemory): string | undefined {
  const path = namespaceMemoryPath(dir);
  const { memory } = loadNamespaceMemory(dir);
  memory.contexts[context] = {
    favourites: entry.favourites.slice(0, MAX_FAVOURITES),
    lastNamespace: entry.lastNamespace,
  };
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, JSON.stringify({ version: 1, contexts: memory.contexts }, null, 2) + '\n', {
      mode: 0o600,
    });
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the directory itself is what failed
    }
    return `cannot save favourites to ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
}
