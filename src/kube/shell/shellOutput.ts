/**
 * The stdout client-node's Exec writes to: forwards to the real output, and "looks resizable" (rows, columns,
 * 'resize') so Exec sends the terminal size when the stream opens and on every resize. Exec never removes its
 * 'resize' listener (REFERENCE §3.2), so it gets this disposable wrapper, never process.stdout itself.
 */
import { Writable } from 'node:stream';

/** Where the terminal size comes from: process.stdout, or anything with rows, columns and 'resize'. */
export interface TerminalSizeSource {
  readonly rows?: number;
  readonly columns?: number;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

/** What a terminal that reports no size is taken to be (k9s and kubectl's fallback). */
export const DEFAULT_SIZE = { rows: 24, columns: 80 } as const;

export class ShellOutput extends Writable {
  private readonly onResize = (): void => {
    this.emit('resize');
  };

  constructor(
    private readonly target: Writable,
    private readonly size: TerminalSizeSource,
  ) {
    super({ decodeStrings: false });
    size.on('resize', this.onResize);
    // Exec ends this stream when the status arrives; a frame racing that must not become an uncaught error.
    this.on('error', () => undefined);
  }

  get rows(): number {
    return this.size.rows || DEFAULT_SIZE.rows;
  }

  get columns(): number {
    return this.size.columns || DEFAULT_SIZE.columns;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    // A terminal takes writes synchronously; waiting on a slow target would only delay the echo.
    this.target.write(chunk);
    callback();
  }

  /** Stops following resizes; the wrapper is done. */
  dispose(): void {
    this.size.off('resize', this.onResize);
  }
}
