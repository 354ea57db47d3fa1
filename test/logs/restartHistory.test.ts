/**
 * The restart history against the demo cluster (issue 16): the crash-looping `crasher` pod restarts while a
 * PodStore watches; the history fetches the previous instance's last lines once, at the restart, and they are
 * what `kubectl logs --previous --tail=200` prints at that moment (the demo's logs are deterministic per run).
 */
import { describe, expect, it } from 'vitest';
import { restartLine } from '../../src/domain/restarts.js';
import { PodStore } from '../../src/kube/podStore.js';
import { fetchPreviousLines } from '../../src/logs/previousLines.js';
import type { RestartRecord } from '../../src/logs/restartHistory.js';
import { RestartHistory } from '../../src/logs/restartHistory.js';
import { kubectlSuite } from '../support/kubectlSuite.js';
import { waitFor } from '../support/waitFor.js';

const suite = kubectlSuite();

/** Tabs to spaces at 8-column stops, as a terminal (and `expand`) shows them. */
function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
      return out;
    })
    .join('\n');
}

describe('restart history', () => {
  it("keeps the crasher's previous instance's last lines, equal to kubectl logs --previous", async () => {
    const { t, kubectl } = suite;
    let fetches = 0;
    const history = new RestartHistory(t.kc, {
      fetch: (kc, req) => {
        fetches++;
        return fetchPreviousLines(kc, req);
      },
    });
    const store = new PodStore(t.kc, { namespace: 'default', flushMs: 20 });
    const look = (): void => history.observe(store.getSnapshot().pods);
    const unsubscribe = store.subscribe(look);
    store.start();
    try {
      const kept = await waitFor(
        () =>
          history
            .forPod('default', 'crasher')
            .find((r): r is RestartRecord & { lines: { kind: 'lines' } } => r.lines.kind === 'lines'),
        'the crasher to restart and its previous lines to be kept',
        30_000,
      );
      const ref = await kubectl.run(['logs', 'crasher', '-n', 'default', '--previous', '--tail=200']);
      expect(ref.code).toBe(0);
      expect(kept.lines.lines.length).toBeGreaterThan(0);
      // A terminal shows kubectl's tabs as spaces to the next multiple of 8 columns; podscope's lines are as shown.
      expect(kept.lines.lines.join('\n') + '\n').toBe(expandTabs(ref.stdout));
      // The kubelet's word for the instance that ended: the crasher exits 1 (Error).
      expect(kept).toMatchObject({ container: 'crasher', exitCode: 1, reason: 'Error' });
      expect(restartLine(kept)).toMatch(/^\d\d:\d\d:\d\d {2}exit 1 {2}Error$/);
      // Looking again at the same pods (every flush does) fetches nothing more: one fetch per restart.
      for (let i = 0; i < 5; i++) {
        history.observe(new Map(store.getSnapshot().pods));
      }
      expect(fetches).toBe(history.getSnapshot().records.length);
    } finally {
      unsubscribe();
      store.stop();
      history.stop();
    }
  }, 40_000);
});
