/**
 * The exit-cleanup registry: what is registered runs before exit, all at once, bounded in time; what does not
 * finish is a line naming what is left (for stderr); what was unregistered does not run.
 */
import { describe, expect, it } from 'vitest';
import { pendingExitCleanups, registerExitCleanup, runExitCleanups } from '../../src/terminal/exitCleanup.js';

describe('exit cleanups', () => {
  it('runs what is registered, in parallel, and reports what failed or did not finish in time', async () => {
    const ran: string[] = [];
    registerExitCleanup({ leftover: 'a', run: async () => void ran.push('a') });
    registerExitCleanup({ leftover: 'b', run: () => Promise.resolve('could not delete b') });
    registerExitCleanup({
      leftover: 'kubectl delete pod c',
      run: () => new Promise<string | undefined>(() => undefined),
    });
    const off = registerExitCleanup({ leftover: 'd', run: async () => void ran.push('d') });
    off();
    const started = Date.now();
    const lines = await runExitCleanups(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ran).toEqual(['a']);
    expect(lines).toEqual(['could not delete b', 'not done within 0.2 s: kubectl delete pod c']);
    expect(pendingExitCleanups()).toBe(0);
    expect(await runExitCleanups(200)).toEqual([]);
  });
});
