// The benches' demo cluster: `podscope demo` in its own process (so its CPU and memory are not the measured
// side's), started with `extra` arguments, resolved once it has written its kubeconfig; rejected if it exits first.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

/**
 * Starts `podscope demo --kubeconfig-out DIR/kc.yaml ...extra`.
 * @returns the child, its directory, the kubeconfig, a kubectl cache dir in it, and the start time in ms
 */
export async function startDemoProcess(extra = [], prefix = 'podscope-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const kubeconfig = join(dir, 'kc.yaml');
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'demo', '--kubeconfig-out', kubeconfig, ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('kubeconfig written to')) resolve();
    });
    child.on('exit', (c) => reject(new Error(`demo exited with ${c}`)));
  });
  return { child, dir, kubeconfig, cacheDir: join(dir, 'cache'), startMs: performance.now() - t0 };
}
