/**
 * Runs parsed command lines: expansion, redirections, pipelines, `&&`/`||`, builtins and programs. A Ctrl-C
 * aborts `signal`; the rest of the line is then skipped, as a shell does when its foreground job dies of SIGINT.
 */
import { BUILTINS } from './builtins.js';
import {
  binDir,
  cannotCreateMessage,
  cannotOpenMessage,
  messagePrefix,
  notFoundMessage,
  syntaxErrorMessage,
  unterminatedMessage,
} from './dialect.js';
import { expandJoined, expandWord } from './expand.js';
import type { Substitute } from './expand.js';
import { resolvePath } from './fs.js';
import { InputQueue } from './io.js';
import type { Sink } from './io.js';
import { parse } from './parser.js';
import type { AndOr, Pipeline, Script, SimpleCommand } from './parser.js';
import { findProgram } from './programs.js';
import { runShell } from './repl.js';
import { forkState, INTERRUPTED, messageContext } from './state.js';
import type { CommandIO, ShellState } from './state.js';

/** Parses and runs one command line; syntax errors are reported as the dialect words them (status 2). */
export async function runSource(
  source: string,
  state: ShellState,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  const parsed = parse(source);
  if (parsed.kind === 'incomplete') {
    io.stderr(unterminatedMessage(state.dialect, messageContext(state), parsed.quote));
    state.lastStatus = 2;
    return 2;
  }
  if (parsed.kind === 'error') {
    io.stderr(syntaxErrorMessage(state.dialect, messageContext(state), parsed.token));
    state.lastStatus = 2;
    return 2;
  }
  return runScript(parsed.script, state, io, signal);
}

/** Runs a parsed script; returns (and records in `$?`) the last status. */
export async function runScript(
  script: Script,
  state: ShellState,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  for (const andOr of script) {
    await runAndOr(andOr, state, io, signal);
    if (signal.aborted || state.exitCode !== undefined) break;
  }
  if (signal.aborted && !state.killed.aborted) state.lastStatus = INTERRUPTED;
  return state.lastStatus;
}

async function runAndOr(andOr: AndOr, state: ShellState, io: CommandIO, signal: AbortSignal): Promise<void> {
  state.lastStatus = await runPipeline(andOr.first, state, io, signal);
  for (const { op, pipeline } of andOr.rest) {
    if (signal.aborted || state.exitCode !== undefined) return;
    if ((op === '&&') !== (state.lastStatus === 0)) continue;
    state.lastStatus = await runPipeline(pipeline, state, io, signal);
  }
}

async function runPipeline(
  pipeline: Pipeline,
  state: ShellState,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  const { commands } = pipeline;
  let status: number;
  if (commands.length === 1) {
    status = await runSimple(commands[0]!, state, io, signal);
  } else {
    // Each element runs in a subshell, connected by pipes; the pipeline's status is the last one's.
    const pipes = commands.slice(1).map(() => new InputQueue());
    const runs = commands.map(async (cmd, i) => {
      const stdin = i === 0 ? io.stdin : pipes[i - 1]!;
      const last = i === commands.length - 1;
      const stdout: Sink = last ? io.stdout : (text) => pipes[i]!.push(text);
      const code = await runSimple(
        cmd,
        forkState(state),
        { stdin, stdout, stderr: io.stderr, isatty: last && io.isatty },
        signal,
      );
      if (!last) pipes[i]!.end();
      // A reader that is done takes no more input (what SIGPIPE achieves for a real writer).
      if (i > 0) pipes[i - 1]!.end();
      return code;
    });
    const codes = await Promise.all(runs);
    status = codes[codes.length - 1]!;
  }
  if (pipeline.negated) status = status === 0 ? 1 : 0;
  return status;
}

/** `$(…)` for a command of `state`: runs in a subshell; its output, without trailing newlines, is the value. */
function substituter(state: ShellState, io: CommandIO, signal: AbortSignal): Substitute {
  return async (script) => {
    let out = '';
    const sub = forkState(state);
    await runSource(script, sub, { ...io, stdout: (t) => (out += t), isatty: false }, signal);
    state.lastStatus = sub.lastStatus;
    return out.replace(/\n+$/, '');
  };
}

interface Redirected {
  io: CommandIO;
  failed: boolean;
}

async function redirect(
  cmd: SimpleCommand,
  state: ShellState,
  io: CommandIO,
  signal: AbortSignal,
): Promise<Redirected> {
  let { stdin, stdout, stderr, isatty } = io;
  const ctx = messageContext(state);
  for (const r of cmd.redirects) {
    if (r.op === '>&') {
      const target = r.targetFd === 1 ? stdout : r.targetFd === 2 ? stderr : undefined;
      if (target === undefined) {
        stderr(`${messagePrefix(state.dialect, ctx)}${r.targetFd}: Bad file descriptor\n`);
        return { io, failed: true };
      }
      if (r.fd === 1) {
        stdout = target;
        isatty = false;
      } else if (r.fd === 2) {
        stderr = target;
      }
      continue;
    }
    const name = await expandJoined(r.target, state, substituter(state, io, signal));
    const path = resolvePath(state.cwd, name);
    if (r.op === '<') {
      const content = state.fs.read(path);
      if (content === undefined) {
        stderr(cannotOpenMessage(state.dialect, ctx, name));
        return { io, failed: true };
      }
      stdin = new InputQueue();
      stdin.push(content);
      stdin.end();
      continue;
    }
    const created = state.fs.write(path, '', r.op === '>>');
    if (created !== 'ok') {
      stderr(cannotCreateMessage(state.dialect, ctx, name, created === 'isdir'));
      return { io, failed: true };
    }
    const sink: Sink = (text) => {
      state.fs.write(path, text, true);
    };
    if (r.fd === 1) {
      stdout = sink;
      isatty = false;
    } else if (r.fd === 2) {
      stderr = sink;
    }
  }
  return { io: { stdin, stdout, stderr, isatty }, failed: false };
}

async function runSimple(
  cmd: SimpleCommand,
  state: ShellState,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  const substitute = substituter(state, io, signal);
  const argv: string[] = [];
  for (const w of cmd.words) argv.push(...(await expandWord(w, state, substitute)));
  const assignments: [string, string][] = [];
  for (const a of cmd.assignments) assignments.push([a.name, await expandJoined(a.value, state, substitute)]);
  if (signal.aborted) return INTERRUPTED;
  const redirected = await redirect(cmd, state, io, signal);
  if (redirected.failed) return state.dialect.shell === 'dash' ? 2 : 1;
  const cio = redirected.io;

  if (argv.length === 0) {
    for (const [k, v] of assignments) state.vars.set(k, v);
    return 0;
  }
  // `NAME=value cmd`: the variables are in the command's environment only.
  const runState = assignments.length > 0 ? forkState(state) : state;
  for (const [k, v] of assignments) {
    runState.vars.set(k, v);
    runState.exported.add(k);
  }

  return runCommand(argv, runState, cio, signal);
}

/**
 * Runs a command by name: `exec` and `command` (which run another command), a builtin, or a program found on
 * `$PATH`; 127 with the shell's "not found" when there is none.
 */
async function runCommand(
  argv: string[],
  state: ShellState,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  const name = argv[0]!;
  if (name === 'exec') {
    // The shell is replaced by the command: when it ends, so does the shell, with its status.
    if (argv.length === 1) return 0;
    const code = await runCommand(argv.slice(1), state, io, signal);
    state.exitCode = code;
    return code;
  }
  if (name === 'command') {
    if (argv[1] === '-v' || argv[1] === '-V') return commandV(argv.slice(2), state, io);
    return argv.length === 1 ? 0 : runCommand(argv.slice(1), state, io, signal);
  }
  const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  if (builtin) return builtin(argv, state, io);

  const program = findProgram(name, state.shells);
  if (program.kind === 'missing') {
    io.stderr(notFoundMessage(state.dialect, messageContext(state), name));
    return 127;
  }
  if (program.kind === 'shell') {
    return runShell(argv, forkState(state), program.shell, io, signal);
  }
  state.pids.next++;
  const code = await program.run({ argv, state, signal, ...io });
  return signal.aborted && !state.killed.aborted ? INTERRUPTED : code & 255;
}

/** `command -v NAME…`: the path of each program, the bare name of each builtin; 1 when one is not found. */
function commandV(names: string[], state: ShellState, io: CommandIO): number {
  let status = 0;
  for (const name of names) {
    if (Object.hasOwn(BUILTINS, name) || name === 'exec' || name === 'command') io.stdout(`${name}\n`);
    else if (findProgram(name, state.shells).kind === 'missing') status = 1;
    else io.stdout((name.includes('/') ? name : `${binDir(state.dialect.userland)}/${name}`) + '\n');
  }
  return status;
}
