/** Commands that change the shell itself (its directory, variables, life), so they cannot be programs. */
import { cdFailedMessage, messagePrefix } from './dialect.js';
import { resolvePath } from './fs.js';
import { messageContext } from './state.js';
import type { CommandIO, ShellState } from './state.js';

/** A builtin: runs inside the shell, synchronously, and returns its status. */
export type Builtin = (args: string[], state: ShellState, io: CommandIO) => number;

const cd: Builtin = (args, state, io) => {
  const home = state.vars.get('HOME') ?? '/root';
  let target = args[1] ?? home;
  if (target === '-') {
    target = state.vars.get('OLDPWD') ?? state.cwd;
    io.stdout(target + '\n');
  }
  const path = resolvePath(state.cwd, target);
  const type = state.fs.stat(path);
  if (type !== 'dir') {
    io.stderr(cdFailedMessage(state.dialect, messageContext(state), target, type === 'file'));
    return state.dialect.shell === 'bash' ? 1 : 2;
  }
  state.vars.set('OLDPWD', state.cwd);
  state.cwd = path;
  state.vars.set('PWD', path);
  return 0;
};

const exit: Builtin = (args, state, io) => {
  const arg = args[1];
  let code = state.lastStatus;
  if (arg !== undefined) {
    if (!/^-?\d+$/.test(arg)) {
      const prefix = messagePrefix(state.dialect, messageContext(state));
      io.stderr(
        state.dialect.shell === 'bash'
          ? `${prefix}exit: ${arg}: numeric argument required\n`
          : `${prefix}exit: Illegal number: ${arg}\n`,
      );
      code = 2;
    } else {
      code = Number(arg);
    }
  }
  state.exitCode = ((code % 256) + 256) % 256;
  return state.exitCode;
};

const exportBuiltin: Builtin = (args, state, io) => {
  const names = args.slice(1).filter((a) => a !== '-p');
  if (names.length === 0) {
    const bash = state.dialect.shell === 'bash';
    const lines = [...state.exported].sort().map((k) => {
      const v = state.vars.get(k) ?? '';
      return bash ? `declare -x ${k}="${v}"\n` : `export ${k}='${v.replace(/'/g, `'"'"'`)}'\n`;
    });
    io.stdout(lines.join(''));
    return 0;
  }
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (eq >= 0) state.vars.set(name, a.slice(eq + 1));
    state.exported.add(name);
  }
  return 0;
};

const unset: Builtin = (args, state) => {
  for (const name of args.slice(1).filter((a) => !a.startsWith('-'))) {
    state.vars.delete(name);
    state.exported.delete(name);
  }
  return 0;
};

/** The builtins, by name. */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  cd,
  exit,
  export: exportBuiltin,
  unset,
  ':': () => 0,
};
