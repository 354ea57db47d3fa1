/**
 * What a user sees when the API server throttles the dashboard: the header says `throttled by the API server,
 * retrying in Ns` (not a failure), the rows stay on screen, and the dashboard is live again once the server
 * lets it back in — the whole App against the demo cluster, the 429s being API priority and fairness's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness;

beforeAll(async () => {
  h = await startApp({ namespace: 'default' });
});
afterAll(async () => {
  await h?.close();
});

describe('the dashboard when the API server throttles it', () => {
  it('says so in the header, keeps its rows, and is live again after Retry-After', async () => {
    // The pods by name: their status and metrics columns move on meanwhile, as the simulated kubelet works.
    const names = (): string[] => h.rows().map((r) => r.split(/\s+/)[0]!);
    const rows = names();
    expect(rows.length).toBeGreaterThan(0);
    h.t.demo.faults.inject(
      { path: /^\/api\/v1\/namespaces\/default\/pods$/, watch: true },
      { kind: 'too-many-requests', retryAfterSeconds: 3 },
      1,
    );
    h.t.demo.dropWatches();
    const screen = await h.waitForScreen(
      (s) => /throttled by the API server, retrying in [34]s/.test(s),
      'the throttled line',
    );
    expect(screen).not.toMatch(/reconnecting|✖/);
    expect(names()).toEqual(rows);
    await h.waitForScreen((s) => s.includes('● live'), 'live again', 15_000);
    expect(names()).toEqual(rows);
  }, 30_000);
});
