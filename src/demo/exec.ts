/**
 * `pods/exec` over WebSocket (the RemoteCommand channel protocol): frames are `[channel, …payload]`; 0 stdin,
 * 1 stdout, 2 stderr, 3 the final Status, 4 terminal resizes, and in v5 255 CLOSE (`[255, 0]`: stdin ended).
 *
 * What a real cluster answers depends on the path: a v5 connection goes through the API server's stream
 * translator (apiserver `pkg/util/proxy/streamtranslator.go`), which re-wraps what the kubelet reported; a v4 or
 * older connection is proxied to the kubelet's own WebSocket server (`pkg/kubelet/cri/streaming/remotecommand`).
 * The Status texts below reproduce both, including the containerd wording for a missing executable.
 */
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { RawData, WebSocket } from 'ws';
import type { ShellHost } from './shell/host.js';
import type { TerminalSize } from './shell/io.js';
import { spawnProcess } from './shell/process.js';

/** The subprotocols the server speaks, preferred first: kubectl ≥1.30 offers only v5, client-node all five. */
export const EXEC_SUBPROTOCOLS: readonly string[] = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v3.channel.k8s.io',
  'v2.channel.k8s.io',
  'channel.k8s.io',
];

/** The subprotocol to accept among those a client offers (for `ws`'s `handleProtocols`), or false for none. */
export function selectExecSubprotocol(offered: Iterable<string>): string | false {
  const set = new Set(offered);
  return EXEC_SUBPROTOCOLS.find((p) => set.has(p)) ?? false;
}

/** The query of an exec request: `?command=sh&command=-c&…&stdin=true&stdout=true&tty=true`. */
export interface ExecRequest {
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/**
 * How a session is ended from outside: with the exit status its process gets (137 when the container is
 * killed under it), or with an error message the client shows as is.
 */
export type ExecEnd = { exitCode: number } | { message: string };

/** The end of a session whose container stopped or whose pod was deleted: its processes die of SIGKILL. */
export const CONTAINER_KILLED: ExecEnd = { exitCode: 137 };

/** A live exec session, as the registry lists it. */
export interface ExecSessionInfo {
  namespace: string;
  pod: string;
  container: string;
  command: readonly string[];
  tty: boolean;
  /** Epoch milliseconds. */
  startedAt: number;
}

/** Which sessions to end: a namespace, a pod of it, or one container of that pod. */
export interface ExecSessionFilter {
  namespace: string;
  pod?: string;
  container?: string;
}

interface LiveSession {
  info: ExecSessionInfo;
  end(end: ExecEnd): void;
}

/**
 * The exec sessions of one demo server. The kubelet calls `endSessions` when a container stops or a pod goes
 * away, so that shells in it end as they would on a real node instead of outliving their container.
 */
export class ExecSessions {
  private readonly live = new Set<LiveSession>();

  /** Number of open sessions. */
  get size(): number {
    return this.live.size;
  }

  /** The open sessions. */
  list(): ExecSessionInfo[] {
    return [...this.live].map((s) => s.info);
  }

  /** Ends the matching sessions: each client gets the Status for `end`, then the connection closes. */
  endSessions(filter: ExecSessionFilter, end: ExecEnd = CONTAINER_KILLED): number {
    const matching = [...this.live].filter(
      ({ info }) =>
        info.namespace === filter.namespace &&
        (filter.pod === undefined || info.pod === filter.pod) &&
        (filter.container === undefined || info.container === filter.container),
    );
    for (const s of matching) s.end(end);
    return matching.length;
  }

  /** @internal Registers a session; the returned function removes it. */
  add(session: LiveSession): () => void {
    this.live.add(session);
    return () => this.live.delete(session);
  }
}

/** The registry `serveExec` uses when the caller passes none. A server should create and pass its own. */
export const execSessions = new ExecSessions();

// ---- Status bodies (metav1.Status as encoding/json writes it: metadata, status, message, reason, details, code)

type Status = Record<string, unknown>;

const SUCCESS: Status = { metadata: {}, status: 'Success' };

/**
 * A non-zero exit. The kubelet writes "command terminated with non-zero exit code: " + containerd's error
 * ("error executing command [sh -c exit 3], exit code 3"); through the v5 translator that error is client-go's
 * own ("command terminated with exit code 3").
 */
function exitStatus(code: number, argv: readonly string[], version: number): Status {
  const cause =
    version >= 5
      ? `command terminated with exit code ${code}`
      : `error executing command [${argv.join(' ')}], exit code ${code}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${cause}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** `apierrors.NewInternalError(err)`: the message is prefixed, the cause carries `err` itself. */
function internalError(err: string): Status {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${err}`,
    reason: 'InternalError',
    details: { causes: [{ message: err }] },
    code: 500,
  };
}

/**
 * The runtime could not start the process. containerd: "failed to exec in container: failed to start exec
 * "<id>": OCI runtime exec failed: exec failed: unable to start container process: <runc error>: unknown"; the
 * kubelet wraps it as an internal error, and the v5 translator wraps the kubelet's message once more, which is
 * why kubectl prints "error: Internal error occurred: Internal error occurred: error executing command…".
 */
function startFailure(runtimeError: string, version: number): Status {
  const execId = randomBytes(32).toString('hex');
  const containerd = `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${runtimeError}: unknown`;
  const kubelet = internalError(`error executing command in container: ${containerd}`);
  return version >= 5 ? internalError(String(kubelet.message)) : kubelet;
}

function endStatus(end: ExecEnd, argv: readonly string[], version: number): Status {
  if ('message' in end) return internalError(end.message);
  return end.exitCode === 0 ? SUCCESS : exitStatus(end.exitCode & 255, argv, version);
}

export function protocolVersion(protocol: string): number {
  const m = /^v(\d+)\.channel\.k8s\.io$/.exec(protocol);
  const v = m ? Number(m[1]) : 1;
  // v2 and v3 report errors like v1 (plain text, nothing on success); v4 introduced the JSON Status.
  return v >= 4 ? v : 1;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * Resize messages: a stream of JSON objects, `{"Width":80,"Height":24}` from kubectl and
 * `{"height":24,"width":80}` from client-node. Go decodes field names case-insensitively, so this does too.
 */
class ResizeReader {
  private buffer = '';

  push(text: string): TerminalSize[] {
    this.buffer += text;
    const sizes: TerminalSize[] = [];
    for (;;) {
      const start = this.buffer.indexOf('{');
      const end = this.buffer.indexOf('}', start);
      if (start < 0 || end < 0) break;
      const json = this.buffer.slice(start, end + 1);
      this.buffer = this.buffer.slice(end + 1);
      const size = parseSize(json);
      if (size) sizes.push(size);
    }
    if (this.buffer.indexOf('{') < 0) this.buffer = '';
    return sizes;
  }
}

function parseSize(json: string): TerminalSize | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  let rows: number | undefined;
  let cols: number | undefined;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) continue;
    if (k.toLowerCase() === 'height') rows = v;
    else if (k.toLowerCase() === 'width') cols = v;
  }
  return rows !== undefined && cols !== undefined ? { rows, cols } : undefined;
}

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

/**
 * The frame sender of an upgraded exec or attach connection (`[channel, …payload]`), after the announcement
 * the kubelet and the translator both make: an empty frame on the lowest output channel asked for.
 */
export function openChannels(
  ws: WebSocket,
  request: { stdout: boolean; stderr: boolean },
): (channel: number, payload: string | Buffer) => void {
  const send = (channel: number, payload: string | Buffer): void => {
    if (ws.readyState !== ws.OPEN) return;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    ws.send(Buffer.concat([Buffer.from([channel]), body]));
  };
  ws.on('error', () => {
    // A broken connection also emits 'close', which ends the process; nothing else to do here.
  });
  send(request.stdout ? STDOUT : request.stderr ? STDERR : ERROR, Buffer.alloc(0));
  return send;
}

/** What the client's input frames ask of a process: keys, a new terminal size, the end of its stdin. */
export interface InputHandlers {
  stdin(text: string): void;
  resize(size: TerminalSize): void;
  closeStdin(): void;
}

/**
 * Reads the client's frames of an exec or attach connection: stdin (decoded as UTF-8 across frames), resizes,
 * and in v5 the CLOSE frame that half-closes stdin. Frames after `done()` turns true are dropped.
 */
export function readInputFrames(
  ws: WebSocket,
  version: number,
  done: () => boolean,
  on: InputHandlers,
): void {
  const decoder = new StringDecoder('utf8');
  const resizes = new ResizeReader();
  ws.on('message', (data) => {
    const frame = toBuffer(data);
    if (frame.length === 0 || done()) return;
    const payload = frame.subarray(1);
    switch (frame[0]) {
      case STDIN:
        on.stdin(decoder.write(payload));
        break;
      case RESIZE:
        for (const size of resizes.push(payload.toString('utf8'))) on.resize(size);
        break;
      case CLOSE:
        // v5 only: [255, 0] half-closes stdin. Older protocols have no such frame; their clients hang up instead.
        if (version >= 5 && payload[0] === STDIN) {
          const rest = decoder.end();
          if (rest !== '') on.stdin(rest);
          on.closeStdin();
        }
        break;
      default:
        break;
    }
  });
}

/**
 * Serves one exec connection on an upgraded WebSocket whose subprotocol is `protocol` (one of
 * `EXEC_SUBPROTOCOLS`): starts `request.command` in the container `host` describes, whose image has `shells`,
 * and streams until the process exits, the client goes away, or `sessions.endSessions` ends it.
 */
export function serveExec(
  ws: WebSocket,
  protocol: string,
  request: ExecRequest,
  host: ShellHost,
  shells: ('bash' | 'sh')[],
  sessions: ExecSessions = execSessions,
): void {
  const version = protocolVersion(protocol);
  const argv = request.command;
  let finished = false;

  const send = openChannels(ws, request);

  const writeStatus = (status: Status): void => {
    if (version >= 4) send(ERROR, JSON.stringify(status));
    else if (status.status !== 'Success') send(ERROR, String(status.message));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };

  if (argv.length === 0) {
    finished = true;
    writeStatus({
      metadata: {},
      status: 'Failure',
      message: 'you must specify at least one command for the container',
      reason: 'BadRequest',
      code: 400,
    });
    return;
  }

  const spawned = spawnProcess({
    argv,
    host,
    shells,
    tty: request.tty,
    stdin: request.stdin,
    stdout: (text) => {
      if (request.stdout) send(STDOUT, text);
    },
    stderr: (text) => {
      if (request.stderr) send(STDERR, text);
    },
  });
  if (!spawned.ok) {
    finished = true;
    writeStatus(startFailure(spawned.error, version));
    return;
  }
  const proc = spawned.process;

  const remove = sessions.add({
    info: {
      namespace: host.namespace,
      pod: host.podName,
      container: host.containerName,
      command: [...argv],
      tty: request.tty,
      startedAt: Date.now(),
    },
    end(end) {
      finish(endStatus(end, argv, version));
      proc.kill();
    },
  });
  const finish = (status: Status): void => {
    if (finished) return;
    finished = true;
    remove();
    writeStatus(status);
  };

  readInputFrames(ws, version, () => finished, {
    stdin: (text) => {
      if (request.stdin) proc.write(text);
    },
    resize: (size) => proc.resize(size),
    closeStdin: () => proc.closeStdin(),
  });
  ws.on('close', () => {
    if (finished) return;
    // The client went away: the kubelet tears the stream down and the process loses its terminal and pipes.
    finished = true;
    remove();
    proc.kill();
  });

  void proc.exited.then((code) => finish(endStatus({ exitCode: code }, argv, version)));
}
