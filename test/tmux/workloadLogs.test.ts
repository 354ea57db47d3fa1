/**
 * A workload's logs on the real binary in a real terminal (tmux), the pods changed by kubectl: `:logs
 * deploy/web-app` shows lines of every web-app pod kubectl lists, each with its prefix; `kubectl scale` up makes the
 * new pod join with its marker and its lines follow; `kubectl delete pod` makes that pod leave with its marker; `/`
 * shows per-pod match counts; q gives the terminal back as it was. Needs `npm run build` (bin/ runs dist/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { shortPodName } from '../../src/domain/workloadLogs.js';
import { runningWebApp } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { Kubectl } from '../support/kubectl.js';
import { requireTmux } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';

const ROWS = 40;

const startDashboard = demoDashboards();

beforeAll(requireTmux);

/** The pods' prefixes on screen (`[7d9f-x2kq9/nginx]`): the short names, once each. */
function prefixes(screen: string): Set<string> {
  return new Set([...screen.matchAll(/\[([a-z0-9]{4}-[a-z0-9]{5})\/(?:nginx|web-app)\]/g)].map((m) => m[1]!));
}

/** The row of pods above the lines: `3 pods · 6/50 streams · selector app=web-app · 7d9f-x2kq9 120 · …`. */
function podsRow(screen: string): string {
  return screen.split('\n').find((l) => /\d+ pods · \d+\/50 streams · selector app=web-app/.test(l)) ?? '';
}

describe('a workload’s logs in a real terminal', () => {
  it(
    'follows web-app as kubectl scales it and deletes a pod; / counts matches per pod; q restores',
    { timeout: 180_000 },
    async () => {
      const { session: t, cluster } = await startDashboard({
        cols: 200,
        rows: ROWS,
        args: ['-n', 'frontend'],
        prepare: async (c) => void (await runningWebApp(c)),
      });
      const k = new Kubectl(cluster.demo);
      /** The web-app pods kubectl lists, not terminating, by name. */
      const pods = async (): Promise<string[]> => {
        const out = await k.run(['get', 'pods', '-n', 'frontend', '-l', 'app=web-app', '-o', 'json']);
        const list = JSON.parse(out.stdout) as {
          items: { metadata: { name: string; deletionTimestamp?: string } }[];
        };
        return list.items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
      };
      const short = (pod: string): string => shortPodName(pod, 'web-app');

      const before = await waitFor(async () => {
        const names = await pods();
        return names.length === 3 ? names : undefined;
      }, 'three web-app pods for kubectl');

      await t.sendText(':logs deploy/web-app');
      await t.sendKeys('Enter');
      // Lines of every pod kubectl lists, each under its own prefix, and each listed with its line count.
      const first = await t.waitForText(
        (s) =>
          s.includes('Logs frontend/deploy/web-app') &&
          before.every((p) => prefixes(s).has(short(p)) && new RegExp(`${short(p)} [1-9]`).test(podsRow(s))),
        30_000,
      );
      expect(podsRow(first)).toMatch(/^3 pods · 6\/50 streams · selector app=web-app/);
      expect([...prefixes(first)].sort()).toEqual(before.map(short).sort());

      // Scaled up by kubectl: the new pod joins with its marker, and its lines follow under its prefix.
      await k.run(['scale', 'deploy/web-app', '-n', 'frontend', '--replicas=4']);
      const added = await waitFor(async () => {
        const now = await pods();
        return now.find((p) => !before.includes(p));
      }, 'the pod the scale-up made');
      await t.waitForText(`── pod ${added} joined ──`, 30_000);
      await t.waitForText(
        (s) => prefixes(s).has(short(added)) && podsRow(s).startsWith('4 pods · 8/50 streams'),
        30_000,
      );

      // Deleted by kubectl: that pod leaves with its marker, and the row says it left.
      const gone = before[0]!;
      const del = await k.run(['delete', 'pod', gone, '-n', 'frontend', '--wait=false']);
      expect(del.code).toBe(0);
      await t.waitForText(`── pod ${gone} left (deleted) ──`, 60_000);
      await t.waitForText((s) => new RegExp(`${short(gone)} [\\d,]+ \\(left`).test(podsRow(s)), 10_000);

      // A search counts its matches per pod, in the row above the lines: together the search's total, each
      // within its pod's lines.
      const n = (v: string): number => Number(v.replaceAll(',', ''));
      const perPod = (s: string) => [...podsRow(s).matchAll(/([a-z0-9]{4}-[a-z0-9]{5}) ([\d,]+) &([\d,]+)/g)];
      await t.sendKeys('/');
      await t.sendText('GET');
      await t.sendKeys('Enter');
      const searched = await t.waitForText((s) => {
        const total = /\/GET: ([\d,]+) matches/.exec(s);
        const counts = perPod(s);
        return (
          total !== null &&
          n(total[1]!) > 0 &&
          counts.length >= 4 &&
          counts.reduce((sum, m) => sum + n(m[3]!), 0) === n(total[1]!)
        );
      }, 15_000);
      for (const [, pod, lines, matches] of perPod(searched)) {
        expect(n(matches!), `${pod}: matches within its lines`).toBeLessThanOrEqual(n(lines!));
      }

      // q quits from the view, streams open: the terminal is given back as it was.
      await t.sendKeys('q');
      const exit = await t.waitForExit(20_000);
      expect(exit.code).toBe(0);
      expect(exit.stty.cooked).toBe(true);
      expect(await t.paneState()).toMatchObject({
        alternateScreen: false,
        cursorVisible: true,
        mouseReporting: false,
      });
    },
  );
});
