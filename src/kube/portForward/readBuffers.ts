/**
 * The buffers a forward's connection reads into (node's `onread` option), reused once nothing holds them.
 *
 * Without them every read makes a fresh 16 KiB buffer outside the JS heap. At forwarding speed that is the
 * allocation V8 counts as external memory, and every ~64 MB of it starts a full mark-compact collection of the
 * whole heap: measured with test/bench/portforward.mjs, concurrent marking took 39 % of the process's CPU while
 * 100 MiB went through, more with a dashboard's heap. Reused buffers allocate nothing per read.
 *
 * Node calls {@link ReadBuffers.next} after each read for the buffer of the next one. A buffer whose bytes are
 * still in use after the read's callback (queued on the local socket, say) is held; it is reused only after every
 * hold is released, and the socket reads into another meanwhile.
 */

/** Free buffers kept for reuse; any more released at once are left to the garbage collector. */
const MAX_FREE = 16;

export class ReadBuffers {
  readonly #size: number;
  readonly #free: Buffer[] = [];
  /** Buffers that have been read into and are still in use: how many holds each has. */
  readonly #holds = new Map<Buffer, number>();
  /** The buffer the socket reads into now (the one the last read filled, during its callback). */
  #current: Buffer;

  /** @param size the size of each buffer: the most one read delivers */
  constructor(size: number) {
    this.#size = size;
    this.#current = Buffer.allocUnsafeSlow(size);
  }

  /** The buffer for the next read: `onread.buffer`. */
  readonly next = (): Buffer => {
    if (this.#holds.has(this.#current))
      this.#current = this.#free.pop() ?? Buffer.allocUnsafeSlow(this.#size);
    return this.#current;
  };

  /** Buffers made so far that are held (for tests: all are released once the bytes are written). */
  get held(): number {
    return this.#holds.size;
  }

  /**
   * Keeps the buffer of the read being delivered from reuse until the returned function is called (later calls
   * of that function do nothing). Only valid during a read's callback.
   */
  hold(): () => void {
    const buf = this.#current;
    this.#holds.set(buf, (this.#holds.get(buf) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#holds.get(buf) ?? 1) - 1;
      if (left > 0) {
        this.#holds.set(buf, left);
        return;
      }
      this.#holds.delete(buf);
      if (buf !== this.#current && this.#free.length < MAX_FREE) this.#free.push(buf);
    };
  }
}
