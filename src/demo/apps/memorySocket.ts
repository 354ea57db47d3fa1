/**
 * An in-memory TCP connection: two Duplex ends where what one writes the other reads. It exists so the demo pods'
 * HTTP servers can be real `node:http` servers without opening a single listening socket: the server end is handed
 * to `server.emit('connection', socket)`, the client end goes to port-forward or to the simulated shell's curl.
 *
 * Unlike `stream.duplexPair()`, each end looks enough like a `net.Socket` for `node:http` on both sides: addresses,
 * `setTimeout` (the server's keep-alive timeout relies on it), `setNoDelay`, `setKeepAlive` and `destroySoon`.
 */
import { Duplex } from 'node:stream';

/** One end's address, as `net.Socket` reports it. */
export interface SocketAddress {
  address: string;
  port: number;
}

function familyOf(address: string): 'IPv4' | 'IPv6' {
  return address.includes(':') ? 'IPv6' : 'IPv4';
}

/** One end of an in-memory connection. Create pairs with {@link createSocketPair}. */
export class MemorySocket extends Duplex {
  readonly localAddress: string;
  readonly localPort: number;
  readonly localFamily: 'IPv4' | 'IPv6';
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily: 'IPv4' | 'IPv6';
  /** `net.Socket` compatibility: an in-memory connection is established from the start. */
  readonly connecting = false;
  /** Bytes this end has written to its peer (whether or not the peer read them yet). */
  bytesWritten = 0;
  /** Bytes this end has received from its peer. */
  bytesRead = 0;

  #peer: MemorySocket | undefined;
  /** The callback of a write that is held until the peer reads: this is what makes backpressure reach the writer. */
  #heldWrite: (() => void) | undefined;
  /** True once end-of-stream has been pushed into this end's readable side. */
  #eofReceived = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(local: SocketAddress, remote: SocketAddress) {
    // allowHalfOpen false, as for a default net.Socket: when the peer ends, this end ends too.
    super({ allowHalfOpen: false });
    this.localAddress = local.address;
    this.localPort = local.port;
    this.localFamily = familyOf(local.address);
    this.remoteAddress = remote.address;
    this.remotePort = remote.port;
    this.remoteFamily = familyOf(remote.address);
  }

  /** @internal Links two fresh ends; only {@link createSocketPair} calls it. */
  static link(a: MemorySocket, b: MemorySocket): void {
    a.#peer = b;
    b.#peer = a;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#touch();
    const peer = this.#peer;
    if (!peer || peer.destroyed) {
      // The other end is gone: like writing into a reset connection, except that nobody needs to hear about it.
      callback();
      return;
    }
    this.bytesWritten += chunk.length;
    peer.bytesRead += chunk.length;
    peer.#touch();
    if (peer.push(chunk)) {
      callback();
    } else {
      this.#heldWrite = callback;
    }
  }

  override _read(): void {
    const peer = this.#peer;
    const held = peer ? peer.#heldWrite : undefined;
    if (peer && held) {
      peer.#heldWrite = undefined;
      held();
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#sendEof();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#clearTimer();
    // The peer reads what it already has, then sees end-of-stream: a closed connection, not a lost byte.
    this.#sendEof();
    const peer = this.#peer;
    if (peer) {
      const held = peer.#heldWrite;
      peer.#heldWrite = undefined;
      held?.();
    }
    this.#heldWrite = undefined;
    callback(error);
  }

  #sendEof(): void {
    const peer = this.#peer;
    if (peer && !peer.#eofReceived && !peer.destroyed) {
      peer.#eofReceived = true;
      peer.push(null);
    }
  }

  /** `net.Socket#setTimeout`: emits `timeout` after `ms` without traffic; 0 disables it. */
  setTimeout(ms: number, callback?: () => void): this {
    this.#clearTimer();
    if (callback) {
      if (ms === 0) this.off('timeout', callback);
      else this.once('timeout', callback);
    }
    if (ms > 0 && !this.destroyed) {
      // unref: an idle keep-alive connection must not keep the process alive.
      this.#timer = setTimeout(() => this.emit('timeout'), ms).unref();
    }
    return this;
  }

  #touch(): void {
    this.#timer?.refresh();
  }

  #clearTimer(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** `net.Socket#setNoDelay`: nothing to do in memory. */
  setNoDelay(): this {
    return this;
  }

  /** `net.Socket#setKeepAlive`: nothing to do in memory. */
  setKeepAlive(): this {
    return this;
  }

  /** `net.Socket#ref`: in-memory ends hold no handle. */
  ref(): this {
    return this;
  }

  /** `net.Socket#unref`: in-memory ends hold no handle. */
  unref(): this {
    return this;
  }

  /** `net.Socket#address`. */
  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: this.localFamily, port: this.localPort };
  }

  /** `net.Socket#destroySoon`, which `node:http` uses for `Connection: close`: end, then destroy once flushed. */
  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }
}

/**
 * A connected pair: `client` is the connecting end (its remote address is the server's), `server` the accepting
 * end (its remote address is the client's).
 */
export function createSocketPair(
  client: SocketAddress,
  server: SocketAddress,
): { client: MemorySocket; server: MemorySocket } {
  const c = new MemorySocket(client, server);
  const s = new MemorySocket(server, client);
  MemorySocket.link(c, s);
  return { client: c, server: s };
}
