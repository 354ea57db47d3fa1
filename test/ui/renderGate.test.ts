/**
 * The render gate: a publish judged `now` reaches the view at once, `later` ones are coalesced into one wake-up
 * within the delay (nothing is lost, only held back), the snapshot read is always the store's latest, and nothing
 * is heard after stop.
 */
import { describe, expect, it } from 'vitest';
import { ThrottledPublisher } from '../../src/kube/throttledPublisher.js';
import type { ExternalStore } from '../../src/ui/hooks/useExternalStore.js';
import { RenderGate } from '../../src/ui/renderGate.js';
import { waitFor } from '../support/waitFor.js';

/** A store publishing a counter, as PodStore publishes snapshots (through a ThrottledPublisher). */
class CounterStore implements ExternalStore<number> {
  private value = 0;
  private readonly publisher = new ThrottledPublisher(0, () => this.value, 0);
  stopped = false;
  start(): void {}
  stop(): void {
    this.stopped = true;
    this.publisher.close();
  }
  subscribe(listener: () => void): () => void {
    return this.publisher.subscribe(listener);
  }
  getSnapshot(): number {
    return this.publisher.getSnapshot();
  }
  set(v: number): void {
    this.value = v;
    this.publisher.invalidate();
  }
}

function gated(laterMs: number) {
  const store = new CounterStore();
  const gate = new RenderGate(store, laterMs);
  const heard: number[] = [];
  gate.subscribe(() => heard.push(gate.getSnapshot()));
  gate.start();
  return { store, gate, heard };
}

describe('RenderGate', () => {
  it('passes a publish that changes the screen at once', async () => {
    const { store, gate, heard } = gated(60_000);
    gate.decide = (v) => (v % 2 === 0 ? 'now' : 'later');
    store.set(2);
    await waitFor(() => heard.includes(2), 'the even value heard');
    gate.stop();
  });

  it('holds the others back, coalesced into one wake-up with the latest snapshot', async () => {
    const { store, gate, heard } = gated(300);
    gate.decide = () => 'later';
    for (const v of [1, 3, 5]) {
      store.set(v);
      await waitFor(() => gate.getSnapshot() === v, `snapshot ${v}`);
    }
    // Published, readable, but not yet announced (the first, after a quiet spell, goes at once).
    expect(heard.length).toBeLessThanOrEqual(1);
    await waitFor(() => heard.at(-1) === 5, 'the held-back publishes announced');
    expect(heard.length).toBeLessThanOrEqual(2);
    gate.stop();
  });

  it('never holds a publish back when the judge fails', async () => {
    const { store, gate, heard } = gated(60_000);
    gate.decide = () => {
      throw new Error('boom');
    };
    store.set(7);
    await waitFor(() => heard.includes(7), 'the value heard');
    gate.stop();
  });

  it('stops the store and wakes no one afterwards', async () => {
    const { store, gate, heard } = gated(50);
    gate.decide = (v) => (v === 1 ? 'now' : 'later');
    store.set(1);
    await waitFor(() => heard.includes(1), 'the first publish');
    store.set(2);
    await waitFor(() => gate.getSnapshot() === 2, 'the held-back publish');
    gate.stop();
    expect(store.stopped).toBe(true);
    // A wake-up pending at stop must not fire: publish again on a fresh gate and wait past its delay.
    const other = gated(50);
    other.gate.decide = () => 'later';
    other.store.set(1);
    await waitFor(() => other.heard.includes(1), 'a later publish of another gate heard');
    expect(heard).toEqual([1]);
    other.gate.stop();
  });
});
