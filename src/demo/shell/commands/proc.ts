/** Process programs: `ps` lists the container's PID namespace, `kill 1` ends its main process. */
import { messagePrefix } from '../dialect.js';
import { messageContext } from '../state.js';
import type { Command } from '../state.js';

const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  ALRM: 14,
  TERM: 15,
  CONT: 18,
  STOP: 19,
};

/** busybox `ps`: PID, USER, TIME, COMMAND; the exec'd shell and `ps` itself are listed too, as on a real system. */
const ps: Command = ({ argv, state, stdout }) => {
  const rows = [
    ...state.host.processes,
    { pid: state.pid, user: 'root', command: state.dialect.arg0 },
    { pid: state.pids.next++, user: 'root', command: argv.join(' ') },
  ];
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const p of rows) {
    out += `${String(p.pid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)}  0:00 ${p.command}\n`;
  }
  stdout(out);
  return 0;
};

function parseSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return Number(spec);
  return SIGNALS[spec.toUpperCase().replace(/^SIG/, '')];
}

/** `kill [-9|-KILL|-s KILL] PID…`; PID 1 is the container's main process, which the kubelet then restarts. */
const kill: Command = ({ argv, state, stderr }) => {
  const prefix = messagePrefix(state.dialect, messageContext(state));
  const bash = state.dialect.shell === 'bash';
  const args = argv.slice(1);
  let signal = SIGNALS.TERM!;
  const first = args[0];
  if (first === '-s' || first === '-n') {
    args.shift();
    const spec = args.shift() ?? '';
    const s = parseSignal(spec);
    if (s === undefined) {
      stderr(`${prefix}kill: ${spec}: invalid signal specification\n`);
      return 1;
    }
    signal = s;
  } else if (first !== undefined && /^-\w+$/.test(first)) {
    args.shift();
    const s = parseSignal(first.slice(1));
    if (s === undefined) {
      stderr(`${prefix}kill: ${first.slice(1)}: invalid signal specification\n`);
      return 1;
    }
    signal = s;
  }
  if (args.length === 0) {
    stderr(
      bash
        ? `${prefix}kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`
        : `${prefix}kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]...\n`,
    );
    return 2;
  }
  const known = new Set([...state.host.processes.map((p) => p.pid), state.pid]);
  let status = 0;
  for (const target of args) {
    const pid = Number(target);
    if (!/^\d+$/.test(target)) {
      stderr(
        bash
          ? `${prefix}kill: ${target}: arguments must be process or job IDs\n`
          : `${prefix}kill: invalid number '${target}'\n`,
      );
      status = 1;
    } else if (pid === 1) {
      // Signal 0 only checks that the process exists.
      if (signal !== 0) state.host.killMainProcess(signal);
    } else if (!known.has(pid)) {
      stderr(
        bash
          ? `${prefix}kill: (${pid}) - No such process\n`
          : `${prefix}can't kill pid ${pid}: No such process\n`,
      );
      status = 1;
    }
    // Other processes of the container: the signal is delivered and, in the demo, has no visible effect.
  }
  return status;
};

/** The programs of this file, by name. */
export const PROC_COMMANDS: Record<string, Command> = { ps, kill };
