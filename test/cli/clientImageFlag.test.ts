/**
 * `--client-image IMAGE` (the reach probe's client pod image, issue 15 §2): documented in --help, and a flag given
 * without an image (or with spaces in it) is a usage error in one line, exit 2, before anything connects.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

function run(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('--client-image', () => {
  it('is documented in --help', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toContain('[--client-image IMAGE]');
    expect(r.stdout).toMatch(
      /--client-image IMAGE\s+the reach probe's client pod image \(R; default curlimages\/curl/,
    );
  });

  it.each([[['--client-image']], [['--client-image', 'curl images/curl']]])(
    'refuses %j in one line',
    async (args) => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        'podscope: --client-image needs an image reference, e.g. curlimages/curl:8.11.1',
      );
    },
  );
});
