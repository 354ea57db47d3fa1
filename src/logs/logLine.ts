/**
 * One record of a log view: a line a container wrote, or a marker podscope inserted (a reconnect gap, a container
 * restart, a note). Records are plain objects of one shape so the buffer's arrays stay monomorphic.
 */

/** `line`: what the container wrote; the others are podscope's own marker lines. */
export type LineKind = 'line' | 'gap' | 'restart' | 'note';

export interface LogLine {
  /** Position in the session, stable while the line is retained: the first line is 0, then 1, 2… */
  readonly seq: number;
  /** The container that wrote it (markers: the container they are about). */
  readonly container: string;
  /**
   * The kubelet's timestamp in the fixed RFC 3339 form `2026-11-21T10:41:27.123456789Z` (UTC, nine fraction
   * digits), so that two times compare as strings; '' when unknown.
   */
  readonly time: string;
  /** The line as written, without the timestamp prefix and the line ending; raw (may hold escape codes). */
  readonly text: string;
  readonly kind: LineKind;
}
