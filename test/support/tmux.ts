/**
 * Driving a REAL terminal program in tmux: start it in a pane of a given size, type keys, read the screen (with or
 * without colours), resize the window, and after it exits check the state it left the terminal in (alternate
 * screen, cursor visibility, `stty -a`).
 *
 * Every session runs on its own tmux server (a socket in a fresh temp directory, `-f` our own config), so tests
 * never see or touch the user's tmux. The command runs under a small `sh` wrapper that, once the program exits,
 * records its exit status and `stty -a` and then keeps the pane (and so the pty and the screen) alive without
 * touching the terminal: what is captured after exit is exactly what the program left behind, not what a shell
 * prompt repaired.
 *
 * Only `node:` imports here, and erasable TypeScript only: `scripts/screenshots/` loads this file with Node's
 * type stripping.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TmuxStartOptions {
  /** argv of the program; executed directly (no shell parses it). */
  command: string[];
  cols: number;
  rows: number;
  /**
   * Merged over `process.env` minus what a test runner adds and a user's terminal doesn't have (see
   * NOT_A_USER_TERMINAL: CI, NODE_ENV=test, VITEST…, the colour overrides, our own TMUX); a value of `undefined`
   * removes a variable.
   */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** TERM inside the pane; default `tmux-256color` (256 colours for chalk/Ink; add COLORTERM=truecolor for 24-bit). */
  term?: string;
}

export interface CaptureOptions {
  /** Keep SGR escapes (colours, bold, inverse…): `capture-pane -e`. */
  escapes?: boolean;
  /** Keep trailing spaces (`-N`): needed when trailing cells carry a background colour. */
  trailingSpaces?: boolean;
}

/** What tmux knows of the pane's terminal modes (its format variables). */
export interface PaneState {
  /** `#{alternate_on}`: the program switched to the alternate screen (?1049h / ?1047h / ?47h) and has not left it. */
  alternateScreen: boolean;
  /** `#{cursor_flag}`: the cursor is shown (?25h); hidden after ?25l. */
  cursorVisible: boolean;
  cursorX: number;
  cursorY: number;
  cols: number;
  rows: number;
  /** `#{keypad_cursor_flag}`: application cursor keys (DECCKM, ?1h). */
  applicationCursorKeys: boolean;
  /** `#{keypad_flag}`: application keypad (DECKPAM, ESC =). */
  applicationKeypad: boolean;
  /** Any mouse reporting mode on (?1000/?1002/?1003). */
  mouseReporting: boolean;
  /** `#{pane_tty}`, e.g. /dev/pts/3. */
  tty: string;
}

/** `stty -a`, parsed: the terminal's line discipline settings. */
export interface SttySettings {
  /** The raw `stty -a` output. */
  text: string;
  rows: number | undefined;
  cols: number | undefined;
  /** Every boolean setting as printed: `icanon` → true, `-icanon` → false. */
  flags: ReadonlyMap<string, boolean>;
  /** Cooked (canonical) mode as a shell expects it: icanon, echo, isig, icrnl, opost, onlcr all on. */
  cooked: boolean;
}

export interface ExitStatus {
  /** The program's exit status as `sh` reports it (128 + N when killed by signal N). */
  code: number;
  /** `stty -a` taken by the wrapper right after the program exited. */
  stty: SttySettings;
}

/** A text to find on the screen, or a test of the whole screen. */
export type ScreenMatcher = string | RegExp | ((screen: string) => boolean);

const POLL_MS = 50;
/** Generous by default: a 2-core machine running a test suite in parallel is slow to start Node programs. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Cooked mode: the flags `stty sane` sets that a line-editing shell relies on. */
const COOKED_FLAGS = ['icanon', 'echo', 'isig', 'icrnl', 'opost', 'onlcr'];

/**
 * Left out of the pane's environment: the program must see an interactive terminal as a user has it. Ink renders
 * only the last frame when CI is set (is-in-ci), React runs in development mode under vitest's NODE_ENV=test, and
 * a developer's own NO_COLOR / FORCE_COLOR / COLORTERM would make runs differ between machines (the pane's TERM is
 * tmux-256color: 256 colours; pass COLORTERM=truecolor for 24-bit).
 */
export const NOT_A_USER_TERMINAL: readonly string[] = [
  'TMUX',
  'TMUX_PANE',
  'CI',
  'CONTINUOUS_INTEGRATION',
  'NODE_ENV',
  'TEST',
  'MODE',
  'NO_COLOR',
  'FORCE_COLOR',
  'COLORTERM',
];

const live = new Set<TmuxSession>();
let exitHookInstalled = false;

/** Whether a tmux binary is on PATH (tests skip, with a reason, when it is not). */
export function tmuxAvailable(): boolean {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.startsWith('tmux ');
}

/**
 * Throws a clear error when tmux is missing: the terminal tests need it (it is on every machine of this project,
 * CI installs it) and never skip themselves for want of it.
 */
export function requireTmux(): void {
  if (!tmuxAvailable()) {
    throw new Error(
      'tmux is not on PATH: the terminal tests drive the real program in tmux (apt-get install tmux)',
    );
  }
}

/** Quotes one word for `sh`. */
function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function describeMatcher(m: ScreenMatcher): string {
  if (typeof m === 'string') return JSON.stringify(m);
  if (m instanceof RegExp) return String(m);
  return m.name ? `a screen matching ${m.name}` : 'a screen matching the predicate';
}

function matches(screen: string, m: ScreenMatcher): boolean {
  if (typeof m === 'string') return screen.includes(m);
  if (m instanceof RegExp) {
    m.lastIndex = 0;
    return m.test(screen);
  }
  return m(screen);
}

/** Parses `stty -a` output (GNU coreutils layout: `;`-separated settings, then space-separated flags). */
export function parseStty(text: string): SttySettings {
  const flags = new Map<string, boolean>();
  let rows: number | undefined;
  let cols: number | undefined;
  for (const line of text.split('\n')) {
    for (const raw of line.split(';')) {
      const seg = raw.trim();
      if (!seg) continue;
      const size = /^(rows|columns)\s+(\d+)$/.exec(seg);
      if (size) {
        if (size[1] === 'rows') rows = Number(size[2]);
        else cols = Number(size[2]);
        continue;
      }
      if (seg.includes('=') || seg.startsWith('speed ')) continue;
      for (const word of seg.split(/\s+/)) {
        const m = /^(-?)([a-z][a-z0-9]*)$/.exec(word);
        if (m) flags.set(m[2]!, m[1] !== '-');
      }
    }
  }
  return { text, rows, cols, flags, cooked: COOKED_FLAGS.every((f) => flags.get(f) === true) };
}

/** The `sh` program run in the pane: the command, then its status and `stty -a` to files, then a quiet wait. */
function wrapperScript(dir: string): string {
  const d = shQuote(dir);
  return [
    // A trap with a command (not '' = ignore) keeps the shell alive through the program's Ctrl-C / Ctrl-\\ while
    // the program, once exec'd, still gets the default dispositions.
    'trap : INT QUIT',
    '"$@"',
    'code=$?',
    `stty -a > ${d}/stty 2>&1`,
    `printf '%s\\n' "$code" > ${d}/exit.tmp`,
    `mv ${d}/exit.tmp ${d}/exit`,
    // Keep the pty and the screen as the program left them; bounded so a leaked server ends by itself.
    'sleep 3600',
  ].join('\n');
}

/** The server config: no status line (the pane is the whole window), nothing of the user's ~/.tmux.conf. */
function serverConfig(term: string): string {
  return [
    'set -g status off',
    `set -g default-terminal ${shQuote(term)}`,
    'set -g alternate-screen on',
    'set -g history-limit 2000',
    'set -g remain-on-exit off',
    // NOTE: `set -g window-size manual` here makes tmux 3.3a's server exit at once on `new-session -d`;
    // resize-window sets it on the window by itself, which is all resize() needs.
  ].join('\n');
}

export class TmuxSession {
  readonly dir: string;
  readonly socket: string;
  /** The pane id (`%0`), the target of every command. */
  readonly pane: string;
  /** PID of the pane's wrapper `sh`, leader of the process group the program runs in. */
  readonly panePid: number;
  private readonly tmuxEnv: NodeJS.ProcessEnv;
  private killed = false;

  private constructor(
    dir: string,
    socket: string,
    pane: string,
    panePid: number,
    tmuxEnv: NodeJS.ProcessEnv,
  ) {
    this.dir = dir;
    this.socket = socket;
    this.pane = pane;
    this.panePid = panePid;
    this.tmuxEnv = tmuxEnv;
  }

  /** Starts `command` in a new pane of `cols`×`rows` on a private tmux server. */
  static async start(opts: TmuxStartOptions): Promise<TmuxSession> {
    if (opts.command.length === 0) throw new Error('TmuxSession.start: empty command');
    const dir = mkdtempSync(join(tmpdir(), 'podscope-tmux-'));
    const socket = join(dir, 'sock');
    const config = join(dir, 'tmux.conf');
    writeFileSync(config, serverConfig(opts.term ?? 'tmux-256color') + '\n');

    // The server takes its global environment from the client that starts it: that is how env reaches the pane.
    const merged: Record<string, string | undefined> = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !NOT_A_USER_TERMINAL.includes(k) && !k.startsWith('VITEST'),
      ),
    );
    // A config directory of its own (favourites, last namespace): runs neither read the user's nor each other's.
    merged['XDG_CONFIG_HOME'] = join(dir, 'config');
    Object.assign(merged, opts.env);
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const args = ['-S', socket, '-f', config, 'new-session', '-d', '-P', '-F', '#{pane_id} #{pane_pid}'];
    args.push('-s', 'main', '-x', String(opts.cols), '-y', String(opts.rows));
    if (opts.cwd !== undefined) args.push('-c', opts.cwd);
    // Several arguments after the options: tmux execs them directly, no shell word splitting.
    args.push('sh', '-c', wrapperScript(dir), 'podscope-tmux-wrapper', ...opts.command);

    let out: string;
    try {
      out = await runTmux(args, env);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error('tmux is not on PATH: the terminal tests need it (Debian: apt-get install tmux)', {
          cause: e,
        });
      }
      throw e;
    }
    const [pane, pid] = out.trim().split(' ');
    if (!pane || !pid) throw new Error(`tmux new-session printed ${JSON.stringify(out)}`);
    const session = new TmuxSession(dir, socket, pane, Number(pid), env);
    live.add(session);
    installExitHook();
    return session;
  }

  /** Runs one tmux command against this session's server. */
  tmux(...args: string[]): Promise<string> {
    return runTmux(['-S', this.socket, ...args], this.tmuxEnv);
  }

  /**
   * Sends tmux key names, each one key: `q`, `C-c`, `Enter`, `Escape`, `Up`/`Down`/`Left`/`Right`, `PageUp`,
   * `Home`, `F1`, `BSpace`, `Tab`, `BTab`, `M-x`. For literal text use sendText.
   */
  async sendKeys(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.tmux('send-keys', '-t', this.pane, ...keys);
  }

  /** Types `text` literally (`send-keys -l`): every character as itself, key names not interpreted. */
  async sendText(text: string): Promise<void> {
    if (text === '') return;
    await this.tmux('send-keys', '-t', this.pane, '-l', '--', text);
  }

  /**
   * The visible screen, one line per row (`capture-pane -p`), trailing spaces trimmed unless asked; with
   * `escapes`, SGR sequences are kept (`-e`). tmux emits SGR changes relative to the previous cell across line
   * ends, so a coloured capture must be read as one stream, not line by line.
   */
  async capture(opts: CaptureOptions = {}): Promise<string> {
    const args = ['capture-pane', '-p', '-t', this.pane];
    if (opts.escapes) args.push('-e');
    if (opts.trailingSpaces) args.push('-N');
    const out = await this.tmux(...args);
    return out.endsWith('\n') ? out.slice(0, -1) : out;
  }

  /** Waits until the screen contains the text (or matches the regex / predicate); returns that screen. */
  async waitForText(what: ScreenMatcher, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = await this.capture();
      if (matches(screen, what)) return screen;
      if (Date.now() > deadline) break;
      if (this.exitFileCode() !== undefined) {
        // One more look: the last frame may have landed with the exit.
        screen = await this.capture();
        if (matches(screen, what)) return screen;
        throw new Error(
          `the program exited (status ${this.exitFileCode()}) while waiting for ${describeMatcher(what)}; screen:\n${frame(screen)}`,
        );
      }
      await sleep(POLL_MS);
    }
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${describeMatcher(what)}; screen:\n${frame(screen)}`,
    );
  }

  /** Waits until the text is no longer on the screen; returns that screen. */
  async waitForNoText(what: ScreenMatcher, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    return this.waitForText((s) => !matches(s, what), timeoutMs).catch((e: unknown) => {
      throw new Error(`waiting for ${describeMatcher(what)} to go: ${(e as Error).message}`);
    });
  }

  /**
   * Waits until the screen has not changed for `quietMs` and returns it; after `timeoutMs` returns the latest
   * screen anyway (a live dashboard may never be fully still). For screenshots, not for assertions.
   */
  async waitForStableScreen(quietMs = 300, timeoutMs = 3_000, opts: CaptureOptions = {}): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.capture(opts);
    let since = Date.now();
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const now = await this.capture(opts);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) break;
    }
    return last;
  }

  /** The pid of the program itself (podscope): the only child of the pane's wrapper shell, for sending it signals. */
  programPid(): number {
    const r = spawnSync('pgrep', ['-P', String(this.panePid)], { encoding: 'utf8' });
    const pids = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '');
    if (pids.length !== 1)
      throw new Error(`expected one child of the pane's shell, found: ${pids.join(' ') || 'none'}`);
    return Number(pids[0]);
  }

  /** Whether the program has exited (the wrapper has written its status). */
  hasExited(): boolean {
    return this.exitFileCode() !== undefined;
  }

  /** Waits for the program to exit; its status and the `stty -a` taken right after. */
  async waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ExitStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const code = this.exitFileCode();
      if (code !== undefined) return { code, stty: parseStty(readFileSync(join(this.dir, 'stty'), 'utf8')) };
      if (Date.now() > deadline) {
        const screen = await this.capture().catch((e: unknown) => `(capture failed: ${String(e)})`);
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for the program to exit; screen:\n${frame(screen)}`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  private exitFileCode(): number | undefined {
    try {
      const text = readFileSync(join(this.dir, 'exit'), 'utf8').trim();
      return text === '' ? undefined : Number(text);
    } catch {
      return undefined;
    }
  }

  /**
   * Resizes the window (and so the pane and the program's pty, which then gets SIGWINCH) and waits until tmux
   * reports the new size. tmux 3.3 switches the window to `window-size manual` by itself on resize-window, so a
   * detached session keeps the size instead of snapping back to a client's.
   */
  async resize(cols: number, rows: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await this.tmux('resize-window', '-t', this.pane, '-x', String(cols), '-y', String(rows));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.paneState();
      if (s.cols === cols && s.rows === rows) return;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for the pane to be ${cols}x${rows} (is ${s.cols}x${s.rows})`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** The pane's terminal modes as tmux tracks them: alternate screen, cursor, keypad, mouse, size. */
  async paneState(): Promise<PaneState> {
    const fields = [
      'alternate_on',
      'cursor_flag',
      'cursor_x',
      'cursor_y',
      'pane_width',
      'pane_height',
      'keypad_cursor_flag',
      'keypad_flag',
      'mouse_any_flag',
      'mouse_button_flag',
      'mouse_standard_flag',
      'pane_tty',
    ];
    const out = await this.tmux(
      'display-message',
      '-p',
      '-t',
      this.pane,
      fields.map((f) => `#{${f}}`).join('\t'),
    );
    const v = out.replace(/\n$/, '').split('\t');
    const flag = (i: number): boolean => v[i] === '1';
    const num = (i: number): number => Number(v[i]);
    return {
      alternateScreen: flag(0),
      cursorVisible: flag(1),
      cursorX: num(2),
      cursorY: num(3),
      cols: num(4),
      rows: num(5),
      applicationCursorKeys: flag(6),
      applicationKeypad: flag(7),
      mouseReporting: flag(8) || flag(9) || flag(10),
      tty: v[11] ?? '',
    };
  }

  /**
   * `stty -a` of the pane's pty now (`stty -F`; GNU coreutils): while the program runs, the modes it set (raw:
   * `-icanon -echo`); after it exited, what it left (the wrapper never touches the terminal).
   */
  async sttySettings(): Promise<SttySettings> {
    const { tty } = await this.paneState();
    const text = await new Promise<string>((resolve, reject) => {
      execFile('stty', ['-a', '-F', tty], { encoding: 'utf8', timeout: 10_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`stty -a -F ${tty} failed: ${stderr || err.message}`));
        else resolve(stdout);
      });
    });
    return parseStty(text);
  }

  /** Stops the tmux server (SIGHUP to the pane), kills whatever of the pane's process group is left, cleans up. */
  async kill(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    live.delete(this);
    await this.tmux('kill-server').catch(() => undefined);
    killGroup(this.panePid);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** For `await using` in code that has it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }

  /** Synchronous kill for process exit. */
  killSync(): void {
    if (this.killed) return;
    this.killed = true;
    live.delete(this);
    spawnSync('tmux', ['-S', this.socket, 'kill-server'], { env: this.tmuxEnv, timeout: 5_000 });
    killGroup(this.panePid);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function killGroup(pid: number): void {
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of [...live]) s.killSync();
  });
}

/** The screen with a frame, for error messages. */
function frame(screen: string): string {
  const lines = screen.split('\n');
  const width = Math.max(0, ...lines.map((l) => l.length));
  const bar = '─'.repeat(width);
  return [`┌${bar}┐`, ...lines.map((l) => `│${l.padEnd(width)}│`), `└${bar}┘`].join('\n');
}

/**
 * tmux reads an argument ending in `;` as the end of a command (`a;` is `a` then a new command, `;` alone is a
 * separator); `\;` at the end is a literal `;`. Every argument we pass is meant literally.
 */
function tmuxArg(arg: string): string {
  return arg.endsWith(';') ? `${arg.slice(0, -1)}\\;` : arg;
}

function runTmux(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('tmux', args.map(tmuxArg), { env, encoding: 'utf8', timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(err);
        return reject(
          new Error(`tmux ${args.join(' ')} failed: ${stderr.trim() || err.message}`, { cause: err }),
        );
      }
      resolve(stdout);
    });
  });
}
