#!/usr/bin/env node
// The executable: production React, the Node version check, then the compiled CLI. Nothing else lives here.
process.env.NODE_ENV ??= 'production';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`podscope needs Node.js 22 or newer (this is ${process.version}).\n`);
  process.exit(1);
}
await import('../dist/cli/main.js');
