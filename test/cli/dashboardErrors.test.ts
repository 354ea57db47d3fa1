/**
 * Problems before the dashboard opens: one clear line on stderr and a non-zero exit — never a stack trace, never
 * a half-drawn screen. Run without a terminal, as a script or a CI job would.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster } from '../../src/demo/server.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

function expectOneLine(r: { code: number | null; stderr: string }, code: number, pattern: RegExp): void {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('podscope before the screen opens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-cli-errors-'));

  it('names a kubeconfig file that does not exist', async () => {
    expectOneLine(await run(['--kubeconfig', join(dir, 'missing.yaml')]), 1, /^podscope: .*missing\.yaml/);
  });

  it('says when there is no kubeconfig at all', async () => {
    expectOneLine(await run([], { KUBECONFIG: '', HOME: dir }), 1, /^podscope: .*kubeconfig/i);
  });

  it('names an unknown context', async () => {
    const demo = await startDemoCluster({ populate: false });
    try {
      const file = join(dir, 'kc.yaml');
      writeFileSync(file, demo.kubeconfig());
      expectOneLine(await run(['--kubeconfig', file, '--context', 'nope']), 1, /^podscope: .*"nope"/);
    } finally {
      await demo.close();
    }
  });

  it('says the server refused the credentials (401)', async () => {
    const demo = await startDemoCluster();
    try {
      const file = join(dir, 'kc401.yaml');
      writeFileSync(file, demo.kubeconfig().replace(/token: .*/, 'token: wrong'));
      expectOneLine(await run(['--kubeconfig', file]), 1, /^podscope: .*(401|credentials)/i);
    } finally {
      await demo.close();
    }
  });

  it('says the server is unreachable', async () => {
    const demo = await startDemoCluster({ populate: false });
    const file = join(dir, 'kcdown.yaml');
    writeFileSync(file, demo.kubeconfig());
    await demo.close();
    expectOneLine(await run(['--kubeconfig', file]), 1, /^podscope: .*(unreachable|refused)/i);
  });

  it('refuses to draw without a terminal, after the connection is known to work', async () => {
    expectOneLine(await run(['--demo']), 1, /^podscope: the dashboard needs a terminal/);
  });

  it.each([
    [['-n', 'x', '-A'], '-n and -A exclude each other'],
    [['-l', 'a in (b'], '-l:'],
    [['--pods', '10'], '--pods and --churn go with --demo'],
    [['--frobnicate'], 'unknown flag --frobnicate'],
  ])('refuses %j with the usage line and exit 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/\nusage: podscope /);
  });
});
