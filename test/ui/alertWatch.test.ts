/**
 * Alerts (issue 16): transitions into CrashLoopBackOff, OOMKilled, Error, Evicted, ImagePullBackOff alert; pods
 * already so at start-up do not; the same pod and STATUS repeat at most every 5 minutes; at most one flash every
 * 3 s, the alerts in between counted into it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLASH_GAP_MS, REPEAT_MS } from '../../src/domain/alertRule.js';
import type { Pod } from '../../src/domain/wire.js';
import { AlertWatch } from '../../src/ui/alerts/alertWatch.js';
import { fixture, renamed } from '../domain/podFixtures.js';

let now = 1_000_000;
beforeEach(() => {
  vi.useFakeTimers();
  now = 1_000_000;
});
afterEach(() => vi.useRealTimers());

function pods(...list: Pod[]): ReadonlyMap<string, Pod> {
  return new Map(list.map((p) => [`${p.metadata!.namespace}/${p.metadata!.name}`, p]));
}
const as = (name: string, file: string): Pod => renamed(fixture(file), 'default', name);

function watch(): { w: AlertWatch; flashes: string[] } {
  const w = new AlertWatch(() => now);
  const flashes: string[] = [];
  w.onFlash = (text) => flashes.push(text);
  return { w, flashes };
}

describe('alerts', () => {
  it('flashes a transition into CrashLoopBackOff, not a pod already crash-looping at start-up', () => {
    const { w, flashes } = watch();
    w.observe(pods(as('crasher', 'running-web-app'), as('old', 'crash-loop-backoff')), true);
    expect(flashes).toEqual([]);
    w.observe(pods(as('crasher', 'crash-loop-backoff'), as('old', 'crash-loop-backoff')), false);
    expect(flashes).toEqual(['crasher: CrashLoopBackOff  (! jumps to it)']);
    expect(w.last).toMatchObject({ key: 'default/crasher', name: 'crasher', status: 'CrashLoopBackOff' });
  });

  it('alerts on OOMKilled, Error, Evicted and ImagePullBackOff as the printer shows them', () => {
    const cases = [
      ['oom-killed', 'OOMKilled'],
      ['error', 'Error'],
      ['evicted', 'Evicted'],
      ['image-pull-backoff', 'ImagePullBackOff'],
    ] as const;
    for (const [file, status] of cases) {
      const { w, flashes } = watch();
      w.observe(pods(as('p', 'running-web-app')), true);
      now += FLASH_GAP_MS;
      w.observe(pods(as('p', file)), false);
      expect(flashes).toEqual([`p: ${status}  (! jumps to it)`]);
    }
  });

  it('a pod created while watching alerts when it appears failing; other statuses never alert', () => {
    const { w, flashes } = watch();
    w.observe(pods(), true);
    w.observe(pods(as('pending', 'container-creating')), false);
    w.observe(pods(as('pending', 'container-creating'), as('new', 'err-image-pull')), false);
    expect(flashes).toEqual([]);
    w.observe(pods(as('pending', 'container-creating'), as('new', 'image-pull-backoff')), false);
    expect(flashes).toEqual(['new: ImagePullBackOff  (! jumps to it)']);
  });

  it('rate-limits under churn: one flash per 3 s naming the latest, the others counted; a repeat waits 5 minutes', () => {
    const { w, flashes } = watch();
    const names = Array.from({ length: 30 }, (_, i) => `churn-${i}`);
    w.observe(pods(...names.map((n) => as(n, 'running-web-app'))), true);
    // Thirty pods crash within one second (one frame each).
    for (let i = 0; i < names.length; i++) {
      now += 33;
      w.observe(pods(...names.map((n, j) => as(n, j <= i ? 'error' : 'running-web-app'))), false);
    }
    expect(flashes).toEqual(['churn-0: Error  (! jumps to it)']);
    now += FLASH_GAP_MS;
    vi.advanceTimersByTime(FLASH_GAP_MS);
    expect(flashes).toEqual([
      'churn-0: Error  (! jumps to it)',
      'churn-29: Error  (+28 more alerts; ! jumps to churn-29)',
    ]);
    expect(w.last?.name).toBe('churn-29');
    // Back to Running and failing again within 5 minutes: no new alert for the same pod and STATUS.
    w.observe(pods(...names.map((n) => as(n, 'running-web-app'))), false);
    now += 10_000;
    w.observe(pods(...names.map((n) => as(n, 'error'))), false);
    vi.advanceTimersByTime(FLASH_GAP_MS);
    expect(flashes).toHaveLength(2);
    now += REPEAT_MS;
    w.observe(pods(...names.map((n) => as(n, 'running-web-app'))), false);
    w.observe(pods(as('churn-3', 'error')), false);
    expect(flashes.at(-1)).toBe('churn-3: Error  (! jumps to it)');
  });
});
