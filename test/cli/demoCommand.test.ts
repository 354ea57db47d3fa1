/**
 * `podscope demo` as a user runs it: the real binary, its one line, the kubeconfig it writes (mode 0600, the
 * podscope-demo context) that kubectl can use, a clean stop on SIGTERM, and usage errors for bad flags.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../support/waitFor.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

function runSync(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe('podscope demo', () => {
  it('serves, writes a kubeconfig kubectl can use, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-cli-'));
    const file = join(dir, 'kc.yaml');
    const child = spawn(
      process.execPath,
      [BIN, 'demo', '--port', '0', '--pods', '50', '--kubeconfig-out', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitFor(() => out.includes('contexts: '), 'the startup lines');
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(/^demo cluster listening on https:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toBe(`kubeconfig written to ${file}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const kc = readFileSync(file, 'utf8');
      expect(kc).toContain('current-context: podscope-demo');
      expect(kc).toContain('namespace: default');
      const get = spawnSync(
        'kubectl',
        [`--kubeconfig=${file}`, `--cache-dir=${join(dir, 'cache')}`, 'get', 'pods', '-A', '--no-headers'],
        { encoding: 'utf8' },
      );
      expect(get.stderr).toBe('');
      expect(get.stdout.trim().split('\n')).toHaveLength(50);
      expect(lines[2]).toBe('contexts: podscope-demo, podscope-demo-viewer, podscope-demo-editor');
      const viewer = spawnSync(
        'kubectl',
        [
          `--kubeconfig=${file}`,
          `--cache-dir=${join(dir, 'cache')}`,
          '--context=podscope-demo-viewer',
          'get',
          'pods',
          '-A',
        ],
        { encoding: 'utf8' },
      );
      expect(viewer.stderr).toBe(
        'Error from server (Forbidden): pods is forbidden: User "podscope-demo-viewer" cannot list resource "pods" in API group "" at the cluster scope\n',
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(err).toBe('');
  });

  it.each([
    [['demo', '--bogus'], 'unknown flag --bogus'],
    [['demo', '--pods', 'many'], '--pods must be a whole number'],
    [['demo', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['demo', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j with a usage line and exit 2', (args, message) => {
    const r = runSync(args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toContain(message);
    expect(lines[1]).toMatch(/^usage: podscope demo /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says so when the port is taken', async () => {
    const first = spawn(process.execPath, [BIN, 'demo', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    first.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const port = await waitFor(() => /:(\d+)$/m.exec(out)?.[1], 'the first server');
      const r = runSync(['demo', '--port', port]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(
        `podscope demo: cannot listen on 127.0.0.1: port ${port} is already in use`,
      );
    } finally {
      first.kill('SIGTERM');
    }
  });
});
