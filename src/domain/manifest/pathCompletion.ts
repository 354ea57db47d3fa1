/**
 * Tab completion of a file path on the command line (`:apply FILE`, `:delete -f FILE`), as a shell completes
 * one: the directory part is kept as typed (`~/`, `../`), the last part completed among the directory's entries;
 * one match completes whole (a directory gets its `/`), several complete to their common prefix and are listed.
 * Hidden entries only when what is typed starts with a dot. Pure: the caller lists the directory.
 */

/** A directory entry, as the caller read it. */
export interface PathEntry {
  readonly name: string;
  readonly directory: boolean;
}

/** The path split where completion happens: `manifests/po` → `manifests/` and `po`. */
export function splitPath(path: string): { readonly dir: string; readonly base: string } {
  const slash = path.lastIndexOf('/');
  return { dir: path.slice(0, slash + 1), base: path.slice(slash + 1) };
}

/** The verbs whose argument is a file: the command line's text before the path, and the path. */
export function fileArgument(draft: string): { readonly head: string; readonly path: string } | undefined {
  const m = /^(\s*(?:apply|delete)\s+(?:-f\s+)?)(.*)$/.exec(draft);
  if (!m || (/^\s*delete/.test(draft) && !/-f\s/.test(m[1]!))) return undefined;
  return { head: m[1]!, path: m[2]! };
}

function commonPrefix(names: readonly string[]): string {
  let prefix = names[0] ?? '';
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** What Tab makes of `path`: the completed path, and the candidates when more than one fits. */
export interface Completion {
  readonly path: string;
  /** Names that fit (directories with their `/`), sorted; empty when none or one. */
  readonly candidates: readonly string[];
  /** Nothing fits. */
  readonly none: boolean;
}

/**
 * Completes `path` among `entries` (its directory's).
 * @param path as typed
 * @param entries the entries of `splitPath(path).dir` (the current directory for none)
 */
export function completePath(path: string, entries: readonly PathEntry[]): Completion {
  const { dir, base } = splitPath(path);
  const fits = entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (fits.length === 0) return { path, candidates: [], none: true };
  if (fits.length === 1) {
    const only = fits[0]!;
    return { path: `${dir}${only.name}${only.directory ? '/' : ''}`, candidates: [], none: false };
  }
  return {
    path: `${dir}${commonPrefix(fits.map((e) => e.name))}`,
    candidates: fits.map((e) => `${e.name}${e.directory ? '/' : ''}`),
    none: false,
  };
}
