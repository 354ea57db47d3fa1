/**
 * A shell program: `sh -c 'cmd'` runs one command line; `sh FILE` runs a script; `sh` reads commands from its
 * input, line by line, with a prompt when that input is the terminal (interactive). Ctrl-C at an interactive
 * prompt discards the line; in a non-interactive shell it ends the shell, as SIGINT does.
 */
import { cannotOpenMessage, promptFor, syntaxErrorMessage, unterminatedMessage } from './dialect.js';
import type { ShellKind } from './dialect.js';
import { resolvePath } from './fs.js';
import { InputQueue } from './io.js';
import { runScript, runSource } from './interpreter.js';
import { parse } from './parser.js';
import { INTERRUPTED, messageContext } from './state.js';
import type { CommandIO, ShellState } from './state.js';

/** Exit status of a process killed with SIGKILL (the container went away under it). */
export const KILLED = 137;

/**
 * Runs `argv` (`sh`, `bash -c '…'`, `/bin/sh script`) as a `kind` shell in `state`, which the caller has forked
 * or created for it. Returns the shell's exit status.
 */
export async function runShell(
  argv: string[],
  state: ShellState,
  kind: ShellKind,
  io: CommandIO,
  signal: AbortSignal,
): Promise<number> {
  state.dialect = { ...state.dialect, shell: kind, arg0: argv[0] ?? 'sh' };
  state.pid = state.pids.next++;
  state.vars.set('SHLVL', String(Number(state.vars.get('SHLVL') ?? '0') + 1));
  state.vars.set('PWD', state.cwd);
  state.exported.add('SHLVL').add('PWD');
  state.commandString = false;

  let script: string | undefined;
  let file: string | undefined;
  let forceInteractive = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) continue; // --login, --norc, --noprofile…
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      if (a.includes('i')) forceInteractive = true;
      if (a.includes('c')) {
        script = argv[i + 1];
        if (script === undefined) {
          io.stderr(`${state.dialect.arg0}: -c: option requires an argument\n`);
          return 2;
        }
        if (argv[i + 2] !== undefined) state.dialect = { ...state.dialect, arg0: argv[i + 2]! };
        break;
      }
      continue;
    }
    file = a;
    break;
  }

  if (script !== undefined) {
    state.interactive = forceInteractive;
    state.commandString = true;
    state.lineNo = 1;
    await runSource(script, state, io, signal);
    return finalStatus(state, signal);
  }
  if (file !== undefined) {
    const content = state.fs.read(resolvePath(state.cwd, file));
    if (content === undefined) {
      io.stderr(cannotOpenMessage(state.dialect, { interactive: false, lineNo: 0 }, file));
      return kind === 'bash' ? 127 : 2;
    }
    const input = new InputQueue();
    input.push(content);
    input.end();
    state.interactive = false;
    return readLoop(state, { ...io, stdin: input }, signal);
  }
  state.interactive = forceInteractive || (state.terminal.tty && io.stdin === state.terminalInput);
  return readLoop(state, io, signal);
}

function finalStatus(state: ShellState, signal: AbortSignal): number {
  if (state.killed.aborted) return KILLED;
  if (signal.aborted) return INTERRUPTED;
  return state.exitCode ?? state.lastStatus;
}

/** Reads and runs command lines until end-of-file or `exit`. */
async function readLoop(state: ShellState, io: CommandIO, signal: AbortSignal): Promise<number> {
  let pending: { source: string; quote?: string } | undefined; // a line continued after an open quote or `|`
  for (;;) {
    if (state.killed.aborted) return KILLED;
    if (!state.interactive && signal.aborted) return INTERRUPTED;
    // An interactive shell survives Ctrl-C: each line gets its own interrupt, which ends only that line.
    const line = new AbortController();
    const lineSignal = state.interactive ? AbortSignal.any([line.signal, state.killed]) : signal;
    const previous = state.foreground.current;
    if (state.interactive) {
      state.foreground.current = line;
      const home = state.vars.get('HOME') ?? '/root';
      io.stderr(pending ? '> ' : promptFor(state.dialect, state.cwd, home, state.host.hostname));
    }
    try {
      const text = await io.stdin.readLine(lineSignal);
      if (state.killed.aborted) return KILLED;
      if (line.signal.aborted) {
        io.stderr('\n');
        state.lastStatus = INTERRUPTED;
        pending = undefined;
        continue;
      }
      if (text === null) {
        if (pending) {
          io.stderr(unterminatedMessage(state.dialect, messageContext(state), pending.quote));
          if (!state.interactive) return 2;
        }
        if (state.interactive) io.stderr(state.dialect.shell === 'bash' ? 'exit\n' : '\n');
        return finalStatus(state, signal);
      }
      state.lineNo++;
      const source = pending ? `${pending.source}\n${text}` : text;
      const parsed = parse(source);
      if (parsed.kind === 'incomplete') {
        pending = { source, quote: parsed.quote };
        continue;
      }
      pending = undefined;
      if (parsed.kind === 'error') {
        io.stderr(syntaxErrorMessage(state.dialect, messageContext(state), parsed.token));
        state.lastStatus = 2;
        if (!state.interactive) return 2;
        continue;
      }
      await runScript(parsed.script, state, io, lineSignal);
      // The shell ends the line the interrupted program left unfinished (after the echoed ^C).
      if (line.signal.aborted && !state.killed.aborted) io.stderr('\n');
      if (state.exitCode !== undefined) {
        if (state.interactive && state.dialect.shell === 'bash') io.stderr('exit\n');
        return finalStatus(state, signal);
      }
    } finally {
      if (state.interactive) state.foreground.current = previous;
    }
  }
}
