/**
 * The shell grammar the demo understands: words with quotes and escapes, `$VAR`/`${VAR}`/`$?`/`$(…)`,
 * redirections, pipes, `;`, `&&`, `||` and `#` comments. No control structures (if, for, functions): people
 * type commands into pods, not programs. Words keep their parts unexpanded, because `$?` and variables take
 * their values only when the command runs.
 */

/** A piece of a word; `quoted` parts are not split into fields after expansion. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'subst'; script: string; quoted: boolean }
  | { kind: 'tilde' };

/** A word as typed: its parts, expanded only when the command runs. */
export type Word = WordPart[];

/** `N>file`, `N>>file`, `N<file`, `N>&M`. */
export type Redirect =
  { fd: number; op: '>' | '>>' | '<'; target: Word } | { fd: number; op: '>&'; targetFd: number };

/** `A=1 cmd arg > file`: assignments, words and redirections. */
export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

/** `a | b | c`, possibly negated with `!`. */
export interface Pipeline {
  commands: SimpleCommand[];
  negated: boolean;
}

/** Pipelines joined by `&&` / `||`. */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** A command line: and-or lists separated by `;`, `&` or newlines. */
export type Script = AndOr[];

/** The parse of a command line: a script, an unexpected token, or input that needs another line (open quote). */
export type ParseResult =
  { kind: 'ok'; script: Script } | { kind: 'error'; token: string } | { kind: 'incomplete'; quote?: string }; // quote: the quote left open, if that is why

type Operator = ';' | '&' | '&&' | '||' | '|' | '!' | '\n';
type Token =
  | { kind: 'word'; word: Word; raw: string }
  | { kind: 'op'; op: Operator }
  | { kind: 'redirect'; fd: number; op: '>' | '>>' | '<' | '>&' };

class Incomplete extends Error {
  constructor(readonly quote?: string) {
    super('incomplete');
  }
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set([
  '?',
  '$',
  '#',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '!',
  '@',
  '*',
  '-',
]);

/** Parses one command line (possibly several physical lines, joined with `\n`). */
export function parse(source: string): ParseResult {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (e) {
    if (e instanceof Incomplete)
      return e.quote ? { kind: 'incomplete', quote: e.quote } : { kind: 'incomplete' };
    throw e;
  }
  try {
    return new Parser(tokens).script();
  } catch (e) {
    if (e instanceof Incomplete) return { kind: 'incomplete' };
    throw e;
  }
}

/** `NAME=value` as the first words of a command. */
function assignmentName(raw: string): string | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(raw);
  return m?.[1];
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  script(): ParseResult {
    const script: Script = [];
    for (;;) {
      while (this.peekOp('\n')) this.pos++;
      const t = this.tokens[this.pos];
      if (!t) return { kind: 'ok', script };
      // A separator with nothing before it (`; ls`, `a;; b`) is what shells call an unexpected token.
      if (t.kind === 'op' && (t.op === ';' || t.op === '&')) return { kind: 'error', token: t.op };
      const andOr = this.andOr();
      if ('error' in andOr) return { kind: 'error', token: andOr.error };
      script.push(andOr);
      const next = this.tokens[this.pos];
      if (!next) return { kind: 'ok', script };
      if (!(next.kind === 'op' && (next.op === ';' || next.op === '&' || next.op === '\n'))) {
        return { kind: 'error', token: describe(next) };
      }
      this.pos++;
    }
  }

  private andOr(): AndOr | { error: string } {
    const first = this.pipeline();
    if ('error' in first) return first;
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.tokens[this.pos];
      if (!(t?.kind === 'op' && (t.op === '&&' || t.op === '||'))) return { first, rest };
      this.pos++;
      while (this.peekOp('\n')) this.pos++;
      // `a &&` at the end of the input: a shell waits for the rest of the command on the next line.
      if (this.pos >= this.tokens.length) throw new Incomplete();
      const pipeline = this.pipeline();
      if ('error' in pipeline) return pipeline;
      rest.push({ op: t.op, pipeline });
    }
  }

  private pipeline(): Pipeline | { error: string } {
    let negated = false;
    if (this.peekOp('!')) {
      negated = true;
      this.pos++;
    }
    const commands: SimpleCommand[] = [];
    for (;;) {
      const cmd = this.command();
      if ('error' in cmd) return cmd;
      commands.push(cmd);
      if (!this.peekOp('|')) return { commands, negated };
      this.pos++;
      while (this.peekOp('\n')) this.pos++;
      if (this.pos >= this.tokens.length) throw new Incomplete();
    }
  }

  private command(): SimpleCommand | { error: string } {
    const cmd: SimpleCommand = { assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t || t.kind === 'op') break;
      this.pos++;
      if (t.kind === 'redirect') {
        const target = this.tokens[this.pos];
        if (!target || target.kind !== 'word') return { error: target ? describe(target) : 'newline' };
        this.pos++;
        if (t.op === '>&') {
          const fd = Number(target.raw);
          if (!/^\d$/.test(target.raw)) return { error: target.raw };
          cmd.redirects.push({ fd: t.fd, op: '>&', targetFd: fd });
        } else {
          cmd.redirects.push({ fd: t.fd, op: t.op, target: target.word });
        }
        continue;
      }
      const name = cmd.words.length === 0 ? assignmentName(t.raw) : undefined;
      if (name !== undefined) {
        cmd.assignments.push({ name, value: dropAssignmentName(t.word, name.length + 1) });
      } else {
        cmd.words.push(t.word);
      }
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
      const t = this.tokens[this.pos];
      return { error: t ? describe(t) : 'newline' };
    }
    return cmd;
  }

  private peekOp(op: Operator): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'op' && t.op === op;
  }
}

function describe(t: Token): string {
  if (t.kind === 'word') return t.raw;
  if (t.kind === 'redirect') return t.op;
  return t.op === '\n' ? 'newline' : t.op;
}

/** Drops the `NAME=` prefix (always unquoted literal text) from an assignment word. */
function dropAssignmentName(word: Word, length: number): Word {
  const out: Word = [];
  let skip = length;
  for (const part of word) {
    if (skip > 0 && part.kind === 'text') {
      const take = Math.min(skip, part.text.length);
      skip -= take;
      if (take < part.text.length) out.push({ ...part, text: part.text.slice(take) });
      continue;
    }
    out.push(part);
  }
  return out;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: '\n' });
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: 'op', op: two });
      i += 2;
      continue;
    }
    if (c === ';' || c === '|') {
      tokens.push({ kind: 'op', op: c });
      i++;
      continue;
    }
    if (c === '&') {
      if (src[i + 1] === '>') {
        // `&>file`: stdout and stderr to file (bash); stands for `>file 2>&1`.
        const append = src[i + 2] === '>';
        i += append ? 3 : 2;
        tokens.push({ kind: 'redirect', fd: 1, op: append ? '>>' : '>' });
        const word = readWord(src, skipBlanks(src, i));
        tokens.push(word.token);
        tokens.push({ kind: 'redirect', fd: 2, op: '>&' }, { kind: 'word', word: [], raw: '1' });
        i = word.end;
        continue;
      }
      tokens.push({ kind: 'op', op: '&' });
      i++;
      continue;
    }
    const redirect = /^(\d?)(>>|>&|<|>)/.exec(src.slice(i, i + 3));
    if (redirect) {
      const op = redirect[2] as '>' | '>>' | '<' | '>&';
      const fd = redirect[1] ? Number(redirect[1]) : op === '<' ? 0 : 1;
      tokens.push({ kind: 'redirect', fd, op });
      i += redirect[0].length;
      continue;
    }
    if (c === '!' && (src[i + 1] === ' ' || src[i + 1] === undefined)) {
      tokens.push({ kind: 'op', op: '!' });
      i++;
      continue;
    }
    const word = readWord(src, i);
    tokens.push(word.token);
    i = word.end;
  }
  return tokens;
}

function skipBlanks(src: string, i: number): number {
  while (src[i] === ' ' || src[i] === '\t') i++;
  return i;
}

const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>']);

function readWord(src: string, start: number): { token: Token; end: number } {
  const word: Word = [];
  let i = start;
  let text = '';
  const flush = (quoted: boolean): void => {
    if (text !== '') word.push({ kind: 'text', text, quoted });
    text = '';
  };
  if (src[i] === '~' && (i + 1 >= src.length || src[i + 1] === '/' || WORD_END.has(src[i + 1]!))) {
    word.push({ kind: 'tilde' });
    i++;
  }
  while (i < src.length && !WORD_END.has(src[i]!)) {
    const c = src[i]!;
    if (c === '\\') {
      if (i + 1 >= src.length) throw new Incomplete();
      if (src[i + 1] !== '\n') text += src[i + 1];
      i += 2;
    } else if (c === "'") {
      flush(false);
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new Incomplete("'");
      word.push({ kind: 'text', text: src.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else if (c === '"') {
      flush(false);
      i = readDoubleQuoted(src, i + 1, word);
    } else if (c === '$') {
      const dollar = readDollar(src, i, false);
      if (dollar) {
        flush(false);
        word.push(dollar.part);
        i = dollar.end;
      } else {
        text += c;
        i++;
      }
    } else if (c === '`') {
      flush(false);
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw new Incomplete('`');
      word.push({ kind: 'subst', script: src.slice(i + 1, close), quoted: false });
      i = close + 1;
    } else {
      text += c;
      i++;
    }
  }
  flush(false);
  // A word made only of empty quotes ('' or "") is still a (empty) word.
  if (word.length === 0) word.push({ kind: 'text', text: '', quoted: true });
  return { token: { kind: 'word', word, raw: src.slice(start, i) }, end: i };
}

function readDoubleQuoted(src: string, start: number, word: Word): number {
  let i = start;
  let text = '';
  const flush = (): void => {
    if (text !== '') word.push({ kind: 'text', text, quoted: true });
    text = '';
  };
  for (;;) {
    if (i >= src.length) throw new Incomplete('"');
    const c = src[i]!;
    if (c === '"') {
      flush();
      // Keep empty quotes as an (empty) quoted part so that `""` is a word.
      if (word.length === 0) word.push({ kind: 'text', text: '', quoted: true });
      return i + 1;
    }
    if (c === '\\' && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1]!)) {
      if (src[i + 1] !== '\n') text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const dollar = readDollar(src, i, true);
      if (dollar) {
        flush();
        word.push(dollar.part);
        i = dollar.end;
        continue;
      }
    }
    if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw new Incomplete('`');
      flush();
      word.push({ kind: 'subst', script: src.slice(i + 1, close), quoted: true });
      i = close + 1;
      continue;
    }
    text += c;
    i++;
  }
}

/** `$NAME`, `${NAME}`, `$?`, `$(…)` at `i`; undefined for a lone `$`. */
function readDollar(src: string, i: number, quoted: boolean): { part: WordPart; end: number } | undefined {
  const next = src[i + 1];
  if (next === undefined) return undefined;
  if (next === '{') {
    const close = src.indexOf('}', i + 2);
    if (close < 0) throw new Incomplete();
    const inner = src.slice(i + 2, close);
    // ${VAR:-default} and friends are beyond the demo: the name before any operator is used.
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[?$#0-9!@*-]/.exec(inner)?.[0] ?? inner;
    return { part: { kind: 'var', name, quoted }, end: close + 1 };
  }
  if (next === '(') {
    let depth = 1;
    let j = i + 2;
    for (; j < src.length && depth > 0; j++) {
      if (src[j] === '(') depth++;
      else if (src[j] === ')') depth--;
    }
    if (depth > 0) throw new Incomplete();
    return { part: { kind: 'subst', script: src.slice(i + 2, j - 1), quoted }, end: j };
  }
  if (SPECIAL_PARAMS.has(next)) return { part: { kind: 'var', name: next, quoted }, end: i + 2 };
  if (NAME_START.test(next)) {
    let j = i + 2;
    while (j < src.length && NAME_CHAR.test(src[j]!)) j++;
    return { part: { kind: 'var', name: src.slice(i + 1, j), quoted }, end: j };
  }
  return undefined;
}
