/**
 * ThrottledPublisher's interval can change while it runs (PodStore publishes every 250 ms while a list streams in,
 * every flushMs once live): a longer interval spaces the publishes that follow but not one already waiting (the list's
 * first rows go out at once); a shorter one also brings forward a publish already waiting, so "live" is not held back
 * by the listing pace.
 */
import { describe, expect, it } from 'vitest';
import { ThrottledPublisher } from '../../src/kube/throttledPublisher.js';
import { waitFor } from '../support/waitFor.js';

function counter(intervalMs: number) {
  let value = 0;
  const publisher = new ThrottledPublisher(0, () => value, intervalMs);
  const times: number[] = [];
  publisher.subscribe(() => times.push(performance.now()));
  return {
    publisher,
    times,
    set(v: number) {
      value = v;
      publisher.invalidate();
    },
  };
}

describe('ThrottledPublisher.setInterval', () => {
  it('spaces later publishes by the longer interval', async () => {
    const c = counter(10);
    c.set(1);
    await waitFor(() => c.times.length === 1, 'the first publish');
    c.publisher.setInterval(300);
    c.set(2);
    await waitFor(() => c.times.length === 2, 'the second publish');
    expect(c.times[1]! - c.times[0]!).toBeGreaterThanOrEqual(290);
    c.publisher.close();
  });

  it('leaves a publish already waiting at its time when the interval gets longer', async () => {
    const c = counter(50);
    c.set(1);
    await waitFor(() => c.times.length === 1, 'the first publish');
    c.set(2); // due 50 ms after the first
    c.publisher.setInterval(1_000);
    await waitFor(() => c.times.length === 2, 'the second publish');
    // As PodStore's first rows of a list: out at the old pace, not held to the new one.
    expect(c.times[1]! - c.times[0]!).toBeLessThan(500);
    c.set(3);
    await waitFor(() => c.times.length === 3, 'the third publish');
    expect(c.times[2]! - c.times[1]!).toBeGreaterThanOrEqual(990);
    c.publisher.close();
  });

  it('brings a waiting publish forward when the interval gets shorter', async () => {
    const c = counter(60_000);
    c.set(1);
    await waitFor(() => c.times.length === 1, 'the first publish');
    c.set(2); // due a minute after the first
    const asked = performance.now();
    c.publisher.setInterval(10);
    await waitFor(() => c.times.length === 2, 'the second publish, within the default 10 s');
    expect(c.times[1]! - asked).toBeLessThan(5_000);
    expect(c.publisher.getSnapshot()).toBe(2);
    c.publisher.close();
  });
});
