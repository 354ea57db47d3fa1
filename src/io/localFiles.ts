/**
 * The local files the command line names (`:apply FILE`): `~` expanded, relative paths from the working
 * directory, a directory's entries for Tab completion, a file's text with one line when it cannot be read
 * (kubectl's words for a missing path).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { PathEntry } from '../domain/manifest/pathCompletion.js';

/** `~` and `~/x` as the shell expands them, then resolved against the working directory. */
export function expandPath(path: string): string {
  const expanded = path === '~' ? homedir() : path.startsWith('~/') ? homedir() + path.slice(1) : path;
  return resolve(expanded);
}

/** The entries of a directory as typed (`''` is the working directory), or [] when it cannot be listed. */
export function listEntries(dir: string): PathEntry[] {
  try {
    return readdirSync(expandPath(dir === '' ? '.' : dir), { withFileTypes: true }).map((d) => {
      let directory = d.isDirectory();
      // A symlink to a directory completes as one.
      if (d.isSymbolicLink())
        try {
          directory = statSync(expandPath(`${dir}${d.name}`)).isDirectory();
        } catch {
          directory = false;
        }
      return { name: d.name, directory };
    });
  } catch {
    return [];
  }
}

/** The file's text, or why not in one line (`the path "x" does not exist`, as kubectl says). */
export function readLocalText(path: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: readFileSync(expandPath(path), 'utf8') };
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    if (code === 'ENOENT') return { ok: false, error: `the path "${path}" does not exist` };
    if (code === 'EISDIR') return { ok: false, error: `${path} is a directory (name a file)` };
    if (code === 'EACCES') return { ok: false, error: `cannot read ${path}: permission denied` };
    return { ok: false, error: `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
