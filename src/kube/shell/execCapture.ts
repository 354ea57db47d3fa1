/**
 * Runs one command in a container without a terminal and captures what it prints, as
 * `kubectl exec POD -c C -- CMD` does: no stdin, no tty, stdout and stderr kept apart (each up to a byte cap, the
 * rest counted and dropped), ended by the stream's final Status. For the checks that read a pod from inside
 * (`/proc/net/tcp`, `/etc/resolv.conf`, a probe run in a client pod). Resolves — never rejects — with one of:
 * the exit code and output, "the image has no such program" (distroless: no `cat`), or why it could not run
 * (refused with the server's words, timed out, cancelled, the stream cut).
 */
import { Writable } from 'node:stream';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';
import type WebSocket from 'ws';
import { endFromStatus } from '../../domain/shellEnd.js';
import { describeFailure, oneLine } from '../errors.js';
import { serverUrl } from '../request.js';
import { ExecConnector } from './execConnector.js';

export interface ExecCaptureOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  command: readonly string[];
  /** Gives up after this long (default 10 s): the result says `timed out`. */
  timeoutMs?: number;
  /** Bytes kept of each of stdout and stderr (default 1 MiB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export type ExecCaptureResult =
  | {
      readonly kind: 'exit';
      readonly code: number;
      readonly stdout: string;
      readonly stderr: string;
      /** Bytes past `maxBytes`, dropped (said, never silent). */
      readonly truncated: number;
    }
  /** The program is not in the image (the runtime's "executable file not found"). */
  | { readonly kind: 'missing'; readonly message: string }
  /** It did not run or did not finish: refused (RBAC, no such container), timed out, cancelled, cut off. */
  | { readonly kind: 'failed'; readonly reason: string };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1 << 20;

/** Keeps up to `max` bytes of a stream, counting the rest. */
class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly max: number) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    const room = this.max - this.kept;
    if (room > 0) {
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
    done();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Runs the command and resolves with how it went; see the file comment. */
export async function execCapture(opts: ExecCaptureOptions): Promise<ExecCaptureResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const stdout = new Capture(maxBytes);
  const stderr = new Capture(maxBytes);
  const connector = new ExecConnector(opts.kc);
  // client-node's index (its generated API and undici) is loaded when a read first runs, not at start-up: the
  // views that read through exec are imported with the dashboard (test/cli/startupModules.test.ts).
  const { Exec } = await import('@kubernetes/client-node');
  const exec = new Exec(opts.kc, connector);
  const action = `exec into pod ${opts.pod}`;
  let status: V1Status | undefined;
  let ws: WebSocket | undefined;
  let stop: string | undefined;
  const end = (reason: string): void => {
    stop ??= reason;
    ws?.close(1000);
  };
  const timer = setTimeout(
    () => end(`timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`),
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  const onAbort = (): void => end('cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) return { kind: 'failed', reason: 'cancelled' };
    try {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- client-node types it as isomorphic-ws's WebSocket, which is ws's
      ws = (await exec.exec(
        opts.namespace,
        opts.pod,
        opts.container,
        [...opts.command],
        stdout,
        stderr,
        null,
        false,
        (s: V1Status) => {
          status = s;
        },
      )) as unknown as WebSocket;
    } catch (e) {
      if (stop) return { kind: 'failed', reason: stop };
      const failure = describeFailure(connector.refused ?? e, serverUrl(opts.kc), action);
      return { kind: 'failed', reason: oneLine(failure.message) };
    }
    if (stop) ws.close(1000);
    const socket = ws;
    await new Promise<void>((resolve) => {
      if (socket.readyState === socket.CLOSED) resolve();
      else socket.once('close', () => resolve());
    });
    if (stop && !status) return { kind: 'failed', reason: stop };
    if (!status) return { kind: 'failed', reason: 'the exec stream closed before the command ended' };
    const ended = endFromStatus(status);
    const truncated = stdout.dropped + stderr.dropped;
    if (ended.kind === 'exit')
      return { kind: 'exit', code: ended.code, stdout: stdout.text(), stderr: stderr.text(), truncated };
    if (ended.kind === 'no-shell') return { kind: 'missing', message: ended.message };
    return { kind: 'failed', reason: ended.reason };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
