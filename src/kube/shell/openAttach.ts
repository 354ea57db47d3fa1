/**
 * Attaching to a container's main process (`kubectl attach -it POD -c C`, issue 16), in-process over the
 * attach WebSocket with client-node's `Attach` and the same connector as the shell (TLS, proxies, credentials,
 * the refused upgrade's Status kept). As kubectl does (staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go, Run):
 * the terminal setting follows the container spec's `tty` (kubectl turns its own off with `Unable to use a TTY -
 * container X did not allocate one`); stdin is sent only to a container that keeps it open (`stdin: true`), since
 * nothing else reads it; with a terminal, the size goes one larger and back, so a shell at its prompt redraws it
 * (nudgedSize.ts). Resolves — never rejects — with how it ended.
 */
import { Attach } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Readable, Writable } from 'node:stream';
import type WebSocket from 'ws';
import { decodePod } from '../decode/pod.js';
import { describeFailure, errorMessage, oneLine } from '../errors.js';
import { getJson, serverUrl } from '../request.js';
import { containerFate } from './containerFate.js';
import { ExecConnector } from './execConnector.js';
import { nudgedSize } from './nudgedSize.js';
import { closeReason } from './openShell.js';
import type { TerminalSizeSource } from './shellOutput.js';
import { ShellOutput } from './shellOutput.js';

/** What the container spec allows an attach: a terminal, and input. */
export interface AttachTarget {
  readonly tty: boolean;
  readonly stdin: boolean;
  /** The container's stdin closes when the first attach detaches (without a terminal, as containerd does). */
  readonly stdinOnce: boolean;
}

/** How an attach ended: the process's output ended (it exited), the user detached, or the stream failed. */
export type AttachEnd =
  | { kind: 'ended'; exit?: { reason: string; exitCode: number } }
  | { kind: 'detached' }
  | { kind: 'closed'; reason: string };

/** Reads the container's spec: whether it has a terminal and keeps stdin open; a string says why not. */
export async function attachTarget(
  kc: KubeConfig,
  namespace: string,
  pod: string,
  container: string,
): Promise<AttachTarget | string> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
  try {
    const p = decodePod(await getJson(kc, path, { timeoutMs: 10_000 }), `GET ${path}`);
    const spec = [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].find(
      (c) => c.name === container,
    );
    if (!spec) return `container ${container} is not valid for pod ${pod}`;
    return { tty: spec.tty === true, stdin: spec.stdin === true, stdinOnce: spec.stdinOnce === true };
  } catch (e) {
    return oneLine(describeFailure(e, serverUrl(kc), `read pod ${pod}`).message);
  }
}

export interface OpenAttachOptions {
  kc: KubeConfig;
  namespace: string;
  pod: string;
  container: string;
  target: AttachTarget;
  /** The keys, raw; read only when the container keeps stdin open. */
  stdin: Readable;
  stdout: Writable;
  size: TerminalSizeSource;
  /** Aborting detaches (resolves `detached`). */
  signal: AbortSignal;
}

/** Attaches and resolves when the attach is over. */
export async function openAttach(opts: OpenAttachOptions): Promise<AttachEnd> {
  const size = nudgedSize(opts.size);
  const out = new ShellOutput(opts.stdout, opts.target.tty ? size : opts.size);
  const connector = new ExecConnector(opts.kc);
  const attach = new Attach(opts.kc, connector);
  let ws: WebSocket;
  try {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- client-node types it as isomorphic-ws's WebSocket, which is ws's
    ws = (await attach.attach(
      opts.namespace,
      opts.pod,
      opts.container,
      out,
      // With a terminal the process has one output stream; without, stderr comes apart (to the same screen).
      opts.target.tty ? null : out,
      opts.target.stdin ? opts.stdin : null,
      opts.target.tty,
    )) as unknown as WebSocket;
  } catch (e) {
    out.dispose();
    const failure = connector.refused ?? e;
    return { kind: 'closed', reason: `cannot attach: ${oneLine(errorMessage(failure))}` };
  }
  // The first size went with the connection (one larger, with a terminal); now the real one.
  size.settle();
  const detach = (): void => ws.close(1000);
  opts.signal.addEventListener('abort', detach, { once: true });
  try {
    return await explain(
      opts,
      await new Promise<AttachEnd>((resolve) => {
        ws.once('close', (code: number, reason: Buffer) => {
          if (opts.signal.aborted) return resolve({ kind: 'detached' });
          resolve(
            code === 1000
              ? { kind: 'ended' }
              : { kind: 'closed', reason: closeReason(code, reason.toString('utf8')) },
          );
        });
      }),
    );
  } finally {
    opts.signal.removeEventListener('abort', detach);
    out.dispose();
  }
}

/** An output that ended says little; the pod says why: deleted, being deleted, or how its container stopped. */
async function explain(opts: OpenAttachOptions, end: AttachEnd): Promise<AttachEnd> {
  if (end.kind !== 'ended') return end;
  const fate = await containerFate(opts.kc, opts.namespace, opts.pod, opts.container);
  switch (fate?.kind) {
    case 'deleted':
      return { kind: 'closed', reason: `pod ${opts.pod} was deleted` };
    case 'deleting':
      return { kind: 'closed', reason: `pod ${opts.pod} is being deleted` };
    case 'stopped':
      return { kind: 'ended', exit: { reason: fate.reason, exitCode: fate.exitCode } };
    default:
      return end;
  }
}
