/**
 * `pods/attach` over WebSocket (issue 16): the container's main process's output from now on, on the same
 * channel protocol as exec (kubectl 1.32 attaches over v5.channel.k8s.io, falling back to SPDY only when the
 * upgrade fails: staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go, createExecutor).
 *
 * As the kubelet does (pkg/kubelet/kubelet_pods.go, GetAttach): the terminal setting is the container spec's
 * `tty`, whatever the request says (a process's terminal cannot change after it started), so a container without
 * one streams stdout and stderr apart even when `tty=true` was asked (kubectl warns `Unable to use a TTY -
 * container X did not allocate one` and asks without). The demo's main processes are log generators: their
 * output is the container's log lines as they are written (what `kubectl logs -f` shows from now on; attach
 * shows no history); they read no input, so stdin frames are dropped, as by a process that never reads its
 * stdin. The stream ends when the container's run ends (a Success status, as the kubelet's attach server writes
 * when the runtime's attach returns), or when the client goes.
 */
import type { WebSocket } from 'ws';
import type { ExecSessions } from './exec.js';
import { openChannels, protocolVersion, readInputFrames } from './exec.js';
import { linesDue, linesInAll } from './logs/script.js';
import { logScript } from './logs/styles/index.js';
import type { MainProcess } from './mainProcess.js';
import type { ContainerRun } from './runtime.js';

const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
/** How often new lines are looked for: a line shows within this long of being written. */
const POLL_MS = 100;

export interface AttachRequest {
  /** The container spec's `tty` (not the request's). */
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/** An upgraded attach connection and what serves it: the request, the clock, the kubelet's session registry. */
export interface AttachConnection {
  ws: WebSocket;
  protocol: string;
  request: AttachRequest;
  now: () => number;
  sessions: ExecSessions;
}

/** What an attach does when it ends: stop feeding the client (`release`), then send what is left (`beforeEnd`). */
interface AttachEnding {
  release(): void;
  beforeEnd?(): void;
}

/**
 * What both kinds of attach share: the channels, the session the kubelet ends when the container stops or the pod
 * goes, and the Success status the kubelet's attach server writes when the runtime's attach returns.
 */
function openAttachSession(
  { ws, protocol, request, now, sessions }: AttachConnection,
  run: ContainerRun,
  ending: AttachEnding,
): { send: (channel: number, payload: string) => void; version: number; finish(): void; done(): boolean } {
  const version = protocolVersion(protocol);
  const send = openChannels(ws, request);
  let finished = false;
  const remove = sessions.add({
    info: {
      namespace: run.namespace,
      pod: run.pod,
      container: run.container,
      command: ['(attach)'],
      tty: request.tty,
      startedAt: now(),
    },
    end: () => finish(),
  });
  const finish = (): void => {
    if (finished) return;
    finished = true;
    remove();
    ending.release();
    ending.beforeEnd?.();
    if (version >= 4) send(ERROR, JSON.stringify({ metadata: {}, status: 'Success' }));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  ws.on('close', () => {
    if (finished) return;
    finished = true;
    remove();
    ending.release();
  });
  return { send, version, finish, done: () => finished };
}

/** Serves one attach connection to an interactive main process until the run ends or the client goes. */
export function serveInteractiveAttach(c: AttachConnection, main: MainProcess): void {
  const { request } = c;
  const session = openAttachSession(c, main.run, {
    release: () => handle.detach(),
  });
  const handle = main.attach((stream, text) => {
    // With a terminal the process has one output stream (stdout); without, stderr comes apart.
    if (stream === 'stdout' && request.stdout) session.send(STDOUT, text);
    else if (stream === 'stderr' && request.stderr) session.send(STDERR, text);
  }, request.stdin);
  readInputFrames(c.ws, session.version, session.done, {
    stdin: (text) => handle.write(text),
    resize: (size) => handle.resize(size),
    closeStdin: () => {
      if (handle.stdinEnded() === 'detached') session.finish();
    },
  });
}

/** Serves one attach connection to `run` until it ends or the client goes. */
export function serveAttach(c: AttachConnection, run: ContainerRun): void {
  const { request, now } = c;
  const script = logScript(run);
  let next = linesDue(script, run, now());
  const flush = (): void => {
    const due =
      run.finishedAt === undefined ? linesDue(script, run, now()) : (linesInAll(script, run) ?? next);
    // A terminal turns \n into \r\n (onlcr); without one the bytes go as written.
    const eol = request.tty ? '\r\n' : '\n';
    let out = '';
    for (; next < due; next++) out += script.text(next) + eol;
    if (out && request.stdout) session.send(STDOUT, out);
  };
  // Input frames (stdin, resizes) are not read: the process reads no input and has no terminal to size.
  const session = openAttachSession(c, run, {
    release: () => clearInterval(timer),
    beforeEnd: flush,
  });
  const timer = setInterval(() => {
    flush();
    if (run.finishedAt !== undefined) session.finish();
  }, POLL_MS);
}
