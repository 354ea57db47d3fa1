/** WATCH: events in order from a list's version, bookmarks and the initial-events-end bookmark, 410 for old versions. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import type { WatchEvent } from '../watchStream.js';
import { at, rvOrder, statusView } from '../views.js';

const rvOf = (o: unknown): string | undefined => at(o, 'metadata.resourceVersion') as string | undefined;
const types = (events: readonly WatchEvent[]): string[] => events.map((e) => e.type);

export const watchFromList: Scenario = {
  name: 'watch-from-list',
  about: 'a watch from a list version sees ADDED, MODIFIED, DELETED in order, with increasing versions',
  async run(s) {
    const path = podsPath(s.ns);
    const list = await s.send({ path });
    const rv = rvOf(list.json)!;
    const w = await s.watch(`${path}?watch=true&resourceVersion=${rv}`);
    s.note('watch status', w.status);
    await s.send({ method: 'POST', path, body: podManifest('w-1', { nodeName: 'diff-nowhere' }) });
    await s.send({
      method: 'PATCH',
      path: podsPath(s.ns, 'w-1'),
      body: { metadata: { labels: { step: 'two' } } },
      contentType: 'application/merge-patch+json',
    });
    await s.send({ method: 'DELETE', path: `${podsPath(s.ns, 'w-1')}?gracePeriodSeconds=0` });
    await w.until((ev) => ev.some((e) => e.type === 'DELETED'), 10_000);
    s.note('event types', types(w.events));
    s.note('event versions after the list version', rvOrder([rv, ...w.events.map((e) => rvOf(e.object))]));
    s.note(
      'events',
      w.events.map((e) => ({
        type: e.type,
        kind: at(e.object, 'kind') ?? null,
        name: at(e.object, 'metadata.name') ?? null,
        labels: at(e.object, 'metadata.labels') ?? null,
      })),
    );
    // A second watch from the same version replays the same history.
    const again = await s.watch(`${path}?watch=true&resourceVersion=${rv}`);
    await again.until((ev) => ev.length >= w.events.length, 5_000);
    s.note('replayed event types', types(again.events));
  },
};

export const watchInitialEvents: Scenario = {
  name: 'watch-initial-events',
  about: 'sendInitialEvents=true with bookmarks: ADDED for what exists, then the initial-events-end bookmark',
  async run(s) {
    const path = podsPath(s.ns);
    for (const n of ['i-1', 'i-2'])
      await s.send({ method: 'POST', path, body: podManifest(n, { nodeName: 'diff-nowhere' }) });
    const w = await s.watch(
      `${path}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
    );
    s.note('watch status', w.status);
    await w.until((ev) => ev.some((e) => e.type === 'BOOKMARK'), 10_000);
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    s.note('event types up to the bookmark', types(w.events.slice(0, w.events.indexOf(bookmark!) + 1)));
    s.note('bookmark object', bookmark?.object ?? null);
    const upTo = w.events.slice(0, w.events.indexOf(bookmark!) + 1).map((e) => rvOf(e.object));
    s.note(
      'bookmark version not older than the last ADDED',
      rvOrder(upTo.slice(-2)).map((o) => o !== '>'),
    );
    // A plain watch (no resourceVersion) with bookmarks is made a watch-list by the defaults: the same bookmark.
    const plain = await s.watch(`${path}?watch=true&allowWatchBookmarks=true`);
    await plain.until((ev) => ev.some((e) => e.type === 'BOOKMARK'), 5_000);
    s.note('plain watch with bookmarks', types(plain.events));
    const noBookmarks = await s.watch(`${path}?watch=true`);
    await noBookmarks.until((ev) => ev.length >= 3, 2_000);
    s.note('plain watch without bookmarks', types(noBookmarks.events));
    // The request checks: sendInitialEvents needs resourceVersionMatch=NotOlderThan, and bookmarks.
    await s.req(
      'sendInitialEvents without resourceVersionMatch',
      { path: `${path}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true` },
      statusView,
    );
    await s.req(
      'sendInitialEvents without bookmarks',
      { path: `${path}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan` },
      statusView,
    );
    await s.req(
      'sendInitialEvents on a list',
      { path: `${path}?sendInitialEvents=true&resourceVersionMatch=NotOlderThan` },
      statusView,
    );
    await s.req(
      'resourceVersionMatch=Exact on a watch',
      { path: `${path}?watch=true&resourceVersion=1&resourceVersionMatch=Exact` },
      statusView,
    );
  },
};

export const watchTooOld: Scenario = {
  name: 'watch-too-old',
  about:
    'a watch from resourceVersion 1 once the watch cache has dropped old events: 200, one ERROR event (410 Expired), end of stream',
  async run(s) {
    const path = podsPath(s.ns);
    // Unscheduled (a scheduler nobody runs): the pod garbage collector deletes pods bound to a node that does not
    // exist after 40 s, and this one must take writes for longer.
    const churn = podManifest('churn') as { spec: Record<string, unknown> };
    await s.send({
      method: 'POST',
      path,
      body: { ...churn, spec: { ...churn.spec, schedulerName: 'diff-nobody' } },
    });
    // The real watch cache keeps every event until it is full and its oldest event is older than 75 s
    // (watch_cache.go resizeCacheLocked); only then does version 1 fall out of its window. So: write, and try again,
    // until the watch says so. The demo's history starts past version 1, so it says so at once.
    const deadline = Date.now() + 200_000;
    let n = 0;
    for (;;) {
      const w = await s.watch(`${path}?watch=true&resourceVersion=1`);
      await w.until((ev) => ev.length > 0, 1_500);
      if (w.events[0]?.type === 'ERROR' || Date.now() > deadline) {
        s.note('http status', w.status);
        s.note(
          'events',
          w.events.map((e) => ({
            type: e.type,
            object:
              e.type === 'ERROR'
                ? { ...e.object, message: String(e.object['message']).replace(/\d+/g, 'N') }
                : null,
          })),
        );
        const ended = await Promise.race([
          w.ended.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 3_000)),
        ]);
        s.note('the server ends the stream', ended);
        return;
      }
      w.stop();
      // 300 label changes, 10 at a time.
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < 30; i++) {
            await s.send({
              method: 'PATCH',
              path: podsPath(s.ns, 'churn'),
              body: { metadata: { labels: { n: String(n++) } } },
              contentType: 'application/merge-patch+json',
            });
          }
        }),
      );
    }
  },
};

export const watchSelector: Scenario = {
  name: 'watch-selector',
  about:
    'a watch with a label selector: an object entering it is ADDED, leaving it DELETED; timeoutSeconds ends the stream',
  async run(s) {
    const path = podsPath(s.ns);
    const w = await s.watch(`${path}?watch=true&labelSelector=tier%3Dweb`);
    const label = (tier: string) =>
      s.send({
        method: 'PATCH',
        path: podsPath(s.ns, 'sel'),
        body: { metadata: { labels: { tier } } },
        contentType: 'application/merge-patch+json',
      });
    await s.send({
      method: 'POST',
      path,
      body: podManifest('sel', { nodeName: 'diff-nowhere', labels: { tier: 'web' } }),
    });
    await label('db');
    await label('web');
    await s.send({ method: 'DELETE', path: `${podsPath(s.ns, 'sel')}?gracePeriodSeconds=0` });
    await w.until((ev) => ev.filter((e) => e.type === 'DELETED').length >= 2, 10_000);
    s.note(
      'events',
      w.events.map((e) => [e.type, at(e.object, 'metadata.labels.tier') ?? null]),
    );
    const t0 = Date.now();
    const timed = await s.watch(`${path}?watch=true&timeoutSeconds=1`);
    await Promise.race([timed.ended, new Promise((r) => setTimeout(r, 5_000))]);
    s.note('timeoutSeconds=1 ends the stream within 3 s', Date.now() - t0 < 3_000);
    await s.req(
      'watch with timeoutSeconds=abc',
      { path: `${path}?watch=true&timeoutSeconds=abc` },
      statusView,
    );
  },
};

export const WATCH_SCENARIOS = [watchSelector, watchFromList, watchInitialEvents, watchTooOld];
