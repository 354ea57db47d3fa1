/**
 * A new file for saving what a view shows: `<base>.<ext>` in the first directory that takes it (the working
 * directory, then the temporary directory), `<base>-2.<ext>`, `-3`… when the name is taken — never overwriting.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where saves go unless told: the working directory, else the temporary directory. */
export function saveDirs(): string[] {
  return [process.cwd(), tmpdir()];
}

/**
 * Creates the file (mode 0600) and returns it open for writing.
 * @param what the kind of file, for the error message ("a log file")
 */
export async function openUniqueFile(
  dirs: readonly string[],
  base: string,
  ext: string,
  what: string,
): Promise<{ path: string; file: FileHandle }> {
  let last: unknown;
  for (const dir of dirs) {
    for (let n = 1; n < 100; n++) {
      const path = join(dir, n === 1 ? `${base}.${ext}` : `${base}-${n}.${ext}`);
      try {
        return { path, file: await open(path, 'wx', 0o600) };
      } catch (e) {
        last = e;
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') break;
      }
    }
  }
  throw new Error(`cannot create ${what} in ${dirs.join(' or ')}: ${(last as Error).message}`);
}
