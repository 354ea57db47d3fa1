/**
 * The log of an interactive main process (mainProcess.ts): the runtime writes whatever the process writes to the
 * container's log, so `kubectl logs` shows the shell's prompts, its terminal's echo of what was typed and the
 * commands' output (what kubectl attach warns about: "All commands and output from this session will be recorded
 * in container logs"). A line is logged when its newline is written, stamped with that moment; with a terminal
 * lines end in \r, as the terminal wrote them.
 */
import type { LogScript, TimedLine } from './logs/script.js';
import type { ContainerRun } from './runtime.js';

/** Lines kept per run: past this the log stops growing (the kubelet would rotate it at 10 MiB). */
const MAX_LINES = 50_000;

export class Transcript implements LogScript {
  private readonly lines: TimedLine[] = [];
  private partial = '';

  constructor(
    private readonly run: ContainerRun,
    private readonly now: () => number,
  ) {}

  /** The process wrote `text`. */
  write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (this.lines.length >= MAX_LINES) return;
      const us = Math.round((this.now() - this.run.startedAt) * 1000);
      // Strictly increasing, so each line has its own timestamp.
      const at = Math.max(us, (this.lines.at(-1)?.at ?? -1) + 1);
      this.lines.push({ at, text: line });
    }
  }

  at(i: number): number {
    return this.lines[i]?.at ?? Number.POSITIVE_INFINITY;
  }

  text(i: number): string {
    return this.lines[i]?.text ?? '';
  }
}
