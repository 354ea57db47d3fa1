#!/usr/bin/env node
// The executable: production React, the Node version check, V8 and malloc sized for a long-running dashboard,
// a compile cache, then the bundled CLI.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

process.env.NODE_ENV ??= 'production';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`podscope needs Node.js 22 or newer (this is ${process.version}).\n`);
  process.exit(1);
}

// Memory for a long-running dashboard, measured at 10,000 pods following 200 events/s (npm run bench:dashboard):
// - V8 grows the young generation to 2 × 64 MiB under the steady allocation (a frame every 50 ms while pods
//   change); 2 × 8 MiB is enough for one frame's garbage.
// - V8 lets the old generation grow to several times the live data between full collections (and the limit
//   keeps rising while pods change: 250 → 450 MiB in a minute); 20 % above the live data keeps it near 200 MiB
//   for a few % more CPU in the collector.
// - glibc gives each thread that mallocs its own arena (V8's collector threads, libuv's pool); one arena saves
//   about 15 MiB. Set only when not set already, and harmless where the C library is not glibc.
// V8 reads these at start, so the process replaces itself once (same pid, same terminal, about 30 ms) with them
// set. Where execve is missing (Windows) it runs as it is. PODSCOPE_NO_REEXEC=1 skips it.
// `podscope demo` is a server holding up to 100,000 objects, not a dashboard: it keeps V8's default old-space
// growth, and a 32 MiB young generation halves the collector's share of building them at start.
const V8_FLAGS =
  process.argv[2] === 'demo'
    ? ['--max-semi-space-size=32']
    : ['--max-semi-space-size=8', '--heap-growing-percent=20'];
const tuned = process.execArgv.some((a) => a.startsWith('--max-semi-space-size'));
if (!tuned && typeof process.execve === 'function' && process.env.PODSCOPE_NO_REEXEC !== '1') {
  const script = fileURLToPath(import.meta.url);
  process.execve(
    process.execPath,
    [process.execPath, ...V8_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)],
    { MALLOC_ARENA_MAX: '1', ...process.env },
  );
}

// Compiled module code is cached on disk (in the OS temp dir): about 20% off loading Ink and React on every
// start after the first.
module.enableCompileCache?.();
// `npm run build` bundles the CLI (rolldown.config.mjs): a few files instead of ~1,600 modules, production React
// only. Without the bundle (tsc alone, e.g. `tsc -p tsconfig.build.json --watch`) the compiled modules run as they are.
const bundle = new URL('../dist/bundle/podscope.js', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
