/**
 * `podscope demo --max-requests-per-second N` as a user runs it, with kubectl — client-go, which nobody here
 * wrote — as the independent client: it recognises the demo's 429 as API priority and fairness's, waits the
 * Retry-After, and completes; and a bad budget is a usage line, not a stack.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/waitFor.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

describe('podscope demo --max-requests-per-second', () => {
  it('throttles kubectl, which waits the Retry-After and still lists every pod', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-throttle-cli-'));
    const file = join(dir, 'kc.yaml');
    const child = spawn(
      process.execPath,
      [BIN, 'demo', '--pods', '60', '--max-requests-per-second', '2', '--kubeconfig-out', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitFor(() => out.includes('kubeconfig written to'), 'the startup lines');
      // 60 pods in pages of 6: at least 10 requests against 2 a second.
      const get = spawnSync(
        'kubectl',
        [
          `--kubeconfig=${file}`,
          `--cache-dir=${join(dir, 'cache')}`,
          'get',
          'pods',
          '-A',
          '--no-headers',
          '--chunk-size=6',
          '-v=6',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(get.status).toBe(0);
      expect(get.stdout.trim().split('\n')).toHaveLength(60);
      // client-go logs each answer at -v=6: some were the demo's 429, which it took as "wait and retry".
      expect(get.stderr).toMatch(/429 Too Many Requests/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 90_000);

  it('refuses a budget of 0 with a usage line and exit 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'demo', '--max-requests-per-second', '0'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toContain('--max-requests-per-second must be a whole number from 1 to 1000000');
    expect(lines[1]).toMatch(/^usage: podscope demo .*--max-requests-per-second N/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
