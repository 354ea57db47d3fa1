/**
 * The restart history's bounds (issue 16), with a counted fetch: one fetch per restart however often the same
 * pods are looked at, at most 4 at a time and 100 waiting, a fetch skipped when the container restarted again
 * first, kept bytes capped with the oldest let go; and the sharded diff (mapChanges) against a plain one.
 */
import { describe, expect, it } from 'vitest';
import { mapChanges } from '../../src/domain/mapChanges.js';
import type { Pod } from '../../src/domain/wire.js';
import { CowMap } from '../../src/kube/cowMap.js';
import type { PreviousLines } from '../../src/logs/previousLines.js';
import { RestartHistory } from '../../src/logs/restartHistory.js';
import { fixture, renamed } from '../domain/podFixtures.js';

function withRestarts(name: string, restarts: number): Pod {
  const p = renamed(fixture('crash-loop-backoff'), 'default', name);
  return {
    ...p,
    status: {
      ...p.status,
      containerStatuses: p.status!.containerStatuses!.map((c) => ({ ...c, restartCount: restarts })),
    },
  };
}

/** A fetch that waits to be released, counting calls. */
function gatedFetch() {
  const waiting: ((l: PreviousLines) => void)[] = [];
  let calls = 0;
  return {
    fetch: () => {
      calls++;
      return new Promise<PreviousLines>((resolve) => waiting.push(resolve));
    },
    release: (bytes: number) => {
      for (const r of waiting.splice(0)) r({ kind: 'lines', lines: ['x'], bytes });
    },
    calls: () => calls,
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('restart history bounds', () => {
  it('fetches once per restart, 4 at a time, 100 waiting at most; the rest are recorded as not read', async () => {
    const f = gatedFetch();
    const h = new RestartHistory({} as never, { fetch: f.fetch });
    const store = new CowMap<Pod>();
    for (let i = 0; i < 200; i++) store.set(`default/p${i}`, withRestarts(`p${i}`, 1));
    h.observe(store.freeze());
    for (let i = 0; i < 200; i++) store.set(`default/p${i}`, withRestarts(`p${i}`, 2));
    const snap = store.freeze();
    h.observe(snap);
    h.observe(snap);
    h.observe(new Map(snap));
    expect(f.calls()).toBe(4);
    const kinds = h.getSnapshot().records.map((r) => r.lines.kind);
    expect(kinds.filter((k) => k === 'fetching')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'queued')).toHaveLength(100);
    expect(kinds.filter((k) => k === 'dropped')).toHaveLength(96);
    f.release(10);
    await flush();
    expect(f.calls()).toBe(8);
    h.stop();
  });

  it('skips a fetch when the container restarted again before its turn, and lets the oldest lines go first', async () => {
    const f = gatedFetch();
    const h = new RestartHistory({} as never, { fetch: f.fetch, concurrency: 1, maxKeptBytes: 25 });
    h.observe(
      new Map([
        ['default/a', withRestarts('a', 1)],
        ['default/b', withRestarts('b', 1)],
      ]),
    );
    h.observe(
      new Map([
        ['default/a', withRestarts('a', 2)],
        ['default/b', withRestarts('b', 2)],
      ]),
    );
    // b waits behind a; b restarts again meanwhile: its restart 2 can no longer be read.
    h.observe(
      new Map([
        ['default/a', withRestarts('a', 2)],
        ['default/b', withRestarts('b', 3)],
      ]),
    );
    f.release(10);
    await flush();
    const byId = (id: string) => h.getSnapshot().records.find((r) => r.id === id)!.lines;
    expect(byId('default/a/worker#2')).toMatchObject({ kind: 'lines', bytes: 10 });
    expect(byId('default/b/worker#2')).toEqual({
      kind: 'dropped',
      why: 'not read: the container restarted again first',
    });
    f.release(10);
    await flush();
    expect(byId('default/b/worker#3')).toMatchObject({ kind: 'lines' });
    h.observe(
      new Map([
        ['default/a', withRestarts('a', 3)],
        ['default/b', withRestarts('b', 3)],
      ]),
    );
    f.release(10);
    await flush();
    // 30 bytes kept would be over 25: a's first kept lines (the oldest) are let go, its restart line stays.
    expect(byId('default/a/worker#2')).toEqual({
      kind: 'dropped',
      why: 'lines let go: the history keeps 25 bytes',
    });
    expect(byId('default/a/worker#3')).toMatchObject({ kind: 'lines' });
    h.stop();
  });

  it('mapChanges walks only the changed shards of the store’s snapshots, and agrees with a whole compare', () => {
    const store = new CowMap<number>();
    for (let i = 0; i < 1000; i++) store.set(`k${i}`, i);
    const a = store.freeze();
    store.set('k5', 50);
    store.delete('k7');
    store.set('new', 1);
    const b = store.freeze();
    const seen = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => {
      const out: string[] = [];
      mapChanges(
        x,
        y,
        (k, v) => out.push(`${k}=${v}`),
        (k) => out.push(`-${k}`),
      );
      return out.sort();
    };
    expect(seen(a, b)).toEqual(['-k7', 'k5=50', 'new=1']);
    expect(seen(new Map(a), new Map(b))).toEqual(['-k7', 'k5=50', 'new=1']);
  });
});
