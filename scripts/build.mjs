// `npm run build`: tsc into dist/, then rolldown bundles the CLI into dist/bundle/ (rolldown.config.mjs), then
// dist/.build-stamp is stamped with the time the build started.
// `node scripts/build.mjs --if-stale` (npm run demo, prepare) builds only when a source file, a build
// configuration or the installed dependencies are newer than that stamp, so a second `npm run demo` starts at once.
// Modification times of files and of directories (an added or deleted file counts), not a hash of contents: an
// edit that is undone still rebuilds, which costs one build and never runs stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const STAMP = join(root, 'dist', '.build-stamp');
const INPUTS = [
  'src',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'rolldown.config.mjs',
  'node_modules/.package-lock.json',
];

/** The newest modification time (ms) under `path`, directories included. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** Why the build is out of date, or undefined when it is not. */
function staleness() {
  if (!existsSync(STAMP) || !existsSync(join(root, 'dist', 'bundle', 'podscope.js'))) return 'no build yet';
  const built = statSync(STAMP).mtimeMs;
  const changed = INPUTS.find((p) => newest(join(root, p)) > built);
  return changed && `${changed} changed since the last build`;
}

/** Runs a tool from node_modules/.bin; exits as it failed. */
function run(command, args, stdout) {
  const env = {
    ...process.env,
    PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
  };
  const r = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', stdout, 'inherit'] });
  if (r.error) {
    process.stderr.write(`podscope build: ${command}: ${r.error.message}\n`);
    process.exit(1);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv.includes('--if-stale')) {
  const why = staleness();
  if (!why) process.exit(0);
  process.stderr.write(`podscope: building (${why}), about 15 s\n`);
}
const started = Date.now();
run('tsc', ['-p', 'tsconfig.build.json'], 'inherit');
run('rolldown', ['-c', 'rolldown.config.mjs', '--logLevel', 'warn'], 'ignore');
writeFileSync(STAMP, `built from the sources as of ${new Date(started).toISOString()}\n`);
// Stamped with the start: a file saved while the build ran is newer, and the next --if-stale builds again.
utimesSync(STAMP, started / 1000, started / 1000);
