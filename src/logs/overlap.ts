/**
 * Dropping the lines a resumed follow repeats. A reconnect asks for `sinceTime` = the last line's time, but the
 * API server keeps whole seconds only, so the new stream starts with up to a second of lines already seen. They
 * are recognised by (timestamp, text): older than the last line seen → repeated; at the same time → repeated if
 * a line with that text was seen at that time (counted, so two identical lines at one time are both matched);
 * the first later line ends the overlap. Generic: it relies only on the kubelet's timestamps, which are in
 * order within one container's log, never on the content of the lines.
 */

export class OverlapFilter {
  private lastTime = '';
  /**
   * Texts of the lines seen at `lastTime`: the first `atCount` entries. Reused, not emptied per line (setting an
   * array's length to 0 for each line of a firehose was a measurable share of its CPU time).
   */
  private readonly atLastTime: string[] = [];
  private atCount = 0;
  private pending: string[] | undefined;

  /** Whether a resumed stream is still inside the overlap. */
  get resuming(): boolean {
    return this.pending !== undefined;
  }

  /** The time of the last line accepted ('' before any). */
  get last(): string {
    return this.lastTime;
  }

  /** Records an accepted line. */
  accept(time: string, text: string): void {
    if (time === '') return;
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.atCount = 0;
    }
    this.atLastTime[this.atCount++] = text;
  }

  /** A new stream resumes after the last accepted line: what it repeats will be dropped. */
  resume(): void {
    this.pending = this.lastTime === '' ? undefined : this.atLastTime.slice(0, this.atCount);
  }

  /** Whether a line of the resumed stream repeats one already accepted (and is to be dropped). */
  isRepeat(time: string, text: string): boolean {
    const pending = this.pending;
    if (pending === undefined) return false;
    if (time === '' || time > this.lastTime) {
      this.pending = undefined;
      return false;
    }
    if (time < this.lastTime) return true;
    const i = pending.indexOf(text);
    if (i < 0) return false;
    pending.splice(i, 1);
    return true;
  }
}
