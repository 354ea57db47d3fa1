/** The pure parts of a workload's logs: the `:logs` argument, the selector, the prefixes and their colours. */
import { describe, expect, it } from 'vitest';
import {
  parseLogTarget,
  podColor,
  POD_COLORS,
  selectorString,
  shortPodName,
} from '../../src/domain/workloadLogs.js';

describe('parseLogTarget', () => {
  it.each([
    ['deploy/web-app', 'deployments'],
    ['deployment/web-app', 'deployments'],
    ['Deployments.apps/web-app', 'deployments'],
    ['sts/db', 'statefulsets'],
    ['statefulset.apps/db', 'statefulsets'],
    ['ds/agent', 'daemonsets'],
    ['rs/web-app-7d9f', 'replicasets'],
    ['job/migrate', 'jobs'],
    ['jobs.batch/migrate', 'jobs'],
  ])('%s is a workload of %s', (arg, plural) => {
    expect(parseLogTarget(arg)).toMatchObject({ kind: 'workload', resource: { plural } });
  });

  it.each([
    ['-l app=web', 'app=web'],
    ['-lapp=web', 'app=web'],
    ['-l=app=web', 'app=web'],
    ['--selector app in (a,b)', 'app in (a,b)'],
    ['--selector=app=web', 'app=web'],
    ["-l 'app=web,tier!=db'", 'app=web,tier!=db'],
  ])('%s is the selector %s', (arg, selector) => {
    expect(parseLogTarget(arg)).toEqual({ kind: 'selector', selector });
  });

  it('refuses what kubectl refuses, in one line', () => {
    expect(parseLogTarget('foo/bar')).toEqual({ error: 'the server doesn\'t have a resource type "foo"' });
    expect(parseLogTarget('-l')).toEqual({ error: 'flag needs an argument: -l (e.g. :logs -l app=web-app)' });
    expect(parseLogTarget('web-app')).toMatchObject({ error: expect.stringContaining('is not a workload') });
    expect(parseLogTarget(undefined)).toMatchObject({ error: expect.stringContaining('which pods?') });
  });
});

describe('selectorString', () => {
  it('writes matchLabels and matchExpressions sorted by key, as LabelSelectorAsSelector().String()', () => {
    expect(
      selectorString({
        matchLabels: { tier: 'web', app: 'shop' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'canary'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
          { key: 'beta', operator: 'Exists' },
        ],
      }),
    ).toBe('app=shop,beta,env in (canary,prod),!legacy,tier=web,zone notin (b)');
    expect(selectorString(undefined)).toBeUndefined();
  });
});

describe('shortPodName', () => {
  it('keeps what tells a pod from its siblings', () => {
    expect(shortPodName('web-app-7d9f8c6b5-x2kq9', 'web-app')).toBe('7d9f-x2kq9');
    expect(shortPodName('agent-x2kq9', 'agent')).toBe('x2kq9');
    expect(shortPodName('db-0', 'db')).toBe('db-0');
    expect(shortPodName('web-app-7d9f8c6b5-x2kq9')).toBe('web-app-7d9f-x2kq9');
    expect(shortPodName('hello')).toBe('hello');
  });
});

/** WCAG relative luminance of an xterm-256 colour of the 6×6×6 cube. */
function luminance(code: number): number {
  const levels = [0, 95, 135, 175, 215, 255];
  const i = code - 16;
  const rgb = [levels[Math.floor(i / 36)]!, levels[Math.floor(i / 6) % 6]!, levels[i % 6]!];
  const lin = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

describe('the pod colours', () => {
  it('are readable on black and on white (contrast ≥ 3.5 against both)', () => {
    for (const c of POD_COLORS) {
      const l = luminance(c);
      expect((l + 0.05) / 0.05, `${c} on black`).toBeGreaterThanOrEqual(3.5);
      expect(1.05 / (l + 0.05), `${c} on white`).toBeGreaterThanOrEqual(3.5);
    }
  });

  it('are the same for the same pod and spread over the palette', () => {
    expect(podColor('web-app-7d9f8c6b5-x2kq9')).toBe(podColor('web-app-7d9f8c6b5-x2kq9'));
    const used = new Set(Array.from({ length: 60 }, (_, i) => podColor(`web-app-7d9f8c6b5-p${i}`)));
    expect(used.size).toBeGreaterThan(8);
  });
});
