/**
 * Saving what a view shows to a file: `podscope-<stem>-<time>.txt` in the working directory (the temp directory if
 * that is not writable), never overwriting an existing file. Returns the path, for the flash that shows it.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A file name part from any text: letters, digits, `.`, `_`, `-`. */
export function safeStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'view';
}

export async function saveText(stem: string, text: string | Uint8Array, now = new Date()): Promise<string> {
  const name = `podscope-${safeStem(stem)}-${stamp(now)}`;
  let lastError: unknown;
  for (const dir of [process.cwd(), tmpdir()]) {
    for (let n = 0; n < 100; n++) {
      const path = join(dir, `${name}${n ? `-${n}` : ''}.txt`);
      try {
        await writeFile(path, text, { flag: 'wx', mode: 0o600 });
        return path;
      } catch (e) {
        lastError = e;
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
        break;
      }
    }
  }
  throw new Error(`cannot save: ${(lastError as Error).message}`);
}
