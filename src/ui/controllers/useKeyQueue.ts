/**
 * Keys typed faster than a frame (key repeat, paste, tmux send-keys) arrive as one chunk. Each key must be routed
 * by the state the previous one left (`/` opens the filter, so the next letters are text): they are queued and
 * handed over one per render, each to that render's `onKey`.
 */
import { useInput } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import type { KeyLike } from '../../keymap/chord.js';
import { probeKey } from '../../terminal/benchProbe.js';

/** Feeds Ink's input to `onKey`, one key per render. */
export function useKeyQueue(onKey: (input: string, key: KeyLike) => void): void {
  const queue = useRef<{ input: string; key: KeyLike }[]>([]);
  const [tick, kick] = useReducer((n: number) => n + 1, 0);
  /** The render whose handlers took the last key: the next key waits for a later render, which shows its effect. */
  const handledIn = useRef(-1);
  const handleNext = (): void => {
    const next = queue.current.shift();
    if (!next) return;
    handledIn.current = tick;
    onKey(next.input, next.key);
    if (queue.current.length > 0) kick();
  };
  useEffect(() => {
    // A render committed before the last key (its effects can flush late) must not take the next one.
    if (queue.current.length > 0 && tick > handledIn.current) handleNext();
  });
  useInput((input, key) => {
    probeKey();
    const chars = Array.from(input);
    if (chars.length > 1 && !key.ctrl && !key.meta && !input.includes('\x1b')) {
      // Enter, Tab and Backspace can be part of a chunk too (a pasted line ends with Enter).
      for (const c of chars) {
        queue.current.push(
          c === '\r'
            ? { input: '', key: { return: true } }
            : c === '\x7f'
              ? { input: '', key: { backspace: true } }
              : c === '\t'
                ? { input: '', key: { tab: true } }
                : { input: c, key: {} },
        );
      }
    } else {
      queue.current.push({ input, key });
    }
    // Ink hands over the keys of one read (`Down Down Down` from tmux, a key repeat) one after the other before
    // React renders: the handlers of this render have taken a key already, so the next ones wait for the render
    // that shows its effect (the effect above takes them, one per render).
    if (tick > handledIn.current) handleNext();
    else kick();
  });
}
