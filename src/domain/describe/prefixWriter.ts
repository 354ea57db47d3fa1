/**
 * kubectl's describe `PrefixWriter`: text written at an indentation level (two spaces a level), with terminal
 * control characters escaped as `printers.WriteEscaped` does, so that a pod's data cannot move the cursor or
 * change colours on the screen. `lines()` aligns the tab-separated cells (see `alignTabs`).
 */
import { alignTabs } from './tabWriter.js';

/** `printers.EscapeTerminal`: ESC becomes `^[`, CR becomes `\r`. */
export function escapeTerminal(s: string): string {
  return s.replaceAll('\u001b', '^[').replaceAll('\r', '\\r');
}

export class PrefixWriter {
  private text = '';

  /**
   * Appends `text` after `level` indentation steps.
   * @param level 0, 1, 2… (two spaces each)
   * @param text what kubectl's format string produces, tabs and newline included
   */
  write(level: number, text: string): void {
    this.text += escapeTerminal('  '.repeat(level) + text);
  }

  /** `WriteLine`: the values joined by spaces, then a newline, with no indentation. */
  writeLine(...values: string[]): void {
    this.text += escapeTerminal(`${values.join(' ')}\n`);
  }

  /** The aligned lines written so far. */
  lines(): string[] {
    return alignTabs(this.text);
  }
}
