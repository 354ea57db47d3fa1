/**
 * The merge of several containers' logs on its own, with a clock the test moves: what is held, for how long, and
 * what is released where.
 */
import { describe, expect, it } from 'vitest';
import { Merger } from '../../src/logs/merge.js';

interface PendingLine {
  time: string;
  text: string;
  kind: 'line';
}

function merger(containers: string[]): { m: Merger; out: string[]; clock: { t: number } } {
  const out: string[] = [];
  const clock = { t: 0 };
  const m = new Merger(
    containers,
    (c: string, _time: string, text: string) => out.push(`${c}:${text}`),
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

  it('keeps order and count through a long hold: a lane that never empties (its queue is compacted)', () => {
    const { m, out, clock } = merger(['a', 'b']);
    m.setPhase('a', 'streaming');
    m.setPhase('b', 'streaming');
    const t = (n: number): string => `2026-01-01T00:00:00.${String(n).padStart(9, '0')}Z`;
    // a runs ahead of b, so a's queue always holds lines while b streams: released lines pile up at its head.
    let a = 0;
    let b = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 500; i++) m.push('a', t(2 * a++ + 20_000), `a${a}`);
      for (let i = 0; i < 500; i++) m.push('b', t(2 * b++ + 1), `b${b}`);
      m.arrived('a');
      m.arrived('b');
      m.flush();
    }
    expect(m.pending).toBeGreaterThan(0);
    clock.t = 1000; // both quiet past the hold: all of it goes
    m.flush();
    expect(m.pending).toBe(0);
    expect(out).toHaveLength(40_000);
    const times = out.map((l) =>
      l.startsWith('a:') ? 2 * (Number(l.slice(3)) - 1) + 20_000 : 2 * Number(l.slice(3)) - 1,
    );
    expect(times).toEqual([...times].sort((x, y) => x - y));
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

/**
 * The rule as first written (a linear scan of the lanes for each line), kept as the oracle for the heap: the same
 * random feed must come out in the same order from both.
 */
class ScanMerger {
  private lanes = new Map<
    string,
    { name: string; queue: PendingLine[]; lastTime: string; lastActivity: number; phase: string }
  >();
  constructor(
    names: string[],
    private sink: (c: string, l: PendingLine) => void,
    private now: () => number,
  ) {
    for (const name of names)
      this.lanes.set(name, { name, queue: [], lastTime: '', lastActivity: now(), phase: 'connecting' });
  }
  add(c: string, time: string, text: string): void {
    const lane = this.lanes.get(c)!;
    const t = time || lane.lastTime;
    if (t > lane.lastTime) lane.lastTime = t;
    lane.lastActivity = this.now();
    lane.queue.push({ time: t, text, kind: 'line' });
  }
  setPhase(c: string, phase: string): void {
    const lane = this.lanes.get(c)!;
    if (lane.phase === phase) return;
    lane.phase = phase;
    lane.lastActivity = this.now();
  }
  flush(): void {
    const now = this.now();
    const lanes = [...this.lanes.values()];
    for (;;) {
      let best: (typeof lanes)[number] | undefined;
      for (const l of lanes)
        if (l.queue.length && (!best || l.queue[0]!.time < best.queue[0]!.time)) best = l;
      if (!best) return;
      const line = best.queue[0]!;
      const blocked = lanes.some(
        (l) =>
          l !== best &&
          l.queue.length === 0 &&
          l.phase !== 'idle' &&
          !(l.lastTime !== '' && l.lastTime >= line.time) &&
          now - l.lastActivity < (l.phase === 'connecting' && l.lastTime === '' ? 5000 : 300),
      );
      if (blocked) return;
      best.queue.shift();
      this.sink(best.name, line);
    }
  }
}

describe('Merger against the linear scan', () => {
  it('releases the same lines in the same order for random feeds of 2 to 40 streams', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const names = Array.from({ length: 2 + rand(39) }, (_, i) => `s${i}`);
      const clock = { t: 0 };
      const a: string[] = [];
      const b: string[] = [];
      const heap = new Merger(
        names,
        (c, _time, text) => a.push(`${c}:${text}`),
        300,
        5000,
        () => clock.t,
      );
      const scan = new ScanMerger(
        names,
        (c, l) => b.push(`${c}:${l.text}`),
        () => clock.t,
      );
      const times = new Map(names.map((n) => [n, 0]));
      for (let step = 0; step < 300; step++) {
        const c = names[rand(names.length)]!;
        const op = rand(10);
        if (op < 6) {
          const t = times.get(c)! + rand(50);
          times.set(c, t);
          const time = `2026-01-01T00:00:${String(t).padStart(6, '0')}Z`;
          heap.add(c, time, `${step}`);
          scan.add(c, time, `${step}`);
        } else if (op < 8) {
          const phase = (['connecting', 'streaming', 'idle'] as const)[rand(3)]!;
          heap.setPhase(c, phase);
          scan.setPhase(c, phase);
        } else {
          clock.t += rand(400);
          heap.flush();
          scan.flush();
        }
      }
      expect(a).toEqual(b);
    }
  });
});
