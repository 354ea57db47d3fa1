/**
 * A shell's state (variables, working directory, `$?`) and what a command gets to run with. Pipelines, `$(…)`
 * and nested shells run in a fork of it, so `cd` or `exit` there do not touch the parent, as in a real shell.
 */
import type { Dialect, MessageContext } from './dialect.js';
import type { FileView } from './fs.js';
import type { ShellHost } from './host.js';
import type { InputQueue, Sink, Terminal } from './io.js';

/** Who gets Ctrl-C: the innermost foreground job; shared by a shell and all its forks. */
export interface Foreground {
  current: AbortController | undefined;
}

/** Everything a running shell (or a program it started) knows and may change. */
export interface ShellState {
  readonly host: ShellHost;
  readonly fs: FileView;
  readonly terminal: Terminal;
  readonly foreground: Foreground;
  /** Aborts when the process is killed (the connection went away, the container died). */
  readonly killed: AbortSignal;
  /** Allocates PIDs for the commands this session starts, so `ps` and `$$` look alive. */
  readonly pids: { next: number };
  /** The shells the image has (`bash`, `sh`): nested `sh -c` and `which` look here. */
  readonly shells: readonly string[];
  /** The queue the terminal feeds, when there is a terminal: a shell reading it is interactive. */
  readonly terminalInput: InputQueue | undefined;
  dialect: Dialect;
  interactive: boolean;
  /** Running a `-c` string (for bash's wording of syntax errors). */
  commandString: boolean;
  vars: Map<string, string>;
  exported: Set<string>;
  cwd: string;
  lastStatus: number;
  lineNo: number;
  pid: number;
  /** Set by `exit`: the shell stops and exits with it. */
  exitCode: number | undefined;
}

/** A copy for a subshell: its own variables and directory, the same files, terminal and process. */
export function forkState(state: ShellState): ShellState {
  return {
    ...state,
    vars: new Map(state.vars),
    exported: new Set(state.exported),
    exitCode: undefined,
  };
}

/** The message context of a state, for dialect-specific wording. */
export function messageContext(state: ShellState): MessageContext {
  return { interactive: state.interactive, lineNo: state.lineNo, commandString: state.commandString };
}

/** The environment a command sees: the exported variables. */
export function environment(state: ShellState): [string, string][] {
  const env: [string, string][] = [];
  for (const [k, v] of state.vars) if (state.exported.has(k)) env.push([k, v]);
  return env;
}

/** Where a command reads and writes. */
export interface CommandIO {
  stdin: InputQueue;
  stdout: Sink;
  stderr: Sink;
  /** Whether stdout is the terminal (not a pipe or a file): `ls` lays out columns only then. */
  isatty: boolean;
}

/** What a command runs with. `argv[0]` is the name it was called by. */
export interface CommandContext extends CommandIO {
  argv: string[];
  state: ShellState;
  /** Aborts on Ctrl-C (SIGINT) or when the process is killed. */
  signal: AbortSignal;
}

/** A program: returns its exit status. */
export type Command = (ctx: CommandContext) => number | Promise<number>;

/** Exit status of a command interrupted by Ctrl-C: 128 + SIGINT. */
export const INTERRUPTED = 130;
