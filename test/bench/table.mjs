#!/usr/bin/env node
// Benchmark of the pod table: the cost of one frame of <PodTable> (layout + React commit + Ink's frame) when the
// selection moves through 10,000 rows in a 50-row window, against the same with 100 rows (the frame should not
// care how long the list is), a clock tick, and the domain work behind a flush (rows, sort, filter) at 10,000 pods.
// Prints numbers; asserts nothing.
// Run: npm run build && node test/bench/table.mjs [--pods N] [--height H] [--frames F]
// PODSCOPE_DIST=dir points it at another build of src/ (default: dist/).
process.env.NODE_ENV ??= 'production';
// Colour on, as in a terminal: the escape codes are part of what Ink tokenizes every frame.
process.env.FORCE_COLOR ??= '1';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const PODS = opt('pods', 10000);
const HEIGHT = opt('height', 50);
const FRAMES = opt('frames', 300);
const WIDTH = 100; // ink-testing-library's stdout
const dist = process.env.PODSCOPE_DIST
  ? new URL(`file://${process.env.PODSCOPE_DIST}/`)
  : new URL('../../dist/', import.meta.url);
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
const { PodRowMemory, SearchTextMemory } = await load('ui/rowMemory.js');

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
      name: `app-${i % 97}-${((i * 2654435761) >>> 0).toString(36).slice(0, 5)}-${i}`,
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
  fn();
  return performance.now() - t0;
}

function timeN(n, fn) {
  return stats(Array.from({ length: n }, () => time(fn)));
}

const report = (label, value) => console.log(`${label.padEnd(52)} ${value}`);

const columns = columnsFor({ allNamespaces: true, metrics: false, wide: false });

/**
 * Renders a table of `count` rows, then `n` frames each after `move(i)`: a selection move, or null for a clock tick
 * of one second. Returns the frame times.
 */
function frames(count, move, n) {
  const rows = sortRows(podRows(Array.from({ length: count }, (_, i) => makePod(i))));
  let view = { index: 0, offset: 0 };
  let now = NOW;
  const element = () => {
    const layout = podTableLayout({ rows, offset: view.offset, height: HEIGHT, width: WIDTH, columns, now });
    return createElement(PodTable, {
      rows,
      offset: view.offset,
      height: HEIGHT,
      selectedKey: rows[view.index].key,
      layout,
      marked: new Set(),
      now,
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
    const step = move(i);
    if (step) view = moveSelection(view, step, rows.length, HEIGHT);
    else now += 1000;
    samples.push(time(() => app.rerender(element())));
  }
  const lines = app.lastFrame().split('\n').length;
  if (lines !== Math.min(count, HEIGHT) + 1)
    throw new Error(`expected a header and rows, got ${lines} lines`);
  app.unmount();
  return samples;
}

console.log(
  `pod table: window ${HEIGHT} rows, ${WIDTH} columns, NODE_ENV=${process.env.NODE_ENV}, node ${process.version}`,
);
frames(PODS, () => 'down', 100); // warm-up: JIT and module caches
const inWindow = (i) => (Math.floor(i / (HEIGHT - 1)) % 2 ? 'up' : 'down');
report(`selection moves inside the window, ${PODS} rows`, stats(frames(PODS, inWindow, FRAMES)));
report('selection moves inside the window, 100 rows', stats(frames(100, inWindow, FRAMES)));
report(`↓ through the list, scrolling, ${PODS} rows`, stats(frames(PODS, () => 'down', FRAMES * 3)));
report(
  `PgDn through the list, ${PODS} rows`,
  stats(frames(PODS, () => 'pageDown', Math.min(FRAMES, PODS / HEIGHT))),
);
report(`clock tick (1 s), ${PODS} rows`, stats(frames(PODS, () => null, FRAMES)));

const pods = Array.from({ length: PODS }, (_, i) => makePod(i));
// The dashboard's memories: rows by pod object (and interned cells), each row's searched text.
const memory = new PodRowMemory();
const searchTexts = new SearchTextMemory();
console.log(`\ndomain work at ${PODS} pods`);
report('podRows, first build', `${time(() => podRows(pods, undefined, memory)).toFixed(2)} ms`);
report(
  'podRows, flush with 1 pod changed',
  timeN(50, () => {
    pods[PODS >> 1] = makePod(PODS >> 1, Math.random());
    podRows(pods, undefined, memory);
  }),
);
const rows = podRows(pods, undefined, memory);
report(
  'sortRows, default order',
  timeN(20, () => sortRows(rows, undefined)),
);
report(
  'sortRows by age',
  timeN(20, () => sortRows(rows, 'age', 'asc')),
);
report(
  'sortRows by restarts, descending',
  timeN(20, () => sortRows(rows, 'restarts', 'desc')),
);
const filter = (text) => parseFilter(text).filter;
const regex = filter('crash|team-0[12]');
report(
  'filterRows regex, first (builds haystacks)',
  `${time(() => filterRows(rows, regex, columns, searchTexts)).toFixed(2)} ms`,
);
report(
  'filterRows regex',
  timeN(20, () => filterRows(rows, regex, columns, searchTexts)),
);
report(
  'filterRows !regex',
  timeN(20, () => filterRows(rows, filter('!running'), columns, searchTexts)),
);
report(
  'filterRows -f fuzzy',
  timeN(20, () => filterRows(rows, filter('-f ap12'), columns)),
);
report(
  'filterRows -l labels',
  timeN(20, () => filterRows(rows, filter('-l tier=db,app!=app-3'), columns)),
);
const sorted = sortRows(rows, undefined);
const without = sorted.filter((_, i) => i !== PODS >> 1);
report(
  'selectAfterChange, selected pod deleted',
  timeN(20, () => selectAfterChange(sorted, without, sorted[PODS >> 1].key)),
);
