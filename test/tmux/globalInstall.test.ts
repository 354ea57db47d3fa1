/**
 * The published package as a user gets it (issue 13): `npm pack` ships what runs — bin/ and the bundle, no tsc
 * output, no source maps — and `npm install -g ./podscope-*.tgz` (into a temporary prefix, from the tarball; its
 * runtime dependencies come from the registry or npm's cache) gives a `podscope` that opens the demo dashboard on
 * Node ≥ 22 with no dev dependency installed, and on an older Node says in one line that it needs Node 22.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { TmuxSession, requireTmux } from '../support/tmux.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
/** npm as installed on this machine, run by this test's Node (24): the Node that would run a user's podscope. */
const NPM_CLI = realpathSync(join(dirname(realpathSync('/usr/bin/npm')), 'npm-cli.js'));
/** The system's Node 20 (the machine's `node` before node_modules/.bin). */
const OLD_NODE = '/usr/bin/node';
const NODE_DIR = dirname(process.execPath);

const dir = mkdtempSync(join(tmpdir(), 'podscope-global-'));
const prefix = join(dir, 'prefix');
let tarball: string;
let files: string[];
let session: TmuxSession | undefined;

beforeAll(async () => {
  requireTmux();
  // `npm pack` runs `prepare`, which builds only when the sources changed since the last build.
  const packed = await run(process.execPath, [NPM_CLI, 'pack', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` },
    maxBuffer: 16 << 20,
  });
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, info[0]!.filename);
  files = info[0]!.files.map((f) => f.path);
  await run(
    process.execPath,
    [NPM_CLI, 'install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
    { env: { ...process.env, PATH: `${NODE_DIR}${delimiter}/usr/bin${delimiter}/bin` }, maxBuffer: 16 << 20 },
  );
}, 300_000);

afterAll(async () => {
  await session?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('the published package', () => {
  it('holds bin/ and the bundle only: no tsc output, no source maps', () => {
    expect(files).toContain('bin/podscope.js');
    expect(files).toContain('dist/bundle/podscope.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(
      files.filter((f) => !/^(bin\/|dist\/bundle\/|package\.json$|README\.md$|LICENSE)/.test(f)),
    ).toEqual([]);
    expect(statSync(tarball).size).toBeLessThan(1_500_000);
  });

  it('installs with no dev dependencies, and nothing the bundle already holds', () => {
    const modules = join(prefix, 'lib', 'node_modules', 'podscope', 'node_modules');
    const installed = existsSync(modules) ? readdirSync(modules) : [];
    for (const dev of ['vitest', 'typescript', 'node', 'rolldown', 'tsx', 'eslint']) {
      expect(installed, dev).not.toContain(dev);
    }
    // Bundled (rolldown.config.mjs), so not downloaded again; client-node's own dependencies may still come.
    for (const bundled of ['ink', 'react', 'meow', 'wrap-ansi', '@alcalzone']) {
      expect(installed, bundled).not.toContain(bundled);
    }
    expect(installed).toContain('@kubernetes');
  });

  it('opens the demo dashboard with `podscope --demo` on Node ≥ 22', async () => {
    session = await TmuxSession.start({
      command: [join(prefix, 'bin', 'podscope'), '--demo'],
      cols: 160,
      rows: 45,
      cwd: dir,
      env: { PATH: `${NODE_DIR}${delimiter}/usr/bin${delimiter}/bin` },
    });
    await session.waitForText('● live', 30_000);
    await session.waitForText(/Running/, 15_000);
    await session.sendKeys('q');
    expect((await session.waitForExit()).code).toBe(0);
  }, 60_000);

  it('says in one line that it needs Node 22 when `node` is older', async () => {
    const version = (await run(OLD_NODE, ['--version'])).stdout.trim();
    expect(Number(version.slice(1).split('.')[0])).toBeLessThan(22);
    const r = await run(join(prefix, 'bin', 'podscope'), ['--demo'], {
      env: { ...process.env, PATH: `/usr/bin${delimiter}/bin` },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`podscope needs Node.js 22 or newer (this is ${version}).\n`);
  });

  it('prints its help once', async () => {
    const r = await run(join(prefix, 'bin', 'podscope'), ['--help'], {
      env: { ...process.env, PATH: `${NODE_DIR}${delimiter}/usr/bin${delimiter}/bin` },
    });
    expect(r.stdout.match(/terminal dashboard for Kubernetes pods/g)).toHaveLength(1);
  });
});
