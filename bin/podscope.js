#!/usr/bin/env node
// The executable: production React, the Node version check, a young generation sized for a long-running
// dashboard, a compile cache, then the compiled CLI.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

process.env.NODE_ENV ??= 'production';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`podscope needs Node.js 22 or newer (this is ${process.version}).\n`);
  process.exit(1);
}

// V8 grows the young generation to 2 × 64 MiB under the dashboard's steady allocation (a frame every 50 ms while
// pods change); capped at 2 × 16 MiB the RSS at 10,000 pods drops by about 90 MiB for a few % more time in
// scavenges. The size can only be set when V8 starts, so the process replaces itself once (same pid, same
// terminal, about 30 ms) with the flag set. Where execve is missing (Windows) it runs as it is.
const YOUNG = '--max-semi-space-size=16';
const tuned = process.execArgv.some((a) => a.startsWith('--max-semi-space-size'));
if (!tuned && typeof process.execve === 'function' && process.env.PODSCOPE_NO_REEXEC !== '1') {
  const script = fileURLToPath(import.meta.url);
  process.execve(process.execPath, [
    process.execPath,
    YOUNG,
    ...process.execArgv,
    script,
    ...process.argv.slice(2),
  ]);
}

// Compiled module code is cached on disk (in the OS temp dir): about 20% off loading Ink and React on every
// start after the first.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
