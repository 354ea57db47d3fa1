/**
 * The pods list's judge for the render gate: which pod store publishes reach the screen at once. A list in
 * progress changes only its count between two batches that leave the window as it was: held back (the header
 * catches up within half a second); the list going live, rows changing in the window, or the rows going stale are
 * shown at once.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/wire.js';
import type { PodSnapshot, SyncState } from '../../src/kube/podSnapshot.js';
import { visibleRows } from '../../src/ui/components/podTableLayout.js';
import { PodRowsDeriver } from '../../src/ui/podRowsDeriver.js';
import { changesScreen, type Shown } from '../../src/ui/usePodRows.js';

const HEIGHT = 5;

/** One object per name, as a store keeps an unchanged pod. */
const pods = new Map<string, Pod>();
function pod(name: string): Pod {
  let p = pods.get(name);
  if (!p) pods.set(name, (p = make(name)));
  return p;
}

function make(name: string): Pod {
  return {
    metadata: { namespace: 'default', name, uid: name, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase: 'Running' },
  };
}

function snapshot(names: readonly string[], sync: SyncState, stale = false): PodSnapshot {
  return { pods: new Map(names.map((n) => [`default/${n}`, pod(n)])), version: 1, sync, stale };
}

const deriver = new PodRowsDeriver();
const derive = (pods: PodSnapshot) =>
  deriver.derive({
    pods,
    metrics: { availability: 'unavailable', pods: new Map(), version: 0 },
    filter: '',
    sort: undefined,
    allNamespaces: false,
    wide: false,
  });

function judge(before: PodSnapshot, after: PodSnapshot) {
  const result = derive(before);
  const shown: Shown = { pods: before, result, window: visibleRows(result.rows, 0, HEIGHT) };
  return changesScreen(shown, after, derive(after), 0, HEIGHT);
}

const first = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const more = [...first, 'b1', 'b2', 'b3'];

describe('the pods list gate', () => {
  it('holds back a listing batch that only moves the count', () => {
    expect(
      judge(snapshot(first, { kind: 'listing', loaded: 6 }), snapshot(more, { kind: 'listing', loaded: 9 })),
    ).toBe('later');
  });

  it('shows at once a listing batch that changes the rows in the window', () => {
    const early = ['a0', ...first];
    expect(
      judge(snapshot(first, { kind: 'listing', loaded: 6 }), snapshot(early, { kind: 'listing', loaded: 7 })),
    ).toBe('now');
  });

  it('shows at once the list going live, and rows going stale', () => {
    expect(judge(snapshot(more, { kind: 'listing', loaded: 9 }), snapshot(more, { kind: 'live' }))).toBe(
      'now',
    );
    expect(judge(snapshot(more, { kind: 'live' }), snapshot(more, { kind: 'live' }, true))).toBe('now');
  });

  it('shows at once the first rows of a list', () => {
    expect(
      judge(snapshot([], { kind: 'listing', loaded: 0 }), snapshot(first, { kind: 'listing', loaded: 6 })),
    ).toBe('now');
  });
});
