/**
 * A shell in a container on the whole terminal, through the hand-off attach uses too (terminalHandoff.ts): a
 * banner naming pod and container, every key a byte for the remote shell, the size from the first key and on
 * every resize, the terminal put back as Ink left it however the shell ends, and one line for the flash.
 * Imports client-node: load it with a dynamic import.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ShellEnd } from '../domain/shellEnd.js';
import { shellEndText } from '../domain/shellEnd.js';
import { openShell } from '../kube/shell/openShell.js';
import { handOffTerminal } from './terminalHandoff.js';

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
  const stdout = opts.stdout ?? process.stdout;
  const target = { pod: opts.pod, container: opts.container };
  return handOffTerminal<ShellEnd>({
    stdin: opts.stdin ?? process.stdin,
    stdout,
    banner: shellBanner(opts.namespace, opts.pod, opts.container),
    session: (keys) => openShell({ ...opts, stdin: keys, stdout, size: stdout }),
    failed: (reason) => ({ kind: 'closed', reason }),
    message: (end) => shellEndText(end, target),
  });
}
