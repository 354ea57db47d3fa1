/**
 * Attach (issue 16) with the shell's terminal hand-off (terminalHandoff.ts, which shellHandoff.ts uses too): a
 * banner naming pod and container, whether keys go to the process and how to leave. With a container that keeps
 * stdin open every key goes to its main process (Ctrl-C included, as with a shell), and with a terminal its size
 * follows; the output streams until the process ends or Ctrl-P Ctrl-Q detaches (Ctrl-C too when the process takes
 * no input). The terminal is put back as Ink left it, whatever ends it. Imports client-node: load it with a
 * dynamic import.
 */
import { Writable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import { readDetachKeys } from '../domain/attachKeys.js';
import type { AttachEnd, AttachTarget } from '../kube/shell/openAttach.js';
import { attachTarget, openAttach } from '../kube/shell/openAttach.js';
import { handOffTerminal } from './terminalHandoff.js';

export interface AttachHandoffOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** The banner: where, whether keys go to the process, and how to leave. */
export function attachBanner(
  namespace: string,
  pod: string,
  container: string,
  target: AttachTarget,
): string {
  // containerd closes a stdinOnce container's stdin when the first attach without a terminal ends.
  const once = target.stdinOnce && !target.tty ? '; detaching closes its stdin (stdinOnce)' : '';
  const how = target.stdin
    ? `keys go to the process: Ctrl-P Ctrl-Q detaches${once}`
    : 'output only: Ctrl-C or Ctrl-P Ctrl-Q detaches';
  const tty = target.tty ? '' : ` (container ${container} did not allocate a TTY)`;
  return `\x1b[1mpodscope: attached to the main process of pod ${namespace}/${pod}, container ${container}\x1b[0m${tty} (${how})\r\n`;
}

/** The line flashed when the dashboard comes back. */
export function attachEndText(end: AttachEnd, pod: string, container: string): string {
  const where = `${pod}/${container}`;
  switch (end.kind) {
    case 'detached':
      return `detached from ${where} (its main process goes on)`;
    case 'ended': {
      const how = end.exit ? ` (${end.exit.reason}, exit code ${end.exit.exitCode})` : '';
      return `attach to ${where} ended: its main process exited${how}`;
    }
    case 'closed':
      return `attach to ${where} ended: ${end.reason}`;
  }
}

/** Without a terminal the process writes bare \n; in raw mode the screen needs \r\n to start the next line. */
function crlf(target: Writable): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _enc, done) {
      target.write(String(chunk).replace(/\r?\n/g, '\r\n'));
      done();
    },
  });
}

/** Attaches until the user detaches or the process ends; never rejects. Call inside Ink's suspendTerminal. */
export async function handOffToAttach(
  opts: AttachHandoffOptions,
): Promise<{ end: AttachEnd; message: string }> {
  const stdout = opts.stdout ?? process.stdout;
  const target = await attachTarget(opts.kc, opts.namespace, opts.pod, opts.container);
  if (typeof target === 'string') {
    const end: AttachEnd = { kind: 'closed', reason: target };
    return { end, message: attachEndText(end, opts.pod, opts.container) };
  }
  const detach = new AbortController();
  const state = { pendingCtrlP: false };
  return handOffTerminal<AttachEnd>({
    stdin: opts.stdin ?? process.stdin,
    stdout,
    banner: attachBanner(opts.namespace, opts.pod, opts.container, target),
    // Keys reach the process only when it keeps stdin open; Ctrl-P Ctrl-Q (and Ctrl-C when it reads none) detach.
    onKeys: (bytes, forward) => {
      const read = readDetachKeys(state, bytes, !target.stdin);
      if (target.stdin) forward(read.forward);
      if (read.detach) detach.abort();
    },
    session: (keys) =>
      openAttach({
        ...opts,
        target,
        stdin: keys,
        stdout: target.tty ? stdout : crlf(stdout),
        size: stdout,
        signal: detach.signal,
      }),
    failed: (reason) => ({ kind: 'closed', reason }),
    message: (end) => attachEndText(end, opts.pod, opts.container),
  });
}
