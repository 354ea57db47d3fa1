/**
 * The detach keys of an attach (issue 16): Ctrl-P then Ctrl-Q, the sequence Docker's attach uses and the
 * Kubernetes docs mention for `kubectl attach` (docker-cli-to-kubectl); kubectl itself has none, and with a
 * terminal every other key, Ctrl-C included, belongs to the process. Without input to the process (a container
 * that keeps no stdin open) Ctrl-C detaches too, as it ends a plain `kubectl attach`. Pure: the caller keeps the
 * state between chunks.
 */

const CTRL_C = 0x03;
const CTRL_P = 0x10;
const CTRL_Q = 0x11;

export interface DetachState {
  /** A Ctrl-P was the last byte: held back until the next one says whether it was the start of a detach. */
  pendingCtrlP: boolean;
}

/**
 * Splits a chunk of keys: what goes to the process, and whether the user detached (the keys after a detach are
 * dropped). A held Ctrl-P followed by anything but Ctrl-Q is passed on with that key.
 */
export function readDetachKeys(
  state: DetachState,
  chunk: Uint8Array,
  ctrlCDetaches: boolean,
): { forward: Uint8Array; detach: boolean } {
  const out: number[] = [];
  for (const byte of chunk) {
    if (state.pendingCtrlP) {
      state.pendingCtrlP = false;
      if (byte === CTRL_Q) return { forward: Uint8Array.from(out), detach: true };
      out.push(CTRL_P);
    }
    if (byte === CTRL_P) {
      state.pendingCtrlP = true;
      continue;
    }
    if (byte === CTRL_C && ctrlCDetaches) return { forward: Uint8Array.from(out), detach: true };
    out.push(byte);
  }
  return { forward: Uint8Array.from(out), detach: false };
}
