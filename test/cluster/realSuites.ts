/**
 * The second half of `npm test`: the real-server suites (test/real/), run against one real control plane by
 * vitest.real.config.ts. When the control plane can't start here — no Go, or not built yet — it names the suites
 * it could not run and why, and exits 0 (the rest of `npm test` has passed), unless PODSCOPE_REQUIRE_REAL=1
 * (as in .ci/run), where that is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLUSTER_DIR, missingBinaries } from './paths.js';

const REPO = join(CLUSTER_DIR, '..', '..');

function suites(dir = join(REPO, 'test', 'real')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return suites(p);
    return /\.test\.tsx?$/.test(e.name) ? [relative(REPO, p)] : [];
  });
}

function whyNot(): string | undefined {
  const missing = missingBinaries();
  if (missing.length === 0) return undefined;
  if (spawnSync('go', ['version']).status !== 0)
    return 'Go is not on PATH, so the real control plane cannot be built';
  return `the real control plane is not built (missing ${missing.join(', ')}): run npm run cluster:build`;
}

const reason = whyNot();
if (reason) {
  const required = process.env.PODSCOPE_REQUIRE_REAL === '1';
  process.stderr.write(`${required ? 'error' : 'note'}: real-server suites not run — ${reason}:\n`);
  for (const s of suites()) process.stderr.write(`  ${s}\n`);
  process.exit(required ? 1 : 0);
}
const child = spawn('npx', ['vitest', 'run', '--config', 'vitest.real.config.ts', ...process.argv.slice(2)], {
  cwd: REPO,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
