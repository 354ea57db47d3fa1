// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/ for start-up: one file instead of ~1,600 modules
// (es-toolkit's barrel is tree-shaken) and production React only. bin/podscope.js loads it when it exists.
// client-node stays external: it is loaded from node_modules, and only when an action needs it.
import { defineConfig } from 'rolldown';

export default defineConfig({
  // forwardWorker: the port-forward worker thread (src/kube/portForward/workerRegistry.ts starts it from beside its
  // chunk, as ./forwardWorker.js).
  input: { podscope: 'dist/cli/main.js', forwardWorker: 'dist/kube/portForward/forwardWorker.js' },
  platform: 'node',
  // react-devtools-core: Ink imports it only with DEV=true, and it is not installed.
  external: [/^@kubernetes\/client-node(\/|$)/, 'react-devtools-core'],
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    cleanDir: true,
  },
});
