/** Small programs that report on the process and its surroundings: echo, env, hostname, uname, date, sleep… */
import { delay } from '../io.js';
import { environment, INTERRUPTED } from '../state.js';
import type { Command, CommandContext } from '../state.js';

/** What `uname` reports: a kernel a cloud node might run. */
const KERNEL_RELEASE = '6.8.0-1015-gke';
const KERNEL_VERSION = '#19-Ubuntu SMP Fri Oct 11 17:51:50 UTC 2024';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `Wed Oct 16 09:12:44 UTC 2024`: containers run on UTC. */
export function formatDate(d: Date): string {
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

/** `Oct 16 09:12`, as `ls -l` shows recent times. */
export function formatLsDate(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Backslash escapes of `echo -e` and `printf`. */
function unescape(s: string): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[++i]!;
    const map: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      a: '\x07',
      b: '\b',
      e: '\x1b',
    };
    if (n === 'c') return { text, stop: true };
    if (n === '0') {
      const oct = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      text += String.fromCharCode(parseInt(oct || '0', 8));
      i += oct.length;
      continue;
    }
    text += map[n] ?? '\\' + n;
  }
  return { text, stop: false };
}

const echo: Command = ({ argv, stdout }) => {
  const args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
    const f = args.shift()!;
    if (f.includes('n')) newline = false;
    if (f.includes('e')) escapes = true;
    if (f.includes('E')) escapes = false;
  }
  const joined = args.join(' ');
  if (!escapes) {
    stdout(joined + (newline ? '\n' : ''));
    return 0;
  }
  const { text, stop } = unescape(joined);
  stdout(text + (newline && !stop ? '\n' : ''));
  return 0;
};

/** `printf FORMAT ARGS…` with %s %d %i %x %o %c %%; the format repeats while arguments remain. */
const printf: Command = ({ argv, stdout, stderr }) => {
  const format = argv[1];
  if (format === undefined) {
    stderr('printf: usage: printf format [arguments]\n');
    return 2;
  }
  const args = argv.slice(2);
  let out = '';
  let used = 0;
  do {
    const start = used;
    out += format.replace(/%([-0 ]?\d*)([sdixoc%])/g, (_m, width: string, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[used++] ?? '';
      let v: string;
      if (conv === 's') v = arg;
      else if (conv === 'c') v = arg.slice(0, 1);
      else {
        const n = Number.parseInt(arg || '0', 10) || 0;
        v = conv === 'x' ? n.toString(16) : conv === 'o' ? n.toString(8) : String(n);
      }
      const w = Number.parseInt(width.replace(/^[-0 ]/, ''), 10) || 0;
      if (width.startsWith('-')) return v.padEnd(w);
      return v.padStart(w, width.startsWith('0') ? '0' : ' ');
    });
    if (used === start) break;
  } while (used < args.length);
  stdout(unescape(out).text);
  return 0;
};

function printEnvironment({ state, stdout }: CommandContext): number {
  stdout(
    environment(state)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  return 0;
}

const env: Command = (ctx) => printEnvironment(ctx);

const printenv: Command = (ctx) => {
  const { argv, state, stdout } = ctx;
  const names = argv.slice(1);
  if (names.length === 0) return printEnvironment(ctx);
  const vars = new Map(environment(state));
  let status = 0;
  for (const n of names) {
    const v = vars.get(n);
    if (v === undefined) status = 1;
    else stdout(v + '\n');
  }
  return status;
};

const hostname: Command = ({ argv, state, stdout }) => {
  const flag = argv[1];
  if (flag === '-i' || flag === '-I') stdout(state.host.podIP + (flag === '-I' ? ' ' : '') + '\n');
  else stdout(state.host.hostname + '\n');
  return 0;
};

const uname: Command = ({ argv, state, stdout, stderr }) => {
  const os = state.dialect.userland === 'gnu' ? 'GNU/Linux' : 'Linux';
  const fields: Record<string, string> = {
    s: 'Linux',
    n: state.host.hostname,
    r: KERNEL_RELEASE,
    v: KERNEL_VERSION,
    m: 'x86_64',
    o: os,
  };
  const wanted = new Set<string>();
  for (const a of argv.slice(1)) {
    if (!/^-[asnrvmpio]+$/.test(a)) {
      stderr(`uname: invalid option -- '${a.replace(/^-+/, '').slice(0, 1)}'\n`);
      return 1;
    }
    for (const f of a.slice(1)) {
      if (f === 'a') for (const k of 'snrvmo') wanted.add(k);
      else if (f in fields) wanted.add(f);
    }
  }
  if (wanted.size === 0) wanted.add('s');
  stdout(
    [...'snrvmo']
      .filter((k) => wanted.has(k))
      .map((k) => fields[k])
      .join(' ') + '\n',
  );
  return 0;
};

const date: Command = ({ argv, stdout }) => {
  const now = new Date();
  const format = argv.slice(1).find((a) => a.startsWith('+'));
  if (format === undefined) {
    stdout(formatDate(now) + '\n');
    return 0;
  }
  const codes: Record<string, string> = {
    Y: String(now.getUTCFullYear()),
    m: pad2(now.getUTCMonth() + 1),
    d: pad2(now.getUTCDate()),
    H: pad2(now.getUTCHours()),
    M: pad2(now.getUTCMinutes()),
    S: pad2(now.getUTCSeconds()),
    s: String(Math.floor(now.getTime() / 1000)),
    Z: 'UTC',
    z: '+0000',
    F: now.toISOString().slice(0, 10),
    T: now.toISOString().slice(11, 19),
    '%': '%',
  };
  stdout(format.slice(1).replace(/%(.)/g, (m, c: string) => codes[c] ?? m) + '\n');
  return 0;
};

/** `sleep 5`, `sleep 0.5`, `sleep 1m`: a real timer, ended early by Ctrl-C. */
const sleep: Command = async ({ argv, state, stderr, signal }) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    stderr('sleep: missing operand\n');
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+|inf(?:inity)?)([smhd]?)$/.exec(a);
    if (!m) {
      const what = state.dialect.userland === 'gnu' ? 'invalid time interval' : 'invalid number';
      stderr(`sleep: ${what} '${a}'\n`);
      return 1;
    }
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    ms += m[1]!.startsWith('inf') ? Infinity : Number(m[1]) * unit * 1000;
  }
  // setTimeout cannot wait longer than ~24.8 days; "infinity" waits in steps.
  const STEP = 2 ** 31 - 1;
  for (let left = ms; left > 0; left -= STEP) {
    if (!(await delay(Math.min(left, STEP), signal))) return INTERRUPTED;
  }
  return 0;
};

const whoami: Command = ({ stdout }) => {
  stdout('root\n');
  return 0;
};

const id: Command = ({ state, stdout }) => {
  const groups =
    state.dialect.userland === 'busybox'
      ? '0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)'
      : '0(root)';
  stdout(`uid=0(root) gid=0(root) groups=${groups}\n`);
  return 0;
};

const pwd: Command = ({ state, stdout }) => {
  stdout(state.cwd + '\n');
  return 0;
};

const clear: Command = ({ state, stdout }) => {
  stdout(state.dialect.userland === 'busybox' ? '\x1b[H\x1b[J' : '\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

/** `stty size` prints "ROWS COLS" of the terminal; the demo's way to see resizes arrive. */
const stty: Command = ({ argv, state, stdout, stderr }) => {
  const { terminal } = state;
  if (!terminal.tty) {
    stderr(
      state.dialect.userland === 'gnu'
        ? "stty: 'standard input': Inappropriate ioctl for device\n"
        : 'stty: standard input: Not a tty\n',
    );
    return 1;
  }
  // A pty starts at 0x0 until the client sends its size, as a real one does.
  const rows = terminal.size?.rows ?? 0;
  const cols = terminal.size?.cols ?? 0;
  const arg = argv[1];
  if (arg === 'size') stdout(`${rows} ${cols}\n`);
  else if (arg === undefined || arg === '-a' || arg === '--all' || arg === '-g') {
    stdout(`speed 38400 baud; rows ${rows}; columns ${cols}; line = 0;\n`);
  }
  // Setting modes (raw, -echo, sane…) is accepted and has no effect on the demo's terminal.
  return 0;
};

const trueCommand: Command = () => 0;
const falseCommand: Command = () => 1;

/** The programs of this file, by name. */
export const BASIC_COMMANDS: Record<string, Command> = {
  echo,
  printf,
  env,
  printenv,
  hostname,
  uname,
  date,
  sleep,
  whoami,
  id,
  pwd,
  clear,
  stty,
  true: trueCommand,
  false: falseCommand,
};
