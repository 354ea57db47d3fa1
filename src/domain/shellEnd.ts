/**
 * How a shell in a container ended, read from the exec stream's final `Status`, and the one line the dashboard
 * flashes when it takes the terminal back. Pure: no client-node, no I/O.
 */
import type { Status } from './wire.js';

/** The end of a shell: its exit code, an image with no shell at all, or the stream closing under it. */
export type ShellEnd =
  { kind: 'exit'; code: number } | { kind: 'no-shell'; message: string } | { kind: 'closed'; reason: string };

/** What the runtime says when the program to exec does not exist (containerd/runc wording, any CRI). */
const MISSING_EXECUTABLE = /executable file not found|no such file or directory/i;

/** The exit status of SIGKILL: what a shell gets when its container is killed or its pod deleted under it. */
export const KILLED_EXIT_CODE = 137;

/**
 * Reads the exec stream's final Status (channel 3): `Success` is exit 0, `NonZeroExitCode` carries the code, a
 * runtime that found no such executable means the image has no shell, anything else closed the stream.
 */
export function endFromStatus(status: Status): ShellEnd {
  if (status.status === 'Success') return { kind: 'exit', code: 0 };
  const message = (status.message ?? '').trim();
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { kind: 'exit', code };
  }
  if (MISSING_EXECUTABLE.test(message)) return { kind: 'no-shell', message };
  return { kind: 'closed', reason: message || status.reason || 'the stream failed' };
}

/** Where a shell ran, for its messages. */
export interface ShellTarget {
  pod: string;
  container: string;
}

/** The one line to show when the shell is over, e.g. `shell in web-1/nginx exited with code 3`. */
export function shellEndText(end: ShellEnd, target: ShellTarget): string {
  const where = `${target.pod}/${target.container}`;
  switch (end.kind) {
    case 'exit':
      return end.code === 0 ? `shell in ${where} exited` : `shell in ${where} exited with code ${end.code}`;
    case 'no-shell':
      return `no shell in container ${target.container} of ${target.pod} (the image has none); a debug container can add one`;
    case 'closed':
      return `shell in ${where} ended: ${end.reason}`;
  }
}
