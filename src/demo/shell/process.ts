/**
 * A process started in a container by `exec`: a shell or a single program, with a terminal or with plain pipes.
 * This is the shell side of the exec connection: bytes in (stdin, resizes, end of input), text out, an exit
 * status at the end, and `kill()` when the connection or the container goes away.
 */
import { userlandOf } from './dialect.js';
import { FileView } from './fs.js';
import type { ShellHost } from './host.js';
import { InputQueue } from './io.js';
import type { Sink, Terminal, TerminalSize } from './io.js';
import { LineEditor } from './lineEditor.js';
import { findProgram, programNames } from './programs.js';
import { KILLED, runShell } from './repl.js';
import type { CommandIO, ShellState } from './state.js';

/** What `exec` asks for: the command, the container, and how its streams are attached. */
export interface SpawnOptions {
  /** The command as `kubectl exec … -- ARGV` gives it. */
  argv: string[];
  host: ShellHost;
  /** Shells the image has (from its profile); empty for distroless images, which have no programs at all. */
  shells: readonly ('bash' | 'sh')[];
  /** A terminal (`-t`): output lines end in `\r\n`, typed keys are echoed and edited, Ctrl-C interrupts. */
  tty: boolean;
  /** Whether stdin is attached (`-i`); without it the process reads end-of-file at once. */
  stdin: boolean;
  /** Where stdout goes; with a terminal, stderr and the echo go here too. */
  stdout: Sink;
  stderr: Sink;
}

/** A running process, as the exec transport drives it. */
export interface ContainerProcess {
  /** Bytes from the client's stdin, decoded. */
  write(data: string): void;
  /** The client's stdin reached end-of-file. */
  closeStdin(): void;
  /** The client's terminal changed size. */
  resize(size: TerminalSize): void;
  /** Ends the process at once (SIGKILL); `exited` then settles with 137 and no more output comes. */
  kill(): void;
  /** The exit status, 0–255. */
  readonly exited: Promise<number>;
}

/** A started process, or the runtime's reason for not starting one (`exec: "bash": executable file not found…`). */
export type SpawnResult = { ok: true; process: ContainerProcess } | { ok: false; error: string };

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function initialVars(host: ShellHost, tty: boolean): Map<string, string> {
  // The runtime's environment: PATH and HOSTNAME first, then the container's, HOME last.
  const vars = new Map<string, string>([
    ['PATH', DEFAULT_PATH],
    ['HOSTNAME', host.hostname],
  ]);
  for (const [k, v] of Object.entries(host.env)) vars.set(k, v);
  // The runtime sets TERM for an exec with a terminal, as docker and containerd do.
  if (tty && !vars.has('TERM')) vars.set('TERM', 'xterm');
  if (!vars.has('HOME')) vars.set('HOME', '/root');
  return vars;
}

/** Starts `argv` in the container the host describes; fails like the runtime when the program is not there. */
export function spawnProcess(opts: SpawnOptions): SpawnResult {
  const { argv, host, shells, tty } = opts;
  const program = findProgram(argv[0] ?? '', shells);
  if (program.kind === 'missing') return { ok: false, error: program.error };

  let done = false;
  const interrupt = new AbortController();
  const kill = new AbortController();
  const signal = AbortSignal.any([interrupt.signal, kill.signal]);

  // ONLCR: a terminal turns each \n into \r\n. `lineTail` is what is on the cursor's line, for the editor.
  let lineTail = '';
  const toTerminal: Sink = (text) => {
    if (done || text === '') return;
    const out = text.replace(/\r?\n/g, '\r\n');
    const cut = Math.max(out.lastIndexOf('\n'), out.lastIndexOf('\r'));
    lineTail = cut < 0 ? lineTail + out : out.slice(cut + 1);
    opts.stdout(out);
  };
  const guard =
    (sink: Sink): Sink =>
    (text) => {
      if (!done && text !== '') sink(text);
    };
  const stdin = new InputQueue();
  if (!opts.stdin) stdin.end();
  const terminal: Terminal = { tty, size: undefined };
  const io: CommandIO = {
    stdin,
    stdout: tty ? toTerminal : guard(opts.stdout),
    stderr: tty ? toTerminal : guard(opts.stderr),
    isatty: tty,
  };
  const vars = initialVars(host, tty);
  const pids = host.processes.map((p) => p.pid);
  const state: ShellState = {
    host,
    fs: new FileView(host.files, programNames(shells)),
    terminal,
    foreground: { current: interrupt },
    killed: kill.signal,
    pids: { next: Math.max(1, ...pids) + 1 },
    shells,
    terminalInput: tty ? stdin : undefined,
    dialect: { shell: 'ash', userland: userlandOf(shells), arg0: argv[0] ?? '' },
    interactive: false,
    commandString: false,
    vars,
    exported: new Set(vars.keys()),
    cwd: '/',
    lastStatus: 0,
    lineNo: 0,
    pid: 0,
    exitCode: undefined,
  };

  const run = async (): Promise<number> => {
    if (program.kind === 'shell') return runShell(argv, state, program.shell, io, signal);
    state.pid = state.pids.next++;
    return program.run({ argv, state, signal, ...io });
  };
  let settle: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (settle = resolve));
  const finish = (code: number): void => {
    if (done) return;
    done = true;
    settle(code & 255);
  };
  run().then(
    (code) => finish(kill.signal.aborted ? KILLED : code),
    (e: unknown) => {
      // A bug in a command must not hang the session: report it as a shell would report a crash.
      io.stderr(`${argv[0]}: ${e instanceof Error ? e.message : String(e)}\n`);
      finish(1);
    },
  );

  const editor = tty
    ? new LineEditor(
        (echo) => {
          if (done) return;
          // Enter moves to a new line: what the program printed before is no longer on the cursor's line.
          if (echo.includes('\n')) lineTail = '';
          opts.stdout(echo);
        },
        () => lineTail,
      )
    : undefined;

  const proc: ContainerProcess = {
    write(data) {
      if (done) return;
      if (!editor) {
        stdin.push(data);
        return;
      }
      for (let rest = data; rest !== '';) {
        const { event, rest: next } = editor.feed(rest);
        rest = next;
        if (event?.type === 'line') stdin.push(event.text + '\n');
        else if (event?.type === 'eof') stdin.pushEof();
        else if (event?.type === 'interrupt') state.foreground.current?.abort();
      }
    },
    closeStdin() {
      stdin.end();
    },
    resize(size) {
      const before = terminal.size;
      terminal.size = size;
      // A change of width redraws the line being edited (see LineEditor.refresh); the first size is no change.
      if (editor && before && before.cols !== size.cols && !done) editor.refresh();
    },
    kill() {
      kill.abort();
      finish(KILLED);
    },
    exited,
  };
  return { ok: true, process: proc };
}
