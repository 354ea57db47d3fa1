/**
 * The pods list's recovery from a cut it cannot resume (the watch dropped and the history compacted past it: 410
 * Gone): the rows stay on screen while it lists again, the header says it is resyncing, and the list converges
 * with what changed during the cut.
 */
import { afterEach, it } from 'vitest';
import { startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('keeps the rows while it relists after 410 Gone, says it is resyncing, and converges', async () => {
  // Enough pods that the relist lasts a few frames.
  h = await startApp({ width: 200, pods: 1000 });
  const { demo, core } = h.t;
  await h.waitForScreen((x) => x.includes('● live'), 'live');
  const rowsBefore = h.rows().length;

  // In one turn of the event loop, so that no watch sees it: cut the watches, delete a pod, create one, and
  // compact the history past the list's version. Only a relist can notice.
  demo.dropWatches();
  demo.cluster.removePod('default', 'kiada');
  demo.cluster.store.compact();
  const created = core.createNamespacedPod({
    namespace: 'default',
    body: { metadata: { name: 'during-cut' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
  });

  await h.waitForScreen(
    (x) => x.includes('⟳ resyncing: listed') && h!.rows().length === rowsBefore,
    'the header saying it resyncs, over the rows kept',
  );
  await created;
  await h.waitForScreen((x) => x.includes('● live'), 'live again', 20_000);
  await h.press('/', 'd', 'u', 'r', 'i', 'n', 'g');
  await h.waitForScreen(
    () => h!.rows().some((r) => r.includes('during-cut')),
    'the pod created during the cut',
  );
  await h.press('\x1b', '/', 'k', 'i', 'a', 'd', 'a');
  await h.waitForScreen((x) => x.includes('(0 shown)'), 'the deleted pod gone');
}, 60_000);
