/**
 * Attach (issue 16) with the shell's terminal hand-off (shellHandoff.ts): inside Ink's `suspendTerminal`, on the
 * main screen, raw mode, a banner naming pod and container and how to leave; the container's main process's
 * output streams until it ends or Ctrl-P Ctrl-Q detaches (Ctrl-C too when the process takes no input), and the
 * terminal is put back as Ink left it, whatever ends it. Imports client-node: load it with a dynamic import.
 */
import { PassThrough, Writable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import { readDetachKeys } from '../domain/attachKeys.js';
import type { AttachEnd, AttachTarget } from '../kube/shell/openAttach.js';
import { attachTarget, openAttach } from '../kube/shell/openAttach.js';
import { setTerminalHandedOff } from './restore.js';

export interface AttachHandoffOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** The banner: where, and how to leave. */
export function attachBanner(
  namespace: string,
  pod: string,
  container: string,
  target: AttachTarget,
): string {
  const how = target.stdin ? 'Ctrl-P Ctrl-Q detaches' : 'output only: Ctrl-C or Ctrl-P Ctrl-Q detaches';
  const tty = target.tty ? '' : ` (container ${container} did not allocate a TTY)`;
  return `\x1b[1mpodscope: attached to the main process of pod ${namespace}/${pod}, container ${container}\x1b[0m${tty} (${how})\r\n`;
}

/** The line flashed when the dashboard comes back. */
export function attachEndText(end: AttachEnd, pod: string, container: string): string {
  const where = `${pod}/${container}`;
  switch (end.kind) {
    case 'detached':
      return `detached from ${where} (its main process goes on)`;
    case 'ended':
      return `attach to ${where} ended: its main process exited`;
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
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const target = await attachTarget(opts.kc, opts.namespace, opts.pod, opts.container);
  if (typeof target === 'string') {
    const end: AttachEnd = { kind: 'closed', reason: target };
    return { end, message: attachEndText(end, opts.pod, opts.container) };
  }
  const keys = new PassThrough();
  const detach = new AbortController();
  const state = { pendingCtrlP: false };
  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const read = readDetachKeys(state, bytes, !target.stdin);
    if (read.forward.length && target.stdin) keys.write(read.forward);
    if (read.detach) detach.abort();
  };
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  setTerminalHandedOff(true);
  stdout.write('\x1b[?25h' + attachBanner(opts.namespace, opts.pod, opts.container, target));
  const output = target.tty ? stdout : crlf(stdout);
  let end: AttachEnd;
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.ref();
    stdin.on('data', onData);
    // Ink left the stream paused; no pause() afterwards (REFERENCE §3.3).
    stdin.resume();
    end = await openAttach({
      ...opts,
      target,
      stdin: keys,
      stdout: output,
      size: stdout,
      signal: detach.signal,
    });
  } catch (e) {
    end = { kind: 'closed', reason: e instanceof Error ? e.message : String(e) };
  } finally {
    stdin.off('data', onData);
    keys.destroy();
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
  }
  const message = attachEndText(end, opts.pod, opts.container);
  stdout.write(`\x1b[0m\r\n${message}\r\n`);
  setTerminalHandedOff(false);
  return { end, message };
}
