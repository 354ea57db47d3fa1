/**
 * The connection under one port-forward stream, opened here rather than by node:http's agent so that its reads
 * land in reused buffers (readBuffers.ts, node's `onread` option) instead of a fresh buffer per read.
 *
 * node:http still writes the upgrade request and parses the answer, over {@link DirectConnection.handshake}: a
 * stream that carries copies of the bytes until the 101 (or the refusal) has been read. After the upgrade the
 * bytes go to the WebSocket reader as views of the reused buffers, and nothing is copied.
 *
 * The socket is made as node's https Agent makes it (`createConnection` → `tls.connect` with the request's
 * options), with the server name for SNI and the certificate check as its `calculateServerName` picks it: the
 * kubeconfig's tls-server-name, else the host unless it is an IP address. An http:// server (one the kubeconfig
 * marks insecure) gets a plain TCP socket.
 */
import { connect as netConnect, isIP, type OnReadOpts, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { RequestOptions } from 'node:https';
import { ReadBuffers } from './readBuffers.js';

/** Where a stream's bytes come from when its connection reads into reused buffers. */
export interface ReadSource {
  /**
   * From now on every read goes to `sink`, after what came before (copied meanwhile). A chunk is a view of a
   * buffer that is reused after the call, unless {@link hold} is called during it.
   */
  attach(sink: (chunk: Buffer) => void): void;
  /** Keeps the chunk being delivered valid until the returned function is called. */
  hold(): () => void;
}

/** The most plaintext one TLS record carries, and so the most node delivers per read of a TLS socket. */
const TLS_READ_SIZE = 16 * 1024;
/** libuv's own read size for a TCP socket. */
const TCP_READ_SIZE = 64 * 1024;
/** Bytes copied between the upgrade and the reader's start above which reading pauses until the start. */
const EARLY_LIMIT = 1024 * 1024;

export class DirectConnection implements ReadSource {
  /** The TLS (or TCP) socket: the WebSocket is written to and closed through it. */
  readonly socket: Socket;
  /** What node:http speaks the upgrade over: `createConnection` returns it. */
  readonly handshake: Duplex;
  readonly #buffers: ReadBuffers;
  #phase: 'handshake' | 'upgraded' | 'attached' = 'handshake';
  /** Copies of the bytes that came after the upgrade and before {@link attach}. */
  #early: Buffer[] = [];
  #earlyBytes = 0;
  #sink: ((chunk: Buffer) => void) | undefined;

  /**
   * Connects at once.
   * @param url the stream's URL (its host and port are used)
   * @param options the request's options: their TLS ones (ca, cert, key, rejectUnauthorized, servername: what
   *   credentials.ts sets) are used here
   */
  constructor(url: URL, options: RequestOptions) {
    const tls = url.protocol !== 'http:';
    this.#buffers = new ReadBuffers(tls ? TLS_READ_SIZE : TCP_READ_SIZE);
    const onread: OnReadOpts = {
      buffer: this.#buffers.next,
      callback: (n, buf) => {
        this.#onRead(n, buf);
        return true;
      },
    };
    // URL keeps the brackets of an IPv6 address; a socket wants it bare.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port) || (tls ? 443 : 80);
    if (tls) {
      const servername = options.servername ?? (isIP(host) ? undefined : host);
      // tls.connect takes `onread` as net.Socket does (node PR #35753, "tls: allow reading data into a static
      // buffer"); @types/node does not declare it there.
      const { ca, cert, key, rejectUnauthorized } = options;
      const tlsOptions: ConnectionOptions & { onread: OnReadOpts } = {
        host,
        port,
        ...(ca !== undefined ? { ca } : {}),
        ...(cert !== undefined ? { cert } : {}),
        ...(key !== undefined ? { key } : {}),
        ...(rejectUnauthorized !== undefined ? { rejectUnauthorized } : {}),
        ...(servername !== undefined ? { servername } : {}),
        onread,
      };
      this.socket = tlsConnect(tlsOptions);
    } else {
      this.socket = netConnect({ host, port, onread });
    }
    this.handshake = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, callback) => void this.socket.write(chunk, callback),
      final: (callback) => {
        this.socket.end();
        callback();
      },
      destroy: (err, callback) => {
        if (this.#phase === 'handshake') this.socket.destroy();
        callback(err);
      },
    });
    this.socket.on('error', (err: Error) => {
      if (this.#phase === 'handshake') this.handshake.destroy(err);
    });
    this.socket.on('close', () => {
      if (this.#phase === 'handshake') this.handshake.push(null);
    });
  }

  /** The server agreed to the WebSocket: node:http has let go of {@link handshake}, and its unread bytes are kept. */
  upgraded(): void {
    if (this.#phase !== 'handshake') return;
    this.#phase = 'upgraded';
    for (let chunk: unknown = this.handshake.read(); chunk !== null; chunk = this.handshake.read())
      if (Buffer.isBuffer(chunk)) this.#keep(chunk);
  }

  attach(sink: (chunk: Buffer) => void): void {
    this.#sink = sink;
    this.#phase = 'attached';
    const early = this.#early;
    this.#early = [];
    for (const chunk of early) sink(chunk);
    if (this.#earlyBytes >= EARLY_LIMIT) this.socket.resume();
    this.#earlyBytes = 0;
  }

  hold(): () => void {
    return this.#buffers.hold();
  }

  #onRead(n: number, buf: Uint8Array): void {
    const chunk = Buffer.from(buf.buffer, buf.byteOffset, n);
    if (this.#phase === 'attached') this.#sink?.(chunk);
    else if (this.#phase === 'upgraded') this.#keep(Buffer.from(chunk));
    else this.handshake.push(Buffer.from(chunk));
  }

  #keep(copy: Buffer): void {
    this.#early.push(copy);
    this.#earlyBytes += copy.length;
    if (this.#earlyBytes >= EARLY_LIMIT) this.socket.pause();
  }
}
