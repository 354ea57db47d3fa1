/**
 * A shell in a container, in-process over the exec WebSocket with client-node (no kubectl binary): a terminal
 * (tty) session that prefers bash and falls back to sh, sends the terminal size before any input, forwards
 * resizes, and resolves — never rejects — with how it ended: an exit code, "no shell in this image", or the
 * stream closing (pod deleted, connection dropped), explained from the pod's state when that says more.
 */
import { PassThrough } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { Exec } from '@kubernetes/client-node';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';
import WebSocket from 'ws';
import type { ShellEnd } from '../../domain/shellEnd.js';
import { endFromStatus, KILLED_EXIT_CODE } from '../../domain/shellEnd.js';

import { containerFate } from './containerFate.js';
import { ExecConnector } from './execConnector.js';
import { describeFailure, oneLine } from '../errors.js';
import { serverUrl } from '../request.js';
import type { TerminalSizeSource } from './shellOutput.js';
import { ShellOutput } from './shellOutput.js';

/**
 * bash when the image has it, else sh, in one exec (k9s does the same). An image without /bin/sh fails to start
 * it, which is the "no shell" outcome.
 */
export const DEFAULT_SHELL_COMMAND: readonly string[] = [
  '/bin/sh',
  '-c',
  'command -v bash >/dev/null 2>&1 && exec bash || exec sh',
];

export interface OpenShellOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  /** Another command to run instead of the default shell (a flag or the config). */
  command?: readonly string[];
  /** The keys, raw. Read only while the shell runs (buffered until the size is sent); listeners removed after. */
  stdin: Readable;
  /** Where the shell's output goes. */
  stdout: Writable;
  /** The terminal's size, sent when the stream opens and whenever it emits 'resize'. */
  size: TerminalSizeSource;
  /** Aborting ends the shell (resolves `closed`). */
  signal?: AbortSignal;
}

/** Why a stream closed without a status, in words (shared with the attach). */
export function closeReason(code: number, reason: string): string {
  if (code === 1006) return 'the connection to the API server was lost';
  return `the stream closed (${code}${reason ? `: ${reason}` : ''})`;
}

/**
 * A shell that was killed or cut off says little ("exit code 137", "connection lost"); the pod's state says why:
 * deleted, being deleted, or its container stopped. When the pod can't be read, the original end stands.
 */
async function explain(end: ShellEnd, opts: OpenShellOptions, opened: boolean): Promise<ShellEnd> {
  const killed = end.kind === 'exit' && end.code === KILLED_EXIT_CODE;
  if (!killed && end.kind !== 'closed') return end;
  const fate = await containerFate(opts.kc, opts.namespace, opts.pod, opts.container);
  switch (fate?.kind) {
    case 'deleted':
      return { kind: 'closed', reason: opened ? `pod ${opts.pod} was deleted` : `pod ${opts.pod} not found` };
    case 'deleting':
      return { kind: 'closed', reason: `pod ${opts.pod} is being deleted` };
    case 'stopped':
      return {
        kind: 'closed',
        reason: `container ${opts.container} stopped (${fate.reason}, exit code ${fate.exitCode})`,
      };
    default:
      return end;
  }
}

/** Opens a shell and resolves when it is over; see the file comment. */
export async function openShell(opts: OpenShellOptions): Promise<ShellEnd> {
  const out = new ShellOutput(opts.stdout, opts.size);
  const input = new PassThrough();
  const connector = new ExecConnector(opts.kc);
  const exec = new Exec(opts.kc, connector);
  let statusEnd: ShellEnd | undefined;
  const onData = (chunk: Buffer | string): void => {
    input.write(chunk);
  };
  const onEnd = (): void => {
    input.end();
  };
  let ws: WebSocket;
  try {
    opts.signal?.throwIfAborted();
    // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- client-node types it as isomorphic-ws's WebSocket, which is ws's
    ws = (await exec.exec(
      opts.namespace,
      opts.pod,
      opts.container,
      [...(opts.command ?? DEFAULT_SHELL_COMMAND)],
      out,
      null,
      input,
      true,
      (status: V1Status) => {
        statusEnd = endFromStatus(status);
      },
    )) as unknown as WebSocket;
  } catch (e) {
    out.dispose();
    input.destroy();
    if (opts.signal?.aborted) return { kind: 'closed', reason: 'cancelled' };
    const failure = describeFailure(connector.refused ?? e, serverUrl(opts.kc), `exec into pod ${opts.pod}`);
    const ended = await explain({ kind: 'closed', reason: failure.message }, opts, false);
    return ended.kind === 'closed' && ended.reason === failure.message
      ? { kind: 'closed', reason: `cannot open a shell: ${oneLine(failure.message)}` }
      : ended;
  }

  const closed = new Promise<ShellEnd>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => {
      resolve(statusEnd ?? { kind: 'closed', reason: closeReason(code, reason.toString('utf8')) });
    });
  });
  const abort = (): void => {
    statusEnd ??= { kind: 'closed', reason: 'cancelled' };
    ws.close(1000);
  };
  opts.signal?.addEventListener('abort', abort, { once: true });
  // Exec queued the size frame while opening; keys typed meanwhile wait in `stdin` until it has gone out.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (ws.readyState === WebSocket.OPEN) {
    opts.stdin.on('data', onData);
    opts.stdin.once('end', onEnd);
  }
  try {
    return await explain(await closed, opts, true);
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    opts.stdin.off('data', onData);
    opts.stdin.off('end', onEnd);
    out.dispose();
    input.destroy();
  }
}
