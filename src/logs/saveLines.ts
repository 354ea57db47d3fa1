/**
 * Saving a log view's whole retained buffer to a file: the lines as the container wrote them (with timestamps
 * and container prefixes when the view shows them), marker lines as they read, and — when old lines were evicted
 * before the save — a first line that says how many are missing, so a saved file is never silently short.
 * The file goes in the working directory, or the temporary directory when that is not writable, and an existing
 * file is never overwritten.
 */
import { openUniqueFile, saveDirs } from '../io/uniqueFile.js';
import type { LogLine } from './logLine.js';

export interface SaveOptions {
  /** What the file is named after, e.g. `default_web-1_nginx`; made safe for a file name. */
  name: string;
  /** Prefix each line with its timestamp. */
  timestamps: boolean;
  /** Prefix each line with `[container] ` (the all-containers view). */
  containerPrefix: boolean;
  /** Where to write; default: the working directory, else the temporary directory. */
  dir?: string;
  /** The clock for the file name (tests). */
  now?: Date;
}

export interface SaveResult {
  path: string;
  lines: number;
  bytes: number;
}

/** Bytes per write: big enough to be fast, small enough not to build one huge string. */
const BATCH_CHARS = 1 << 20;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}

/**
 * Writes `lines` (taken from the buffer in one synchronous step by the caller, so later evictions cannot shorten
 * the file) and returns where it went.
 * @param evicted lines evicted from the buffer before the first of `lines`
 */
export async function saveLines(
  lines: readonly LogLine[],
  evicted: number,
  options: SaveOptions,
): Promise<SaveResult> {
  const safeName = options.name.replace(/[^\w.-]+/g, '_');
  const base = `podscope-${safeName}-${stamp(options.now ?? new Date())}`;
  const dirs = options.dir ? [options.dir] : saveDirs();
  const { path, file } = await openUniqueFile(dirs, base, 'log', 'a log file');
  let bytes = 0;
  try {
    let batch = '';
    if (evicted > 0) {
      batch += `# podscope: ${evicted} earlier line${evicted === 1 ? ' was' : 's were'} evicted from the buffer before this save\n`;
    }
    for (const line of lines) {
      let out = '';
      if (options.timestamps && line.time) out += `${line.time} `;
      if (options.containerPrefix) out += `[${line.container}] `;
      batch += `${out}${line.text}\n`;
      if (batch.length >= BATCH_CHARS) {
        bytes += (await file.write(batch)).bytesWritten;
        batch = '';
      }
    }
    if (batch) bytes += (await file.write(batch)).bytesWritten;
  } catch (e) {
    throw new Error(`writing ${path} failed: ${(e as Error).message}`);
  } finally {
    await file.close();
  }
  return { path, lines: lines.length, bytes };
}
