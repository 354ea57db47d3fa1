#!/usr/bin/env node
// Benchmark of the pod table (issue: windowed table): the cost of one frame of <PodTable> when only the selection
// moves, with 10,000 rows and a 50-row window, against the same with 100 rows (the frame should not care), plus the
// domain work behind a flush (rows, sort, filter) at 10,000 pods. Prints numbers; asserts nothing.
// Run: npm run build && node test/bench/table.mjs [--pods N] [--height H] [--frames F]
// PODSCOPE_DIST=dir points it at another build of src/ (default: dist/).
process.env.NODE_ENV ??= 'production';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const PODS = opt('pods', 10000);
const HEIGHT = opt('height', 50);
const FRAMES = opt('frames', 300);
const dist = new URL(process.env.PODSCOPE_DIST ? `file://${process.env.PODSCOPE_DIST}/` : '../../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

const { createElement } = await import('react');
const { render } = await import('ink-testing-library');
const { columnsFor } = await load('domain/columns.js');
const { podRows } = await load('domain/podRow.js');
const { sortRows } = await load('domain/sort.js');
const { filterRows, parseFilter } = await load('domain/filter.js');
const { moveSelection, selectAfterChange } = await load('domain/viewport.js');
const { PodTable } = await load('ui/components/PodTable.js');
const { podTableLayout } = await load('ui/components/podTableLayout.js');

const NOW = Date.parse('2025-03-14T12:00:00Z');
const STATES = [
  { phase: 'Running', ready: true, state: { running: {} } },
  { phase: 'Running', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
  { phase: 'Pending', ready: false, state: { waiting: { reason: 'ContainerCreating' } } },
  { phase: 'Running', ready: true, state: { running: {} } },
];

function makePod(i, version = 0) {
  const s = STATES[i % STATES.length];
  const restarts = i % 7 === 0 ? (i % 13) + version : 0;
  return {
    metadata: {
      namespace: `team-${String(i % 40).padStart(2, '0')}`,
      name: `app-${i % 97}-${(i * 2654435761 >>> 0).toString(36).slice(0, 5)}-${i}`,
      creationTimestamp: new Date(NOW - (i % 5000) * 60_000).toISOString(),
      labels: { app: `app-${i % 97}`, tier: i % 3 ? 'web' : 'db' },
    },
    spec: { nodeName: `demo-worker${i % 3 || ''}`, containers: [{ name: 'main' }] },
    status: {
      phase: s.phase,
      podIP: `10.244.${i % 250}.${i % 200}`,
      conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'main',
          ready: s.ready,
          restartCount: restarts,
          state: s.state,
          lastState: restarts ? { terminated: { finishedAt: new Date(NOW - 200_000).toISOString() } } : {},
        },
      ],
    },
  };
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
}

function time(fn) {
  const t0 = performance.now();
  const result = fn();
  return [performance.now() - t0, result];
}

function timeN(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(time(fn)[0]);
  return stats(samples);
}

const columns = columnsFor({ allNamespaces: true, metrics: false, wide: false });

/** Renders a table of `count` rows and moves the selection `frames` times with `move`; returns per-frame times. */
function frames(count, move, n) {
  const rows = sortRows(podRows(Array.from({ length: count }, (_, i) => makePod(i))));
  let view = { index: 0, offset: 0 };
  const element = () => {
    const layout = podTableLayout({ rows, offset: view.offset, height: HEIGHT, width: 100, columns, now: NOW });
    return createElement(PodTable, {
      rows,
      offset: view.offset,
      height: HEIGHT,
      selectedKey: rows[view.index].key,
      layout,
      marked: new Set(),
      now: NOW,
      stale: false,
      sort: undefined,
      focusedColumn: undefined,
    });
  };
  const app = render(element());
  // ink-testing-library's stdout has no `rows`, so Ink would run `tput` (a child process) on every frame to ask
  // the terminal; a real TTY has rows, so give it some and measure what a terminal would see.
  Object.defineProperty(app.stdout, 'rows', { value: HEIGHT + 10 });
  const samples = [];
  for (let i = 0; i < n; i++) {
    view = moveSelection(view, move(i), rows.length, HEIGHT);
    samples.push(time(() => app.rerender(element()))[0]);
  }
  app.unmount();
  return samples;
}

console.log(`pod table, ${PODS} pods, window ${HEIGHT} rows, 100 columns, NODE_ENV=${process.env.NODE_ENV}`);
frames(PODS, () => 'down', 100); // warm-up: JIT and module caches
const inWindow = (i) => (Math.floor(i / (HEIGHT - 1)) % 2 ? 'up' : 'down');
console.log(`selection moves inside the window (${PODS} rows): ${stats(frames(PODS, inWindow, FRAMES))}`);
console.log(`selection moves inside the window (100 rows):    ${stats(frames(100, inWindow, FRAMES))}`);
console.log(`↓ through the list, scrolling (${PODS} rows):     ${stats(frames(PODS, () => 'down', FRAMES * 3))}`);
console.log(`PgDn through the list (${PODS} rows):             ${stats(frames(PODS, () => 'pageDown', Math.min(FRAMES, PODS / HEIGHT)))}`);

const pods = Array.from({ length: PODS }, (_, i) => makePod(i));
console.log(`\ndomain work at ${PODS} pods`);
const [build] = time(() => podRows(pods));
console.log(`podRows, first build:            ${build.toFixed(2)} ms`);
console.log(`podRows, flush with 1 pod changed: ${timeN(50, () => {
  pods[PODS >> 1] = makePod(PODS >> 1, Math.random());
  return podRows(pods);
})}`);
const rows = podRows(pods);
console.log(`sortRows by default order:        ${timeN(20, () => sortRows(rows, undefined))}`);
console.log(`sortRows by age:                  ${timeN(20, () => sortRows(rows, 'age', 'asc'))}`);
console.log(`sortRows by restarts desc:        ${timeN(20, () => sortRows(rows, 'restarts', 'desc'))}`);
const regex = parseFilter('crash|team-0[12]').filter;
console.log(`filterRows regex (first, builds haystacks): ${time(() => filterRows(rows, regex, columns))[0].toFixed(2)} ms`);
console.log(`filterRows regex:                 ${timeN(20, () => filterRows(rows, regex, columns))}`);
const invert = parseFilter('!running').filter;
console.log(`filterRows !regex:                ${timeN(20, () => filterRows(rows, invert, columns))}`);
const fuzzy = parseFilter('-f ap12').filter;
console.log(`filterRows fuzzy:                 ${timeN(20, () => filterRows(rows, fuzzy, columns))}`);
const labels = parseFilter('-l tier=db,app!=app-3').filter;
console.log(`filterRows labels:                ${timeN(20, () => filterRows(rows, labels, columns))}`);
const sorted = sortRows(rows, undefined);
const without = sorted.filter((_, i) => i !== PODS >> 1);
console.log(`selectAfterChange, selected pod deleted: ${timeN(20, () => selectAfterChange(sorted, without, sorted[PODS >> 1].key))}`);
