/**
 * What runs while Ink has handed over the terminal (`useApp().suspendTerminal(async () => …)`): a banner naming
 * pod and container, raw mode so every key — Ctrl-C, Ctrl-D, Ctrl-Z included — is a byte for the remote shell,
 * the keys piped through a PassThrough (client-node never sees process.stdin or process.stdout: its listeners
 * leak, REFERENCE §3.2), the size from the first key and on every resize. Whatever ends the shell (exit, pod
 * deleted, connection dropped, an exception), the terminal is put back as Ink left it, and the caller gets one
 * line for the flash. Imports client-node: load it with a dynamic import.
 */
import { PassThrough } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ShellEnd } from '../domain/shellEnd.js';
import { shellEndText } from '../domain/shellEnd.js';
import { openShell } from '../kube/shell/openShell.js';
import { setTerminalHandedOff } from './restore.js';

export interface ShellHandoffOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  /** Instead of bash-else-sh. */
  command?: readonly string[];
  /** process.stdin / process.stdout unless a test passes its own terminal. */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** How the shell ended, and the line to flash (`shell in web-1/nginx exited with code 3`). */
export interface ShellHandoffResult {
  end: ShellEnd;
  message: string;
}

/** The line printed before the shell's own output, naming where it runs. */
export function shellBanner(namespace: string, pod: string, container: string): string {
  return `\x1b[1mpodscope: shell in pod ${namespace}/${pod}, container ${container}\x1b[0m (exit or Ctrl-D returns)\r\n`;
}

/**
 * Runs a shell on the terminal until it ends; never rejects. Call it inside Ink's `suspendTerminal`, which has
 * already left the alternate screen and turned raw mode off, and takes both back afterwards.
 */
export async function handOffToShell(opts: ShellHandoffOptions): Promise<ShellHandoffResult> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const target = { pod: opts.pod, container: opts.container };
  const keys = new PassThrough();
  const onData = (chunk: Buffer | string): void => {
    keys.write(chunk);
  };
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  // From here to the last line below the main screen holds the shell's transcript: a signal must leave it be.
  setTerminalHandedOff(true);
  // Cursor on (Ink hides it), then the banner, on the main screen where the transcript stays, as kubectl's does.
  stdout.write('\x1b[?25h' + shellBanner(opts.namespace, opts.pod, opts.container));
  let end: ShellEnd;
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.ref();
    stdin.on('data', onData);
    // Ink read with a 'readable' listener, which leaves the stream paused; reading starts again here. No pause()
    // afterwards: Ink's next 'readable' listener would never be called (REFERENCE §3.3, the gotcha).
    stdin.resume();
    end = await openShell({ ...opts, stdin: keys, stdout, size: stdout });
  } catch (e) {
    end = { kind: 'closed', reason: e instanceof Error ? e.message : String(e) };
  } finally {
    stdin.off('data', onData);
    keys.destroy();
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
  }
  const message = shellEndText(end, target);
  // The shell may have left the cursor mid-line or in a colour; the next screen starts clean.
  stdout.write(`\x1b[0m\r\n${message}\r\n`);
  setTerminalHandedOff(false);
  return { end, message };
}
