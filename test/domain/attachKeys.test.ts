/** The attach's detach keys (issue 16): Ctrl-P Ctrl-Q across chunks; Ctrl-C only when the process takes no input. */
import { describe, expect, it } from 'vitest';
import { readDetachKeys } from '../../src/domain/attachKeys.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('readDetachKeys', () => {
  it('detaches on Ctrl-P Ctrl-Q, even split across two reads, forwarding what came before', () => {
    const s = { pendingCtrlP: false };
    expect(readDetachKeys(s, bytes(0x61, 0x10), false)).toEqual({ forward: bytes(0x61), detach: false });
    expect(readDetachKeys(s, bytes(0x11, 0x62), false)).toEqual({ forward: bytes(), detach: true });
  });

  it('passes a Ctrl-P on with the next key when that is not Ctrl-Q', () => {
    const s = { pendingCtrlP: false };
    expect(readDetachKeys(s, bytes(0x10, 0x61), false)).toEqual({
      forward: bytes(0x10, 0x61),
      detach: false,
    });
  });

  it('gives Ctrl-C to a process with input, and detaches on it when there is none', () => {
    expect(readDetachKeys({ pendingCtrlP: false }, bytes(0x03), false)).toEqual({
      forward: bytes(0x03),
      detach: false,
    });
    expect(readDetachKeys({ pendingCtrlP: false }, bytes(0x61, 0x03), true)).toEqual({
      forward: bytes(0x61),
      detach: true,
    });
  });
});
