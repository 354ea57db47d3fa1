/**
 * The executables of a container: which names exist, and what the runtime says about those that do not.
 * Images without a shell (distroless) have no other programs either; every other image has the demo's
 * commands, and the shells its profile lists.
 */
import { BASIC_COMMANDS } from './commands/basic.js';
import { FILE_COMMANDS } from './commands/files.js';
import { HTTP_COMMANDS } from './commands/http.js';
import { PROC_COMMANDS } from './commands/proc.js';
import { SOCKET_COMMANDS } from './commands/sockets.js';
import { binDir } from './dialect.js';
import type { ShellKind } from './dialect.js';
import type { Command } from './state.js';

/** Shell names a user may invoke, and the shell each one is. */
const SHELL_NAMES: Record<string, ShellKind> = { sh: 'ash', ash: 'ash', bash: 'bash', dash: 'dash' };

/** Directories `$PATH` covers: an absolute name elsewhere does not exist. */
const PATH_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** An executable found in the image. */
export type Program = { kind: 'shell'; shell: ShellKind } | { kind: 'command'; name: string; run: Command };

/** What `exec` finds for argv[0]: a program, or the runtime's reason (`exec: "bash": executable file not found…`). */
export type Lookup = Program | { kind: 'missing'; error: string };

const which: Command = ({ argv, state, stdout }) => {
  let status = 0;
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const found = findProgram(name, state.shells);
    if (found.kind === 'missing') status = 1;
    else stdout((name.includes('/') ? name : `${binDir(state.dialect.userland)}/${name}`) + '\n');
  }
  return status;
};

/** Every command the demo implements, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  ...BASIC_COMMANDS,
  ...FILE_COMMANDS,
  ...HTTP_COMMANDS,
  ...SOCKET_COMMANDS,
  ...PROC_COMMANDS,
  which,
};

/** Names to show in `/bin`. */
export function programNames(shells: readonly string[]): string[] {
  if (shells.length === 0) return [];
  const busybox = !shells.includes('bash');
  const shellNames = busybox ? ['sh', 'ash'] : ['sh', 'dash', 'bash'];
  return [...Object.keys(COMMANDS), ...shellNames].sort();
}

/** Looks argv[0] up as the runtime does: through `$PATH` for a bare name, directly for a path. */
export function findProgram(argv0: string, shells: readonly string[]): Lookup {
  const isPath = argv0.includes('/');
  const slash = argv0.lastIndexOf('/');
  const dir = slash <= 0 ? '/' : argv0.slice(0, slash);
  const name = argv0.slice(slash + 1);
  const missing: Lookup = isPath
    ? { kind: 'missing', error: `exec: "${argv0}": stat ${argv0}: no such file or directory` }
    : { kind: 'missing', error: `exec: "${argv0}": executable file not found in $PATH` };
  if (shells.length === 0 || (isPath && !PATH_DIRS.includes(dir))) return missing;
  const busybox = !shells.includes('bash');
  const shell = SHELL_NAMES[name];
  if (shell !== undefined) {
    if (shell === 'bash') return shells.includes('bash') ? { kind: 'shell', shell } : missing;
    if (!shells.includes('sh')) return missing;
    // `sh` is ash on busybox images and dash on Debian ones; each image has only its own.
    if (name === 'sh') return { kind: 'shell', shell: busybox ? 'ash' : 'dash' };
    return (shell === 'ash') === busybox ? { kind: 'shell', shell } : missing;
  }
  const run = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  return run ? { kind: 'command', name, run } : missing;
}
