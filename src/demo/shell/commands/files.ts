/** Programs that read files and text: cat, ls, head, tail, grep, wc, touch. */
import { resolvePath } from '../fs.js';
import type { DirEntry } from '../fs.js';
import { INTERRUPTED } from '../state.js';
import type { Command, CommandContext } from '../state.js';
import { parseArgs } from './args.js';
import { formatLsDate } from './basic.js';

type Opened = { text: string } | { error: 'missing' | 'dir' };

function open(ctx: CommandContext, name: string): Opened {
  const path = resolvePath(ctx.state.cwd, name);
  const type = ctx.state.fs.stat(path);
  if (type === 'dir') return { error: 'dir' };
  const text = ctx.state.fs.read(path);
  return text === undefined ? { error: 'missing' } : { text };
}

/** `cat: can't open 'x': No such file or directory` (busybox) or `cat: x: No such file or directory` (GNU). */
function openError(ctx: CommandContext, program: string, name: string, error: 'missing' | 'dir'): string {
  const gnu = ctx.state.dialect.userland === 'gnu';
  if (error === 'dir')
    return gnu ? `${program}: ${name}: Is a directory\n` : `${program}: read error: Is a directory\n`;
  return gnu
    ? `${program}: ${name}: No such file or directory\n`
    : `${program}: can't open '${name}': No such file or directory\n`;
}

/** Copies stdin to stdout chunk by chunk until end-of-file; false when interrupted. */
async function copyStdin(ctx: CommandContext): Promise<boolean> {
  for (
    let chunk = await ctx.stdin.read(ctx.signal);
    chunk !== null;
    chunk = await ctx.stdin.read(ctx.signal)
  ) {
    ctx.stdout(chunk);
  }
  return !ctx.signal.aborted;
}

const cat: Command = async (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  if (names.length === 0) return (await copyStdin(ctx)) ? 0 : INTERRUPTED;
  let status = 0;
  for (const name of names) {
    if (name === '-') {
      if (!(await copyStdin(ctx))) return INTERRUPTED;
      continue;
    }
    const f = open(ctx, name);
    if ('error' in f) {
      ctx.stderr(openError(ctx, 'cat', name, f.error));
      status = 1;
    } else {
      ctx.stdout(f.text);
    }
  }
  return status;
};

const touch: Command = (ctx) => {
  let status = 0;
  for (const name of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const result = ctx.state.fs.write(resolvePath(ctx.state.cwd, name), '', true);
    if (result === 'nodir') {
      ctx.stderr(`touch: ${name}: No such file or directory\n`);
      status = 1;
    }
  }
  return status;
};

/** Reads the operands, or stdin when there are none; reports missing files. */
async function inputs(
  ctx: CommandContext,
  program: string,
  names: string[],
): Promise<{ name: string; text: string }[] | undefined> {
  if (names.length === 0) {
    const text = await ctx.stdin.readAll(ctx.signal);
    return ctx.signal.aborted ? undefined : [{ name: '-', text }];
  }
  const out: { name: string; text: string }[] = [];
  for (const name of names) {
    if (name === '-') {
      out.push({ name, text: await ctx.stdin.readAll(ctx.signal) });
      continue;
    }
    const f = open(ctx, name);
    if ('error' in f) {
      ctx.stderr(
        f.error === 'dir'
          ? `${program}: ${name}: Is a directory\n`
          : `${program}: ${name}: No such file or directory\n`,
      );
    } else {
      out.push({ name, text: f.text });
    }
  }
  return out;
}

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

function headTail(which: 'head' | 'tail'): Command {
  return async (ctx) => {
    const args = parseArgs(ctx.argv.slice(1), { flags: 'qv', values: 'nc', numberAs: 'n' });
    if (args.invalid) {
      ctx.stderr(`${which}: invalid option -- '${args.invalid}'\n`);
      return 1;
    }
    const n = Number.parseInt(String(args.flags.get('n') ?? '10').replace(/^[+-]/, ''), 10);
    const files = await inputs(ctx, which, args.operands);
    if (!files) return INTERRUPTED;
    files.forEach((f, i) => {
      if (files.length > 1) ctx.stdout(`${i > 0 ? '\n' : ''}==> ${f.name} <==\n`);
      const all = lines(f.text);
      const picked = which === 'head' ? all.slice(0, n) : all.slice(Math.max(0, all.length - n));
      ctx.stdout(picked.map((l) => l + '\n').join(''));
    });
    return files.length === args.operands.length || args.operands.length === 0 ? 0 : 1;
  };
}

const grep: Command = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), { flags: 'ivcnqEFwlHhso', values: 'e' });
  if (args.invalid) {
    ctx.stderr(`grep: invalid option -- '${args.invalid}'\n`);
    return 2;
  }
  const operands = [...args.operands];
  const pattern = (args.flags.get('e') as string | undefined) ?? operands.shift();
  if (pattern === undefined) {
    ctx.stderr('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
    return 2;
  }
  const flag = (f: string): boolean => args.flags.has(f);
  const regexSource = flag('F')
    ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    : toJsRegex(pattern, flag('E'));
  let re: RegExp;
  try {
    re = new RegExp(flag('w') ? `\\b(?:${regexSource})\\b` : regexSource, flag('i') ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flag('i') ? 'i' : '');
  }
  const files = await inputs(ctx, 'grep', operands);
  if (!files) return INTERRUPTED;
  const prefixName = (files.length > 1 || flag('H')) && !flag('h');
  let matched = false;
  for (const f of files) {
    let count = 0;
    lines(f.text).forEach((line, i) => {
      if (re.test(line) === flag('v')) return;
      count++;
      matched = true;
      if (flag('q') || flag('c') || flag('l')) return;
      const prefix = (prefixName ? `${f.name}:` : '') + (flag('n') ? `${i + 1}:` : '');
      ctx.stdout(prefix + line + '\n');
    });
    if (flag('c') && !flag('q')) ctx.stdout((prefixName ? `${f.name}:` : '') + count + '\n');
    if (flag('l') && count > 0 && !flag('q')) ctx.stdout(f.name + '\n');
  }
  const missing = args.operands.length > 0 && files.length < operands.length;
  return missing && !flag('s') ? 2 : matched ? 0 : 1;
};

/** Basic regular expressions treat `( ) { } + ? |` literally unless escaped; extended ones the other way round. */
function toJsRegex(pattern: string, extended: boolean): string {
  if (extended) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      out += '(){}+?|'.includes(n) ? n : '\\' + n;
    } else {
      out += '(){}+?|'.includes(c) ? '\\' + c : c;
    }
  }
  return out;
}

const wc: Command = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), { flags: 'lwcm' });
  if (args.invalid) {
    ctx.stderr(`wc: invalid option -- '${args.invalid}'\n`);
    return 1;
  }
  const which = ['l', 'w', 'c'].filter((f) => args.flags.has(f) || (f === 'c' && args.flags.has('m')));
  const show = which.length > 0 ? which : ['l', 'w', 'c'];
  const files = await inputs(ctx, 'wc', args.operands);
  if (!files) return INTERRUPTED;
  for (const f of files) {
    const counts: Record<string, number> = {
      l: (f.text.match(/\n/g) ?? []).length,
      w: f.text.split(/\s+/).filter((w) => w !== '').length,
      c: Buffer.byteLength(f.text),
    };
    const numbers = show.map((k) => counts[k]!);
    const text =
      numbers.length === 1 ? String(numbers[0]) : numbers.map((n) => String(n).padStart(7)).join(' ');
    ctx.stdout(text + (f.name === '-' ? '' : ` ${f.name}`) + '\n');
  }
  return files.length === args.operands.length || args.operands.length === 0 ? 0 : 1;
};

// Directories people look into and expect to be private or special.
const SPECIAL_MODES: Record<string, string> = {
  '/tmp': 'drwxrwxrwt',
  '/var/tmp': 'drwxrwxrwt',
  '/root': 'drwx------',
  '/proc': 'dr-xr-xr-x',
  '/sys': 'dr-xr-xr-x',
};
const PROGRAM_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin'];

function modeOf(path: string, type: 'file' | 'dir'): string {
  if (type === 'dir') return SPECIAL_MODES[path] ?? 'drwxr-xr-x';
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  return PROGRAM_DIRS.includes(dir) ? '-rwxr-xr-x' : '-rw-r--r--';
}

interface Listed extends DirEntry {
  path: string;
}

/** Lays names out in columns, down then across, as `ls` does on a terminal. */
function columns(names: string[], width: number): string {
  if (names.length === 0) return '';
  const colWidth = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor((width + 2) / colWidth));
  const rows = Math.ceil(names.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c * rows + r < names.length; c++) row.push(names[c * rows + r]!);
    out += row.map((n, i) => (i === row.length - 1 ? n : n.padEnd(colWidth))).join('') + '\n';
  }
  return out;
}

function longListing(ctx: CommandContext, entries: Listed[], withTotal: boolean): string {
  const gnu = ctx.state.dialect.userland === 'gnu';
  const date = formatLsDate(new Date());
  const rows = entries.map((e) => ({
    mode: modeOf(e.path, e.type),
    links: e.type === 'dir' ? 2 : 1,
    size: e.size,
    name: e.name,
  }));
  if (!gnu) {
    return rows
      .map(
        (r) =>
          `${r.mode} ${String(r.links).padStart(4)} ${'root'.padEnd(8)} ${'root'.padEnd(8)} ${String(r.size).padStart(9)} ${date} ${r.name}\n`,
      )
      .join('');
  }
  const sizeWidth = Math.max(...rows.map((r) => String(r.size).length), 1);
  const total = rows.reduce((sum, r) => sum + Math.ceil(r.size / 4096) * 4, 0);
  return (
    (withTotal ? `total ${total}\n` : '') +
    rows
      .map((r) => `${r.mode} ${r.links} root root ${String(r.size).padStart(sizeWidth)} ${date} ${r.name}\n`)
      .join('')
  );
}

const ls: Command = (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), { flags: 'laA1hdFRtrS', long: { all: 'a', 'almost-all': 'A' } });
  if (args.invalid) {
    ctx.stderr(`ls: invalid option -- '${args.invalid}'\n`);
    return ctx.state.dialect.userland === 'gnu' ? 2 : 1;
  }
  const has = (f: string): boolean => args.flags.has(f);
  const { fs, cwd, dialect, terminal } = ctx.state;
  const gnu = dialect.userland === 'gnu';
  const operands = args.operands.length > 0 ? args.operands : ['.'];
  const files: Listed[] = [];
  const dirs: { name: string; path: string }[] = [];
  let status = 0;
  for (const name of operands) {
    const path = resolvePath(cwd, name);
    const type = fs.stat(path);
    if (type === undefined) {
      ctx.stderr(
        gnu
          ? `ls: cannot access '${name}': No such file or directory\n`
          : `ls: ${name}: No such file or directory\n`,
      );
      status = gnu ? 2 : 1;
    } else if (type === 'dir' && !has('d')) {
      dirs.push({ name, path });
    } else {
      files.push({ name, path, type, size: type === 'dir' ? 4096 : Buffer.byteLength(fs.read(path) ?? '') });
    }
  }
  const width = terminal.size?.cols || 80;
  const render = (entries: Listed[], withTotal: boolean): string => {
    if (has('l')) return longListing(ctx, entries, withTotal);
    const names = entries.map((e) => e.name + (has('F') && e.type === 'dir' ? '/' : ''));
    if (ctx.isatty && !has('1')) return columns(names, width);
    return names.map((n) => n + '\n').join('');
  };
  let out = render(files, false);
  dirs.forEach((d, i) => {
    let entries: Listed[] = (fs.list(d.path) ?? []).map((e) => ({ ...e, path: resolvePath(d.path, e.name) }));
    if (!has('a') && !has('A')) entries = entries.filter((e) => !e.name.startsWith('.'));
    if (has('a')) {
      const parent = resolvePath(d.path, '..');
      entries = [
        { name: '.', path: d.path, type: 'dir', size: 4096 },
        { name: '..', path: parent, type: 'dir', size: 4096 },
        ...entries,
      ];
    }
    if (has('r')) entries.reverse();
    const header = operands.length > 1 ? `${files.length > 0 || i > 0 ? '\n' : ''}${d.name}:\n` : '';
    out += header + render(entries, true);
  });
  ctx.stdout(out);
  return status;
};

/** The programs of this file, by name. */
export const FILE_COMMANDS: Record<string, Command> = {
  cat,
  ls,
  head: headTail('head'),
  tail: headTail('tail'),
  grep,
  wc,
  touch,
};
