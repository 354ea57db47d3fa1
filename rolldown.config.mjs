// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/ for start-up: one file instead of ~1,600 modules
// (es-toolkit's barrel is tree-shaken) and production React only. bin/podscope.js loads it when it exists.
// client-node stays external: it is loaded from node_modules, and only when an action needs it.
import { defineConfig } from 'rolldown';

// Start-up (issue 17, launch → first rows): Node's undici (its fetch and HTTP client, ~70–90 ms to load and compile
// on this machine) is needed by nothing podscope does, yet two things loaded it at every start:
// - importing `node:http` as an ES module: Node builds the module's ES facade by reading every export, and
//   http.WebSocket, CloseEvent and MessageEvent are getters that load undici. Through `require` (a CommonJS
//   module's exports, no facade) nothing is read, so each import of node:http in the bundle gets the same object
//   that way.
// - yoga-layout (Ink's layout engine) loads its WebAssembly, a base64 data: URL, with fetch() whenever fetch
//   exists; its own synchronous decoder is used where fetch is missing, so the bundle's copy takes that path.
// Measured with `probeMark`s (src/terminal/benchProbe.ts): see the README's start-up notes.
const HTTP = '\0podscope:node-http';
const httpExports = Object.keys(process.getBuiltinModule('node:http')).filter(
  (name) => !['WebSocket', 'CloseEvent', 'MessageEvent'].includes(name),
);
const startWithoutUndici = {
  name: 'start-without-undici',
  resolveId(id) {
    return id === 'node:http' || id === 'http' ? HTTP : undefined;
  },
  load(id) {
    if (id !== HTTP) return undefined;
    return [
      "import { createRequire } from 'node:module';",
      "const http = createRequire(import.meta.url)('node:http');",
      'export default http;',
      `export const { ${httpExports.join(', ')} } = http;`,
    ].join('\n');
  },
  transform(code, id) {
    if (!/yoga-layout\/dist\/binaries\/yoga-wasm-base64-esm\.js$/.test(id)) return undefined;
    const checks = code.split('"function"!=typeof fetch').length - 1;
    // A new yoga-layout that loads differently must be looked at again, not silently left slow.
    if (checks !== 2) throw new Error(`yoga-layout: expected 2 fetch checks, found ${checks}`);
    return code.replaceAll('"function"!=typeof fetch', 'true');
  },
};

export default defineConfig({
  // forwardWorker: the port-forward worker thread (src/kube/portForward/workerRegistry.ts starts it from beside its
  // chunk, as ./forwardWorker.js).
  input: { podscope: 'dist/cli/main.js', forwardWorker: 'dist/kube/portForward/forwardWorker.js' },
  platform: 'node',
  plugins: [startWithoutUndici],
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
