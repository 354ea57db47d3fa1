/**
 * `npm run cluster [-- --kubeconfig-out FILE]`: starts the real control plane on loopback, seeds the demo's
 * population, writes the admin kubeconfig (mode 0600, context podscope-real) and prints `cluster ready`; stops
 * everything, leaving nothing behind, on Ctrl-C or SIGTERM. Then `podscope --kubeconfig FILE` runs against it as
 * against any cluster.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startControlPlane } from './controlPlane.js';
import { seedPopulation } from './seed.js';

function fail(message: string): never {
  process.stderr.write(`cluster: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { 'kubeconfig-out': { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
      strict: true,
    });
  } catch (e) {
    process.stderr.write(
      `cluster: ${(e as Error).message}\nusage: npm run cluster -- [--kubeconfig-out FILE] [-v]\n`,
    );
    process.exit(2);
  }
  const out = resolve(
    args.values['kubeconfig-out'] ?? join(mkdtempSync(join(tmpdir(), 'podscope-real-kc-')), 'kubeconfig'),
  );
  const verbose = args.values.verbose === true;
  const cp = await startControlPlane({
    log: verbose ? (l) => process.stdout.write(`${l}\n`) : undefined,
  }).catch((e: unknown) => fail((e as Error).message));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void cp.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  try {
    await seedPopulation(cp);
  } catch (e) {
    await cp.stop();
    fail((e as Error).message);
  }
  cp.writeKubeconfig(out);
  const rss = cp.rssMiB();
  const total = Object.values(rss).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `control plane up in ${(cp.startMs / 1000).toFixed(1)} s at ${cp.server}, RSS ${total} MiB\n`,
  );
  process.stdout.write(`kubeconfig written to ${out}\n`);
  process.stdout.write('cluster ready\n');
}

void main();
