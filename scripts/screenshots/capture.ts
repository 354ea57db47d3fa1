/**
 * Screenshots of a real terminal program: run it in tmux at a given size, drive it with steps (keys, text, waits
 * for screen text), capture the pane WITH colours (`capture-pane -e -p`), turn that into an HTML grid
 * (./ansi.ts) and render the HTML to PNG with headless Chromium, sized exactly to the terminal.
 *
 *   node scripts/screenshots/capture.ts                 every shot in ./shots.ts → screenshots/<name>.png
 *   node scripts/screenshots/capture.ts example         just those shots
 *   node scripts/screenshots/capture.ts --cols 100 --rows 30 --out /tmp/x.png [--wait TEXT] -- ls --color=always
 *
 * Needs (none of it is needed by `npm test`): Node 24 (type stripping; `npm run` uses the pinned one), tmux,
 * Chromium, and the DejaVu fonts: `apt-get install tmux chromium fonts-dejavu-core`. Set CHROMIUM=/path to use
 * another Chromium or Chrome binary.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TmuxSession, tmuxAvailable } from '../../test/support/tmux.ts';
import type { HtmlOptions } from './ansi.ts';
import { parseAnsiScreen, screenToHtml } from './ansi.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One thing to do to the program before (or between) pictures. */
export type Step =
  /** tmux key names, e.g. ['Down', 'Down', 'Enter'], ['C-c'], ['/']. */
  | { keys: string[] }
  /** Literal text, typed as is. */
  | { text: string }
  /** Wait until the screen shows this (default deadline 20 s). */
  | { waitFor: string | RegExp; timeoutMs?: number }
  /** Wait until the screen no longer shows this. */
  | { waitForNo: string | RegExp; timeoutMs?: number }
  /** Wait until the program has exited (its last screen stays). */
  | { waitForExit: true; timeoutMs?: number }
  | { resize: { cols: number; rows: number } }
  /** Take a picture now, to this PNG path (relative paths are relative to the repo root). */
  | { snapshot: string };

export interface CaptureOptions {
  /** argv, run directly (no shell) in the pane. */
  command: string[];
  cols: number;
  rows: number;
  steps?: Step[];
  /** The final picture (after all steps); optional when the steps take snapshots. */
  out?: string;
  /** Added to the environment; by default COLORTERM=truecolor and NO_COLOR removed. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Device pixels per CSS pixel (2 for a sharp picture on high-density screens). Default 1. */
  scale?: number;
  /** Before each picture, wait for the screen to be still this long (default 300 ms, at most 3 s). */
  quietMs?: number;
  /** Draw the cursor when the program shows it (default true). */
  showCursor?: boolean;
  html?: Omit<HtmlOptions, 'cursor'>;
  /** Also keep the .html and .ansi next to each PNG (for debugging the renderer). */
  keepHtml?: boolean;
}

export interface Picture {
  png: string;
  width: number;
  height: number;
}

const STEP_TIMEOUT_MS = 20_000;

/** What the screenshot tools need, with the Debian package names, or throws saying what is missing. */
export function checkRequirements(): { chromium: string } {
  const missing: string[] = [];
  if (!tmuxAvailable()) missing.push('tmux (apt-get install tmux)');
  const chromium = findChromium();
  if (!chromium) missing.push('Chromium (apt-get install chromium; or set CHROMIUM=/path/to/chrome)');
  const fonts = spawnSync('fc-list', [':family=DejaVu Sans Mono'], { encoding: 'utf8' });
  if (fonts.status !== 0 || !fonts.stdout.includes('DejaVu Sans Mono')) {
    missing.push('the DejaVu Sans Mono font (apt-get install fonts-dejavu-core)');
  }
  if (missing.length > 0 || !chromium) {
    throw new Error(
      `the screenshot script needs: ${missing.join(', ')}.\n` +
        'On Debian/Ubuntu, as root: apt-get update && apt-get install -y tmux chromium fonts-dejavu-core',
    );
  }
  return { chromium };
}

function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM,
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
  ];
  for (const c of candidates) {
    if (!c) continue;
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0 && /chrom/i.test(r.stdout)) return c;
  }
  return undefined;
}

/** Runs the program in tmux, performs the steps, and writes the pictures. */
export async function capture(opts: CaptureOptions): Promise<Picture[]> {
  const { chromium } = checkRequirements();
  const session = await TmuxSession.start({
    command: opts.command,
    cols: opts.cols,
    rows: opts.rows,
    cwd: opts.cwd ?? REPO_ROOT,
    env: { COLORTERM: 'truecolor', NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env },
  });
  const pictures: Picture[] = [];
  try {
    for (const step of opts.steps ?? []) {
      if ('keys' in step) await session.sendKeys(...step.keys);
      else if ('text' in step) await session.sendText(step.text);
      else if ('waitFor' in step) await session.waitForText(step.waitFor, step.timeoutMs ?? STEP_TIMEOUT_MS);
      else if ('waitForNo' in step)
        await session.waitForNoText(step.waitForNo, step.timeoutMs ?? STEP_TIMEOUT_MS);
      else if ('waitForExit' in step) await session.waitForExit(step.timeoutMs ?? STEP_TIMEOUT_MS);
      else if ('resize' in step) await session.resize(step.resize.cols, step.resize.rows);
      else pictures.push(await picture(session, chromium, step.snapshot, opts));
    }
    if (opts.out !== undefined) pictures.push(await picture(session, chromium, opts.out, opts));
  } finally {
    await session.kill();
  }
  return pictures;
}

async function picture(
  session: TmuxSession,
  chromium: string,
  out: string,
  opts: CaptureOptions,
): Promise<Picture> {
  const ansi = await session.waitForStableScreen(opts.quietMs ?? 300, 3_000, {
    escapes: true,
    trailingSpaces: true,
  });
  const state = await session.paneState();
  const screen = parseAnsiScreen(ansi, state.cols, state.rows);
  const cursor =
    (opts.showCursor ?? true) && state.cursorVisible ? { x: state.cursorX, y: state.cursorY } : undefined;
  const page = screenToHtml(screen, { ...opts.html, cursor });
  const png = resolve(REPO_ROOT, out);
  mkdirSync(dirname(png), { recursive: true });
  if (opts.keepHtml) {
    writeFileSync(png.replace(/\.png$/, '') + '.html', page.html);
    writeFileSync(png.replace(/\.png$/, '') + '.ansi', ansi);
  }
  await renderHtml(chromium, page.html, page.width, page.height, png, opts.scale ?? 1);
  return { png, width: page.width, height: page.height };
}

/** Renders an HTML page of a known size to PNG with headless Chromium and checks the PNG's size. */
export async function renderHtml(
  chromium: string,
  html: string,
  width: number,
  height: number,
  out: string,
  scale = 1,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-shot-'));
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      '--mute-audio',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--force-device-scale-factor=${scale}`,
      `--window-size=${width},${height}`,
      `--screenshot=${out}`,
      pathToFileURL(file).href,
    ];
    const result = await new Promise<{ code: number | null; stderr: string }>((done) => {
      execFile(chromium, args, { timeout: 90_000, encoding: 'utf8' }, (err, _stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }),
      );
    });
    let size: { width: number; height: number } | undefined;
    try {
      size = pngSize(readFileSync(out));
    } catch {
      size = undefined;
    }
    if (result.code !== 0 || !size) {
      throw new Error(
        `${chromium} did not write ${out} (exit ${result.code}):\n${result.stderr.slice(-2000)}`,
      );
    }
    const want = { width: Math.round(width * scale), height: Math.round(height * scale) };
    if (size.width !== want.width || size.height !== want.height) {
      throw new Error(`${out} is ${size.width}x${size.height}, expected ${want.width}x${want.height}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  if (
    buf.length < 24 ||
    buf.toString('latin1', 1, 4) !== 'PNG' ||
    buf.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: node scripts/screenshots/capture.ts [SHOT...] | --list
       node scripts/screenshots/capture.ts --cols N --rows N --out FILE.png [--wait TEXT] [--scale N] [--keep-html] -- COMMAND [ARG...]`;

function parseCli(argv: string[]): { flags: Map<string, string>; rest: string[]; names: string[] } {
  const flags = new Map<string, string>();
  const names: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (a === '--list' || a === '--keep-html' || a === '--help') flags.set(a.slice(2), 'true');
    else if (a.startsWith('--')) {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      flags.set(a.slice(2), v);
      i++;
    } else names.push(a);
  }
  return { flags, rest, names };
}

function intArg(flags: Map<string, string>, name: string, fallback?: number): number {
  const v = flags.get(name);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`--${name} is required\n${USAGE}`);
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const { flags, rest, names } = parseCli(argv);
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (rest.length > 0) {
    const wait = flags.get('wait');
    const pics = await capture({
      command: rest,
      cols: intArg(flags, 'cols', 100),
      rows: intArg(flags, 'rows', 30),
      steps: wait === undefined ? [] : [{ waitFor: wait }],
      out: flags.get('out') ?? 'screenshots/capture.png',
      scale: Number(flags.get('scale') ?? 1),
      keepHtml: flags.has('keep-html'),
    });
    for (const p of pics) process.stdout.write(`wrote ${p.png} (${p.width}x${p.height} css px)\n`);
    return;
  }
  const { SHOTS } = await import('./shots.ts');
  if (flags.has('list')) {
    for (const s of SHOTS) process.stdout.write(`${s.name.padEnd(16)} ${s.description}\n`);
    return;
  }
  const unknown = names.filter((n) => !SHOTS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`no such shot: ${unknown.join(', ')} (--list shows them)`);
  checkRequirements();
  for (const shot of SHOTS) {
    if (names.length > 0 && !names.includes(shot.name)) continue;
    const started = Date.now();
    const pics = await shot.take({
      scale: Number(flags.get('scale') ?? 1),
      keepHtml: flags.has('keep-html'),
    });
    for (const p of pics) {
      process.stdout.write(
        `${shot.name}: wrote ${p.png} (${p.width}x${p.height}) in ${Date.now() - started} ms\n`,
      );
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`screenshots: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
