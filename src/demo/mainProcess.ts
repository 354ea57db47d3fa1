/**
 * Interactive main processes (issue 16): a container whose spec keeps stdin open (`stdin: true`, as `kubectl run
 * -it --image=busybox -- sh` makes) and whose command is a shell reading its input runs the demo's simulated shell
 * as PID 1, for as long as the container's run lasts. Attaching connects to it (attach.ts); when it exits, the
 * container's run ends with its exit status and the pod's restartPolicy applies, as the kubelet does.
 *
 * The runtime's part follows containerd's CRI (internal/cri/io/container_io.go, ContainerIO.Attach): every
 * attacher gets the output from the moment it attaches (no history); stdin goes to the process only when the
 * container has one (an attach asking for stdin to a container without it is served, its keys dropped); and with
 * `stdinOnce: true` and no terminal, the first attach's stdin ending closes the container's stdin for good. With a
 * terminal containerd leaves stdin open (the `StdinOnce && !Tty` condition there), and so does the demo.
 */
import type { Container } from '../domain/wire.js';
import { imageRepository } from './images.js';
import type { ContainerRun } from './runtime.js';
import type { ShellHost } from './shell/host.js';
import type { TerminalSize } from './shell/io.js';
import type { ContainerProcess } from './shell/process.js';
import { spawnProcess } from './shell/process.js';
import { Transcript } from './transcript.js';

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

/**
 * The argv of a container's main process when it is a shell reading commands from its input (`sh`, `/bin/sh -i`,
 * busybox's default command); undefined for anything else (`sh -c …`, a script file, a server).
 */
export function interactiveArgv(spec: Container): string[] | undefined {
  if (spec.stdin !== true) return undefined;
  const repo = imageRepository(spec.image ?? '');
  // busybox's and alpine's image command is `sh` (their Dockerfiles' CMD); `args` alone then replace it.
  const argv = spec.command?.length
    ? [...spec.command, ...(spec.args ?? [])]
    : repo === 'busybox' || repo === 'alpine'
      ? spec.args?.length
        ? [...spec.args]
        : ['sh']
      : undefined;
  if (!argv?.length) return undefined;
  if (!SHELLS.has(argv[0]!.replace(/^.*\//, ''))) return undefined;
  // Any operand (a script file) or -c means the shell reads no commands from stdin.
  return argv.slice(1).every((a) => /^[-+][a-zA-Z]*$/.test(a) && !a.includes('c')) ? argv : undefined;
}

/** Where an attacher's bytes go: the process's output, on its stdout or (without a terminal) stderr channel. */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** One attacher's connection to a main process. */
export interface AttachHandle {
  /** Keys from the attacher (dropped unless it asked for stdin and the container's stdin is open). */
  write(text: string): void;
  resize(size: TerminalSize): void;
  /** The attacher's stdin ended (v5's CLOSE frame); says whether its output stays attached. */
  stdinEnded(): 'attached' | 'detached';
  /** The attacher went: no more output to it. */
  detach(): void;
}

/** A running interactive main process and its streams. */
export class MainProcess {
  private readonly sinks = new Set<OutputSink>();
  private stdinClosed = false;

  constructor(
    readonly run: ContainerRun,
    /** The container spec's `tty`. */
    readonly tty: boolean,
    private readonly stdinOnce: boolean,
    private readonly proc: ContainerProcess,
  ) {}

  /** Settles with the exit status when the process ends (by itself, or killed). */
  get exited(): Promise<number> {
    return this.proc.exited;
  }

  /** @internal The process's output, to every attacher. */
  emit(stream: 'stdout' | 'stderr', text: string): void {
    for (const sink of this.sinks) sink(stream, text);
  }

  /**
   * Connects an attacher; the returned handle passes its input on and detaches it. `withStdin` is what the
   * attach asked for; it takes effect only while the container's stdin is open.
   */
  attach(sink: OutputSink, withStdin: boolean): AttachHandle {
    this.sinks.add(sink);
    const reads = withStdin && !this.stdinClosed;
    let ended = false;
    const stdinEnded = (): 'attached' | 'detached' => {
      if (!reads || ended) return 'attached';
      ended = true;
      // containerd, when an attach's stdin ends: StdinOnce && !Tty closes the container's stdin and the output
      // stays attached until the container stops; otherwise this attacher's output is removed (it is done).
      if (this.stdinOnce && !this.tty) {
        this.stdinClosed = true;
        this.proc.closeStdin();
        return 'attached';
      }
      this.sinks.delete(sink);
      return 'detached';
    };
    return {
      write: (text) => {
        if (reads && !ended && !this.stdinClosed) this.proc.write(text);
      },
      // The terminal's size is the container's (the runtime resizes its pty); without one there is nothing to size.
      resize: (size) => {
        if (this.tty) this.proc.resize(size);
      },
      stdinEnded,
      // The attacher went: its stdin ended with it (containerd closes the stdin copy when the stream goes).
      detach: () => {
        stdinEnded();
        this.sinks.delete(sink);
      },
    };
  }

  /** The container's run ended some other way (killed, the pod deleted): the process dies with it. */
  kill(): void {
    this.proc.kill();
  }
}

/** What starting a main process needs from the kubelet's side. */
export interface MainProcessStart {
  run: ContainerRun;
  spec: Container;
  host: ShellHost;
  now: () => number;
  /** Called with the exit status when the process ends by itself (not when killed). */
  onExit(code: number): void;
}

/** The interactive main processes of one demo server, by container run. */
export class MainProcesses {
  private readonly live = new Map<string, MainProcess>();
  private readonly stoppers = new Map<string, () => void>();

  /** The interactive main process of `run`, if it has one and it runs. */
  get(run: ContainerRun): MainProcess | undefined {
    return this.live.get(run.id);
  }

  /** Starts the main process of a run whose container asks for one (see `interactiveArgv`); false otherwise. */
  start({ run, spec, host, now, onExit }: MainProcessStart): boolean {
    const argv = interactiveArgv(spec);
    if (!argv || this.live.has(run.id)) return false;
    // Everything it writes goes to the container's log (its first prompt too, written before it is wrapped), and
    // to whoever is attached.
    const log = new Transcript(run, now);
    const relay: { to?: MainProcess } = {};
    const out =
      (stream: 'stdout' | 'stderr') =>
      (text: string): void => {
        log.write(text);
        relay.to?.emit(stream, text);
      };
    const spawned = spawnProcess({
      argv,
      host,
      shells: run.profile.shells,
      tty: spec.tty === true,
      stdin: true,
      stdout: out('stdout'),
      stderr: out('stderr'),
    });
    if (!spawned.ok) return false;
    run.transcript = log;
    const main = new MainProcess(run, spec.tty === true, spec.stdinOnce === true, spawned.process);
    relay.to = main;
    this.live.set(run.id, main);
    let killed = false;
    const stop = (): void => {
      killed = true;
      main.kill();
    };
    this.stoppers.set(run.id, stop);
    void main.exited.then((code) => {
      this.live.delete(run.id);
      this.stoppers.delete(run.id);
      if (!killed) onExit(code);
    });
    return true;
  }

  /** The run ended (the kubelet says so): its process, if any, is killed. */
  stop(run: ContainerRun): void {
    this.stoppers.get(run.id)?.();
  }

  /** Kills every process (the demo server stops). */
  close(): void {
    for (const stop of [...this.stoppers.values()]) stop();
  }
}
