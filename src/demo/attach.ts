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

/** Serves one attach connection to an interactive main process until the run ends or the client goes. */
export function serveInteractiveAttach(
  ws: WebSocket,
  protocol: string,
  request: AttachRequest,
  main: MainProcess,
  now: () => number,
  sessions: ExecSessions,
): void {
  const version = protocolVersion(protocol);
  const send = openChannels(ws, request);
  let finished = false;
  const handle = main.attach((stream, text) => {
    // With a terminal the process has one output stream (stdout); without, stderr comes apart.
    if (stream === 'stdout' && request.stdout) send(STDOUT, text);
    else if (stream === 'stderr' && request.stderr) send(STDERR, text);
  }, request.stdin);
  const run = main.run;
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
    handle.detach();
    if (version >= 4) send(ERROR, JSON.stringify({ metadata: {}, status: 'Success' }));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  readInputFrames(ws, version, () => finished, {
    stdin: (text) => handle.write(text),
    resize: (size) => handle.resize(size),
    closeStdin: () => {
      if (handle.stdinEnded() === 'detached') finish();
    },
  });
  ws.on('close', () => {
    if (finished) return;
    finished = true;
    remove();
    handle.detach();
  });
}

/** Serves one attach connection to `run` until it ends or the client goes. */
export function serveAttach(
  ws: WebSocket,
  protocol: string,
  request: AttachRequest,
  run: ContainerRun,
  now: () => number,
  sessions: ExecSessions,
): void {
  const version = protocolVersion(protocol);
  const script = logScript(run);
  let next = linesDue(script, run, now());
  let finished = false;
  const send = openChannels(ws, request);

  const flush = (): void => {
    const due =
      run.finishedAt === undefined ? linesDue(script, run, now()) : (linesInAll(script, run) ?? next);
    // A terminal turns \n into \r\n (onlcr); without one the bytes go as written.
    const eol = request.tty ? '\r\n' : '\n';
    let out = '';
    for (; next < due; next++) out += script.text(next) + eol;
    if (out && request.stdout) send(STDOUT, out);
  };
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    remove();
    flush();
    if (version >= 4) send(ERROR, JSON.stringify({ metadata: {}, status: 'Success' }));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  const timer = setInterval(() => {
    flush();
    if (run.finishedAt !== undefined) finish();
  }, POLL_MS);
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
  // Input frames (stdin, resizes) are not read: the process reads no input and has no terminal to size.
  ws.on('close', () => {
    finished = true;
    clearInterval(timer);
    remove();
  });
}
