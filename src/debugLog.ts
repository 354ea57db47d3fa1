/**
 * `--debug FILE`: the only place podscope writes diagnostics while the dashboard owns the terminal. Without the
 * flag, logging costs nothing.
 */
import { appendFileSync } from 'node:fs';

export type DebugLog = (message: string) => void;

let sink: DebugLog = () => undefined;

/** Starts appending timestamped lines to `file` (or stops logging when undefined). */
export function setDebugFile(file: string | undefined): void {
  sink = file
    ? (m) => {
        try {
          appendFileSync(file, `${new Date().toISOString()} ${m}\n`);
        } catch {
          // a debug log that cannot be written must not break the dashboard
        }
      }
    : () => undefined;
}

/** Writes one line to the debug log, if one is open. */
export function debug(message: string): void {
  sink(message);
}
