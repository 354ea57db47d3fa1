#!/usr/bin/env node
// The executable: production React, the Node version check, a compile cache, then the compiled CLI.
import module from 'node:module';

process.env.NODE_ENV ??= 'production';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`podscope needs Node.js 22 or newer (this is ${process.version}).\n`);
  process.exit(1);
}
// Compiled module code is cached on disk (in the OS temp dir): about 20% off loading client-node, Ink and React
// on every start after the first.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
