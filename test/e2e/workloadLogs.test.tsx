/**
 * A workload's logs end to end against the demo cluster, with the keys a user presses: `:logs deploy/web-app`
 * shows lines of all three replicas, each prefixed with its pod's short name and container, with the per-pod line
 * counts above (and per-pod match counts while filtering); `L` on a replica opens the same; bad input is one
 * flashed line in kubectl's words and opens nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The distinct pods whose lines are on screen, by their prefix `[7d9f-x2kq9/nginx]`. */
function prefixedPods(screen: string): Set<string> {
  return new Set([...screen.matchAll(/\[([a-z0-9]{4}-[a-z0-9]{5})\/(?:nginx|web-app)\]/g)].map((m) => m[1]!));
}

/** The per-pod counts row: `3 pods · 6/50 streams · selector app=web-app · 7d9f-x2kq9 120 · …`. */
const podsRow = (screen: string): string | undefined =>
  screen.split('\n').find((l) => /\d+ pods · \d+\/50 streams · selector app=web-app/.test(l));

describe('workload logs', () => {
  it(
    ':logs deploy/web-app merges all three replicas with prefixes and per-pod counts',
    { timeout: 60_000 },
    async () => {
      h = await startApp({ namespace: 'frontend', width: 220, height: 40 });
      await h.press(':', ...'logs deploy/web-app', KEY.enter);
      const screen = await h.waitForScreen(
        (x) =>
          x.includes('Logs frontend/deploy/web-app › all pods, merged') &&
          prefixedPods(x).size === 3 &&
          [...prefixedPods(x)].every((pod) => podsRow(x)?.includes(pod)),
        'lines of the three replicas',
        30_000,
      );
      const row = podsRow(screen)!;
      expect(row).toMatch(/^3 pods · 6\/50 streams · selector app=web-app/);
      for (const pod of prefixedPods(screen)) expect(row).toMatch(new RegExp(`${pod} [1-9][\\d,]*`));
      // The filter counts matches per pod.
      await h.press('&', ...'GET', KEY.enter);
      await h.waitForScreen((x) => / &[1-9]\d*/.test(podsRow(x) ?? ''), 'per-pod match counts');
    },
  );

  it('L on a replica follows every pod of its Deployment', { timeout: 60_000 }, async () => {
    h = await startApp({ namespace: 'frontend', width: 220, height: 30 });
    await selectPod(h, 'web-app-', true);
    await h.press('L');
    await h.waitForScreen(
      (x) => x.includes('Logs frontend/deploy/web-app') && prefixedPods(x).size >= 2,
      'the Deployment’s pods',
      30_000,
    );
  });

  it('says what is wrong with an unknown workload, an unknown kind and a malformed selector', async () => {
    h = await startApp({ namespace: 'frontend', width: 220 });
    await h.press(':', ...'logs deploy/nope', KEY.enter);
    await h.waitForScreen(
      (x) =>
        x.includes('error from server (NotFound): deployments.apps "nope" not found in namespace "frontend"'),
      'the NotFound line',
    );
    await h.press(':', ...'logs foo/bar', KEY.enter);
    await h.waitForScreen(
      (x) => x.includes('the server doesn\'t have a resource type "foo"'),
      'the unknown type',
    );
    await h.press(':', ...'logs -l a b', KEY.enter);
    await h.waitForScreen(
      (x) => x.includes("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
      'the selector refused',
    );
    expect(h.screen()).not.toContain('Logs frontend/');
  });
});
