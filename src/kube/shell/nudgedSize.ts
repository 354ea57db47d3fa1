/**
 * kubectl attach's redraw (staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go, Run): with a terminal it reports
 * the size one larger first, then the real one, "so that attach-detach-reattach will result in the screen being
 * redrawn" — a shell at its prompt redraws the line when the width changes, so whoever attaches sees the prompt.
 */
import type { TerminalSizeSource } from './shellOutput.js';
import { DEFAULT_SIZE } from './shellOutput.js';

/** A size source reporting one more row and column until `settle()`, which reports the real size as a resize. */
export interface NudgedSize extends TerminalSizeSource {
  settle(): void;
}

export function nudgedSize(size: TerminalSizeSource): NudgedSize {
  let plus = 1;
  const listeners = new Set<() => void>();
  return {
    get rows() {
      return (size.rows || DEFAULT_SIZE.rows) + plus;
    },
    get columns() {
      return (size.columns || DEFAULT_SIZE.columns) + plus;
    },
    on(_event: 'resize', listener: () => void) {
      listeners.add(listener);
      size.on('resize', listener);
    },
    off(_event: 'resize', listener: () => void) {
      listeners.delete(listener);
      size.off('resize', listener);
    },
    settle() {
      if (plus === 0) return;
      plus = 0;
      for (const l of listeners) l();
    },
  };
}
