/**
 * The merge of several containers' logs on its own, with a clock the test moves: what is held, for how long, and
 * what is released where.
 */
import { describe, expect, it } from 'vitest';
import { Merger, type PendingLine } from '../../src/logs/merge.js';

function merger(containers: string[]): { m: Merger; out: string[]; clock: { t: number } } {
  const out: string[] = [];
  const clock = { t: 0 };
  const m = new Merger(
    containers,
    (c: string, l: PendingLine) => out.push(`${c}:${l.text}`),
    300,
    5000,
    () => clock.t,
  );
  return { m, out, clock };
}

describe('Merger', () => {
  it('holds a streaming container’s lines while another is still making its first request', () => {
    const { m, out, clock } = merger(['a', 'b']);
    m.setPhase('a', 'streaming');
    m.add('a', '2026-01-01T00:00:02Z', 'a2');
    clock.t = 2000; // far past the 300 ms hold: b's request is slow, not b quiet
    m.flush();
    expect(out).toEqual([]);
    m.setPhase('b', 'streaming');
    m.add('b', '2026-01-01T00:00:01Z', 'b1');
    m.flush();
    expect(out).toEqual(['b:b1']); // b's next line may still be older than a2
    clock.t = 2300;
    m.flush();
    expect(out).toEqual(['b:b1', 'a:a2']);
  });

  it('gives up on a first request after the connect hold, and appends its late lines where they arrive', () => {
    const { m, out, clock } = merger(['a', 'b']);
    m.setPhase('a', 'streaming');
    m.add('a', '2026-01-01T00:00:02Z', 'a2');
    clock.t = 5001;
    m.flush();
    expect(out).toEqual(['a:a2']);
    m.setPhase('b', 'streaming');
    m.add('b', '2026-01-01T00:00:01Z', 'b1');
    clock.t = 5400;
    m.flush();
    expect(out).toEqual(['a:a2', 'b:b1']);
  });

  it('takes a streaming container quiet for the hold to be caught up', () => {
    const { m, out, clock } = merger(['a', 'b']);
    m.setPhase('a', 'streaming');
    m.setPhase('b', 'streaming');
    m.add('b', '2026-01-01T00:00:01Z', 'b1');
    m.add('a', '2026-01-01T00:00:03Z', 'a3');
    m.flush();
    expect(out).toEqual(['b:b1']); // b may still send something older than a3
    clock.t = 299;
    m.flush();
    expect(out).toEqual(['b:b1']);
    clock.t = 300;
    m.flush();
    expect(out).toEqual(['b:b1', 'a:a3']);
  });

  it('is not held by a container that is waiting or ended', () => {
    const { m, out } = merger(['a', 'b']);
    m.setPhase('a', 'streaming');
    m.setPhase('b', 'idle');
    m.add('a', '2026-01-01T00:00:02Z', 'a2');
    m.flush();
    expect(out).toEqual(['a:a2']);
  });

  it('releases everything at close, in time order', () => {
    const { m, out } = merger(['a', 'b']);
    m.add('a', '2026-01-01T00:00:02Z', 'a2');
    m.add('b', '2026-01-01T00:00:01Z', 'b1');
    m.add('a', '', 'marker', 'restart');
    m.flush(true);
    expect(out).toEqual(['b:b1', 'a:a2', 'a:marker']);
    expect(m.pending).toBe(0);
  });
});
