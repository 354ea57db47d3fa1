/**
 * The real control plane's scripts as a user meets them without it: `npm run cluster:build` without Go says so in
 * one line and exits 1; `npm test`'s second half names the real-server suites it could not run and why, and exits 0
 * (or 1 where they are required, as in CI); `npm run cluster` before a build, or with a bad flag, says what to do.
 * Go is hidden by a PATH holding only node, and the build by an empty cache directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-nogo-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const r = spawnSync(TSX, [join(REPO, 'test/cluster', script), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { HOME: dir, PATH: bin, XDG_CACHE_HOME: join(dir, 'cache'), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the real control plane without Go', () => {
  it('cluster:build says Go is missing, in one line, and exits 1', () => {
    const r = run('build.ts', [], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'cluster:build needs Go 1.24 or newer on PATH (go was not found): the real-server tests cannot run without it\n',
    );
  });

  it('npm test names the real-server suites it could not run and why, and passes', () => {
    const r = run('realSuites.ts', [], {});
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      'note: real-server suites not run — Go is not on PATH, so the real control plane cannot be built:',
    );
    expect(lines).toContain('  test/real/printer.test.ts');
  });

  it('fails instead where the real-server suites are required (CI)', () => {
    const r = run('realSuites.ts', [], { PODSCOPE_REQUIRE_REAL: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: real-server suites not run — Go is not on PATH/);
  });

  it('cluster before a build says to build, and a bad flag gets the usage line', () => {
    const unbuilt = run('run.ts', [], {});
    expect(unbuilt.code).toBe(1);
    expect(unbuilt.stderr).toMatch(
      /^cluster: the control plane is not built \(missing etcd, .*\): run npm run cluster:build\n$/,
    );
    const bad = run('run.ts', ['--bogus'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "cluster: Unknown option '--bogus'\nusage: npm run cluster -- [--kubeconfig-out FILE] [-v]\n",
    );
  });
});
