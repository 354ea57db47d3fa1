/**
 * Saving what a text view shows to a file: `podscope-<stem>-<time>.txt` (see uniqueFile.ts for where and how it
 * never overwrites). Returns the path, for the flash that shows it.
 */
import { openUniqueFile, saveDirs } from './uniqueFile.js';

function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A file name part from any text: letters, digits, `.`, `_`, `-`. */
export function safeStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'view';
}

export async function saveText(stem: string, text: string | Uint8Array, now = new Date()): Promise<string> {
  const { path, file } = await openUniqueFile(
    saveDirs(),
    `podscope-${safeStem(stem)}-${stamp(now)}`,
    'txt',
    'a file',
  );
  try {
    await file.writeFile(text);
  } catch (e) {
    throw new Error(`cannot save: writing ${path} failed: ${(e as Error).message}`);
  } finally {
    await file.close();
  }
  return path;
}
