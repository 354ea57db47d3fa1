/**
 * The flash line: an alert (a background flash) never covers what the user's own action just said — it waits for
 * that flash to go and is shown then; a newer alert supersedes a queued one.
 */
import { describe, expect, it } from 'vitest';
import type { UiAction, UiState } from '../../src/state/uiState.js';
import { initialUiState, uiReducer } from '../../src/state/uiState.js';

const run = (state: UiState, ...actions: UiAction[]): UiState => actions.reduce(uiReducer, state);
const start = (): UiState => initialUiState('ctx', 'default', 'default');
const alert = (text: string): UiAction => ({ type: 'flash', text, level: 'error', background: true });

describe('the flash line', () => {
  it("keeps the user's outcome on screen when an alert arrives, and shows the alert after it", () => {
    let s = run(start(), { type: 'flash', text: 'shell in bb/bb exited with code 3' });
    const shown = s.flash!.id;
    s = run(s, alert('crasher CrashLoopBackOff'));
    expect(s.flash?.text).toBe('shell in bb/bb exited with code 3');
    s = run(s, { type: 'clearFlash', id: shown });
    expect(s.flash).toMatchObject({ text: 'crasher CrashLoopBackOff', level: 'error' });
    s = run(s, { type: 'clearFlash', id: s.flash!.id });
    expect(s.flash).toBeUndefined();
  });

  it('shows the latest of several queued alerts', () => {
    let s = run(start(), { type: 'flash', text: 'deleted pod bb' }, alert('a Error'), alert('b OOMKilled'));
    s = run(s, { type: 'clearFlash', id: s.flash!.id });
    expect(s.flash?.text).toBe('b OOMKilled');
  });

  it('lets an alert replace an alert, and the user replace anything', () => {
    let s = run(start(), alert('a Error'), alert('b Error'));
    expect(s.flash?.text).toBe('b Error');
    s = run(s, { type: 'flash', text: 'copied 3 lines' });
    expect(s.flash?.text).toBe('copied 3 lines');
  });

  it('keeps a queued alert when the user says something new', () => {
    let s = run(start(), { type: 'flash', text: 'one' }, alert('a Error'), { type: 'flash', text: 'two' });
    s = run(s, { type: 'clearFlash', id: s.flash!.id });
    expect(s.flash?.text).toBe('a Error');
  });

  it('ignores the timer of a flash already replaced', () => {
    const s = run(start(), { type: 'flash', text: 'one' });
    const stale = s.flash!.id;
    const t = run(s, { type: 'flash', text: 'two' }, { type: 'clearFlash', id: stale });
    expect(t.flash?.text).toBe('two');
  });
});
