/**
 * The whole dashboard rendered with ink-testing-library against an in-process demo cluster (or the real control
 * plane): real HTTPS, real watches, real keys written to stdin, and the frame a user would see.
 */
import { stripVTControlCharacters } from 'node:util';
import type { KubeConfig } from '@kubernetes/client-node';
import { render } from 'ink-testing-library';
import type { DemoServerOptions } from '../../src/demo/server.js';
import { App } from '../../src/ui/App.js';
import { makeSession } from '../../src/ui/session.js';
import { startTestCluster, type TestCluster } from './demoCluster.js';
import { waitFor } from './waitFor.js';

/** The dashboard on some cluster, as a user sees and drives it. */
export interface DashboardHarness {
  screen(): string;
  /** Lines of the table body (below the column header), trimmed. */
  rows(): string[];
  press(...keys: string[]): Promise<void>;
  waitForScreen(check: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Everything written to the terminal so far, write by write (frames, and the bell or OSC 52 between them). */
  written(): readonly string[];
  close(): Promise<void>;
}

/** The dashboard on an in-process demo cluster. */
export interface AppHarness extends DashboardHarness {
  t: TestCluster;
}

export interface RenderOptions {
  namespace?: string;
  width?: number;
  height?: number;
  readonly?: boolean;
  /** Wait for a live list with a row selected before returning (the default); false: only for the first frame. */
  untilRows?: boolean;
  /** Ring the bell with alerts (the default), or not (`--no-bell`). */
  bell?: boolean;
}

export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  enter: '\r',
  escape: '\x1b',
  pageDown: '\x1b[6~',
  backspace: '\x7f',
} as const;

export async function startApp(opts: DemoServerOptions & RenderOptions = {}): Promise<AppHarness> {
  const t = await startTestCluster(opts);
  const h = await renderApp(t.kc, opts);
  return {
    ...h,
    t,
    close: async () => {
      await h.close();
      await t.demo.close();
    },
  };
}

/** The dashboard on the cluster of `kc` (the demo's, or the real control plane's), live with a row selected. */
export async function renderApp(kc: KubeConfig, opts: RenderOptions = {}): Promise<DashboardHarness> {
  const app = render(
    <App
      session={makeSession(kc)}
      namespace={opts.namespace}
      labelSelector={undefined}
      readonly={opts.readonly ?? false}
      metricsIntervalMs={1000}
      bell={opts.bell}
    />,
  );
  // The test stdout has 100 columns and no rows: give it a terminal size, as a TTY has.
  Object.defineProperty(app.stdout, 'columns', { value: opts.width ?? 140, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { value: opts.height ?? 40, configurable: true });
  app.stdout.emit('resize');
  // Colours are not what these tests look at: the text a user reads is.
  const screen = (): string => stripVTControlCharacters(app.lastFrame() ?? '');
  const h: DashboardHarness = {
    screen,
    rows: () => {
      const lines = screen().split('\n');
      const head = lines.findIndex((l) => /\bNAME\b/.test(l) && /\bSTATUS\b/.test(l));
      return head < 0
        ? []
        : lines
            // Below the column header, above the input/flash line and the hint bar.
            .slice(head + 1, -2)
            .filter((l) => l.trim() !== '')
            // The gutter holds the selection and mark signs; the row starts after it.
            .map((l) => l.slice(3).trim());
    },
    press: async (...keys) => {
      for (const k of keys) {
        app.stdin.write(k);
        // Let Ink's input handling and React's commit run between keys, as a typing human would.
        await new Promise((r) => setImmediate(r));
      }
    },
    waitForScreen: (check, what, timeoutMs = 10_000) =>
      waitFor(() => (check(screen()) ? screen() : undefined), what, timeoutMs).catch((e: unknown) => {
        throw new Error(`${(e as Error).message}\n--- screen ---\n${screen()}`);
      }),
    written: () => app.stdout.frames,
    close: async () => {
      app.unmount();
    },
  };
  if (opts.untilRows === false) return h;
  // Live, with a row selected (the selection is set by an effect after the first rows): keys act on it.
  await h.waitForScreen(
    (s) => s.includes('● live') && h.rows().length > 0 && selectedRow(s) !== undefined,
    'the dashboard to be live, a row selected',
  );
  return h;
}

/** The names of the rows marked with Space (● in the gutter's second column). */
export function markedRows(screen: string): string[] {
  return screen
    .split('\n')
    .filter((l) => l[1] === '●')
    .map((l) => l.slice(3).trim().split(/\s+/)[0]!);
}

/** The selected row (the one with the › marker). */
export function selectedRow(screen: string): string | undefined {
  return screen
    .split('\n')
    .find((l) => l.startsWith('›'))
    ?.slice(1)
    .trim();
}

/**
 * Filters the list to `name` (one-namespace view) and waits until that pod is selected — and Running, when asked
 * (actions like port-forward and delete's Terminating need a pod that has started).
 */
export async function selectPod(app: DashboardHarness, name: string, running = false): Promise<void> {
  // The filter opens with the current one in it: Ctrl-U clears it first.
  await app.press('/', '\x15', ...name, KEY.enter);
  await app.waitForScreen(
    (x) => {
      const row = selectedRow(x) ?? '';
      return row.startsWith(name) && (!running || /\sRunning\s/.test(row));
    },
    `${name} selected${running ? ' and running' : ''}`,
  );
}
