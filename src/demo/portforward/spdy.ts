/**
 * Port-forward over SPDY/3.1, the protocol kubectl speaks (it never uses the channel protocol):
 * - kubectl 1.31+ tunnels SPDY through a WebSocket with subprotocol `SPDY/3.1+portforward.k8s.io`: each binary
 *   message is a piece of one continuous SPDY byte stream (client-go tools/portforward/tunneling_connection.go);
 * - older kubectl, or any kubectl whose WebSocket upgrade failed, upgrades the HTTP connection itself
 *   (`Upgrade: SPDY/3.1`, `X-Stream-Protocol-Version: portforward.k8s.io`) and runs SPDY on the raw socket.
 *
 * The server side follows the kubelet's pkg/kubelet/cri/streaming/portforward/httpstream.go: each local connection
 * of kubectl opens an error stream and a data stream (headers `streamtype`, `port`, `requestid`); every stream gets
 * a SYN_REPLY (client-go waits for it); the two are paired by `requestid` and, once both are there, the port is
 * dialled. Failures are written to the error stream; when the forwarded connection ends both streams are closed
 * with FIN, which is what lets kubectl finish that connection. The session itself stays up for further connections
 * until the client closes it.
 */
import { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { PortForwardOptions } from './channel.js';
import type { ForwardSession } from './registry.js';
import { connectionRefusedMessage, podSandbox, portForwardErrorPrefix, type PodSandbox } from './sandbox.js';
import {
  dataFrame,
  dataFrameHeader,
  decodeHeaderBlock,
  encodeHeaderBlock,
  FLAG_FIN,
  FrameParser,
  FrameType,
  HeaderInflater,
  MAX_FRAME_PAYLOAD,
  rstStreamFrame,
  RstStatus,
  SPDY_VERSION,
  StoredHeaderDeflater,
  synReplyFrame,
  type Frame,
  type SpdyHeaders,
} from './spdyFrames.js';

/** The WebSocket subprotocol of kubectl's tunnelled SPDY (apimachinery `WebsocketsSPDYTunnelingPortForwardV1`). */
export const SPDY_PORTFORWARD_SUBPROTOCOL = 'SPDY/3.1+portforward.k8s.io';

/** The stream protocol kubectl asks for in `X-Stream-Protocol-Version` on a raw SPDY upgrade. */
export const PORTFORWARD_STREAM_PROTOCOL = 'portforward.k8s.io';

/**
 * The response head that switches a raw HTTP/1.1 connection to SPDY (spdy.ResponseUpgrader plus
 * httpstream.Handshake's protocol header); write it to the socket, then call {@link serveSpdyPortForward}.
 */
export function spdyUpgradeResponseHead(): string {
  return (
    'HTTP/1.1 101 Switching Protocols\r\n' +
    'Connection: Upgrade\r\n' +
    'Upgrade: SPDY/3.1\r\n' +
    `X-Stream-Protocol-Version: ${PORTFORWARD_STREAM_PROTOCOL}\r\n\r\n`
  );
}

/** Options of {@link serveSpdyPortForward}. */
export interface SpdyPortForwardOptions extends PortForwardOptions {
  /** Bytes that arrived after the HTTP upgrade head (node's `upgrade` event `head`), raw sockets only. */
  head?: Buffer;
}

const CLOSE_GRACE_MS = 1000;

/** The kubelet's default streamCreationTimeout: how long the second stream of a pair may take. */
const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** The byte stream under the SPDY session: a WebSocket tunnel or an upgraded socket. */
interface Transport {
  write(bytes: Buffer, done: () => void): void;
  /** Bytes written but not yet handed to the kernel. */
  queued(): number;
  pause(): void;
  resume(): void;
  /** Ends the connection politely. */
  close(): void;
  /** Cuts the connection. */
  kill(): void;
  isOpen(): boolean;
}

function wsTransport(ws: WebSocket, onBytes: (b: Buffer) => void, onClosed: () => void): Transport {
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data) => {
    if (Buffer.isBuffer(data)) onBytes(data);
    else if (Array.isArray(data)) onBytes(Buffer.concat(data));
    else onBytes(Buffer.from(data));
  });
  ws.on('close', onClosed);
  // 'close' always follows 'error'; without a listener the error would be thrown.
  ws.on('error', () => undefined);
  return {
    write: (bytes, done) => ws.send(bytes, { binary: true }, () => done()),
    queued: () => ws.bufferedAmount,
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    // 1000 is what client-go's tunnel turns into a clean EOF.
    close: () => ws.close(1000),
    kill: () => ws.terminate(),
    isOpen: () => ws.readyState === ws.OPEN,
  };
}

function socketTransport(socket: Duplex, onBytes: (b: Buffer) => void, onClosed: () => void): Transport {
  socket.on('data', (chunk: Buffer) => onBytes(chunk));
  socket.on('end', () => socket.destroy());
  socket.on('close', onClosed);
  socket.on('error', () => undefined);
  return {
    write: (bytes, done) => {
      socket.write(bytes, () => done());
    },
    queued: () => socket.writableLength,
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    close: () => socket.end(),
    kill: () => socket.destroy(),
    isOpen: () => !socket.destroyed && socket.writable,
  };
}

/** A kubectl connection: its error stream and data stream, paired by request id. */
interface Pair {
  readonly requestId: string;
  errorId?: number;
  dataId?: number;
  port: number;
  socket: Duplex | null;
  started: boolean;
  done: boolean;
  /** Data the client sent on the data stream before the pair was complete. */
  pending: Buffer[];
  pendingFin: boolean;
  timer: NodeJS.Timeout | undefined;
}

function header(headers: SpdyHeaders, name: string): string {
  return headers.get(name)?.[0] ?? '';
}

class SpdyForwardSession implements ForwardSession {
  readonly done: Promise<void>;
  #resolveDone!: () => void;
  #closed = false;
  readonly #transport: Transport;
  readonly #connect: (port: number) => Duplex | null;
  readonly #options: SpdyPortForwardOptions;
  readonly #sandbox: PodSandbox;
  readonly #high: number;
  readonly #low: number;
  readonly #parser = new FrameParser();
  readonly #inflater = new HeaderInflater();
  readonly #deflater = new StoredHeaderDeflater();
  /** Frames are handled strictly in order; header blocks make that asynchronous. */
  #queue: Promise<void> = Promise.resolve();
  readonly #pairs = new Map<string, Pair>();
  readonly #streams = new Map<number, { pair: Pair; type: 'error' | 'data' }>();
  readonly #ports = new Set<number>();
  readonly #blocked = new Set<Duplex>();
  #readersPaused = false;
  /** Set by a protocol error: the header stream may be out of step, so nothing more is read. */
  #broken = false;
  #cutTimer: NodeJS.Timeout | undefined;

  constructor(
    transport: WebSocket | Duplex,
    connect: (port: number) => Duplex | null,
    options: SpdyPortForwardOptions,
  ) {
    this.#connect = connect;
    this.#options = options;
    this.#sandbox = podSandbox(options.pod);
    this.#high = options.highWaterMark ?? 1024 * 1024;
    this.#low = Math.floor(this.#high / 4);
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    const onBytes = (b: Buffer) => this.#onBytes(b);
    const onClosed = () => this.#teardown();
    this.#transport =
      transport instanceof Duplex
        ? socketTransport(transport, onBytes, onClosed)
        : wsTransport(transport, onBytes, onClosed);
    if (!this.#transport.isOpen()) {
      this.#teardown();
      return;
    }
    options.registry?.track(options.pod.namespace, options.pod.name, this);
    if (options.head && options.head.length > 0) this.#onBytes(options.head);
  }

  get ports(): readonly number[] {
    return [...this.#ports];
  }

  get closed(): boolean {
    return this.#closed;
  }

  #onBytes(chunk: Buffer): void {
    if (this.#closed) return;
    let frames: Frame[];
    try {
      frames = this.#parser.push(chunk);
    } catch {
      this.#fail();
      return;
    }
    for (const frame of frames) {
      this.#queue = this.#queue.then(() => this.#handle(frame)).catch(() => this.#fail());
    }
  }

  /** A protocol error: the session cannot go on. */
  #fail(): void {
    if (this.#closed || this.#broken) return;
    this.#broken = true;
    for (const pair of [...this.#pairs.values()]) this.#finish(pair);
    this.#closeTransport();
  }

  #send(bytes: Buffer): void {
    if (this.#closed || !this.#transport.isOpen()) return;
    this.#transport.write(bytes, this.#afterWrite);
    if (!this.#readersPaused && this.#transport.queued() >= this.#high) {
      this.#readersPaused = true;
      for (const pair of this.#pairs.values()) pair.socket?.pause();
    }
  }

  /** The last outstanding write always sees a short queue, so paused TCP sides always resume. */
  readonly #afterWrite = (): void => {
    if (!this.#readersPaused || this.#transport.queued() > this.#low) return;
    this.#readersPaused = false;
    for (const pair of this.#pairs.values()) if (!pair.done) pair.socket?.resume();
  };

  async #handle(frame: Frame): Promise<void> {
    if (this.#closed || this.#broken) return;
    if (frame.kind === 'data') {
      this.#onData(frame.streamId, frame.flags, frame.payload);
      return;
    }
    if (frame.version !== SPDY_VERSION) throw new Error(`unsupported SPDY version ${frame.version}`);
    const p = frame.payload;
    switch (frame.type) {
      case FrameType.SYN_STREAM: {
        if (p.length < 10) throw new Error('short SYN_STREAM');
        const streamId = p.readUInt32BE(0) & 0x7fffffff;
        const headers = decodeHeaderBlock(await this.#inflater.inflate(p.subarray(10)));
        this.#onSynStream(streamId, frame.flags, headers);
        return;
      }
      case FrameType.SYN_REPLY:
      case FrameType.HEADERS:
        // Never expected from a client, but their header blocks advance the shared zlib stream all the same.
        if (p.length >= 4) await this.#inflater.inflate(p.subarray(4));
        return;
      case FrameType.RST_STREAM:
        if (p.length >= 8) this.#onReset(p.readUInt32BE(0) & 0x7fffffff);
        return;
      case FrameType.PING:
        // Pings from the client (odd ids) are answered by echoing them, as spdystream does.
        if (p.length >= 4 && (p.readUInt32BE(0) & 1) === 1) {
          const ping = Buffer.allocUnsafe(12);
          ping.writeUInt32BE(0x80030006, 0);
          ping.writeUInt32BE(4, 4);
          p.copy(ping, 8, 0, 4);
          this.#send(ping);
        }
        return;
      default:
        // SETTINGS, WINDOW_UPDATE (spdystream does no flow control), GOAWAY (the client closes the connection
        // itself) and unknown types need nothing.
        return;
    }
  }

  #onSynStream(streamId: number, flags: number, headers: SpdyHeaders): void {
    // The kubelet's httpStreamReceived: a stream without a valid port or stream type is reset, not answered.
    const portText = header(headers, 'port');
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    const type = header(headers, 'streamtype');
    if (!(port >= 1 && port <= 65535) || (type !== 'error' && type !== 'data')) {
      this.#send(rstStreamFrame(streamId, RstStatus.CANCEL));
      return;
    }
    this.#send(synReplyFrame(streamId, this.#deflater.compress(encodeHeaderBlock(new Map()))));
    // Old clients send no request id: the kubelet derives one from the stream ids (error n, data n+2).
    const requestId = header(headers, 'requestid') || String(type === 'error' ? streamId : streamId - 2);
    let pair = this.#pairs.get(requestId);
    if (!pair) {
      const created: Pair = {
        requestId,
        port,
        socket: null,
        started: false,
        done: false,
        pending: [],
        pendingFin: false,
        timer: undefined,
      };
      // The kubelet's monitorStreamPair: a pair still missing a stream after the timeout is given up.
      created.timer = setTimeout(() => {
        if (!created.started) {
          this.#finish(created, `(conn=&{0xc000a2c000}, request=${requestId}) timed out waiting for streams`);
        }
      }, STREAM_CREATION_TIMEOUT_MS).unref();
      pair = created;
      this.#pairs.set(requestId, pair);
    }
    if ((type === 'error' && pair.errorId !== undefined) || (type === 'data' && pair.dataId !== undefined)) {
      this.#writeError(
        pair,
        `error processing stream for request ${requestId}: ${type} stream already assigned`,
      );
      return;
    }
    if (type === 'error') {
      pair.errorId = streamId;
    } else {
      pair.dataId = streamId;
      // The kubelet forwards to the data stream's port.
      pair.port = port;
      if (flags & FLAG_FIN) pair.pendingFin = true;
    }
    this.#streams.set(streamId, { pair, type });
    if (pair.errorId !== undefined && pair.dataId !== undefined) this.#start(pair);
  }

  #writeError(pair: Pair, text: string): void {
    if (pair.errorId !== undefined) this.#send(dataFrame(pair.errorId, Buffer.from(text)));
  }

  #start(pair: Pair): void {
    pair.started = true;
    clearTimeout(pair.timer);
    this.#ports.add(pair.port);
    let socket: Duplex | null;
    try {
      socket = this.#connect(pair.port);
    } catch (err) {
      this.#finish(pair, `${portForwardErrorPrefix(pair.port, this.#sandbox)}: ${String(err)}`);
      return;
    }
    if (!socket) {
      this.#finish(pair, connectionRefusedMessage(pair.port, this.#sandbox));
      return;
    }
    pair.socket = socket;
    const dataId = pair.dataId!;
    socket.on('data', (chunk: Buffer) => {
      // Header and payload as two writes: copying every chunk behind a fresh header would cost more than the
      // extra write (a WebSocket tunnel is a byte stream too, so two messages are fine).
      for (let offset = 0; offset < chunk.length; offset += MAX_FRAME_PAYLOAD) {
        const piece = chunk.subarray(offset, offset + MAX_FRAME_PAYLOAD);
        this.#send(dataFrameHeader(dataId, piece.length));
        this.#send(piece);
      }
    });
    // The app closed its side and everything it sent is out: close both streams, as the kubelet does when the
    // runtime's copy returns.
    socket.on('end', () => this.#finish(pair));
    socket.on('error', (err: Error) =>
      this.#finish(pair, `${portForwardErrorPrefix(pair.port, this.#sandbox)}: ${err.message}`),
    );
    socket.on('close', () => {
      this.#unblock(socket);
      this.#finish(pair);
    });
    for (const chunk of pair.pending.splice(0)) this.#write(pair, chunk);
    if (pair.pendingFin) socket.end();
    if (this.#readersPaused) socket.pause();
  }

  #write(pair: Pair, chunk: Buffer): void {
    const socket = pair.socket;
    if (!socket || socket.destroyed || socket.writableEnded) return;
    if (!socket.write(chunk) && !this.#blocked.has(socket)) {
      this.#blocked.add(socket);
      this.#transport.pause();
      socket.once('drain', () => this.#unblock(socket));
    }
  }

  #unblock(socket: Duplex): void {
    if (!this.#blocked.delete(socket)) return;
    if (this.#blocked.size === 0 && !this.#closed) this.#transport.resume();
  }

  #onData(streamId: number, flags: number, payload: Buffer): void {
    const ref = this.#streams.get(streamId);
    // Unknown or finished streams: spdystream drops such frames too.
    if (!ref || ref.type === 'error') return;
    const pair = ref.pair;
    if (payload.length > 0) {
      if (pair.started) this.#write(pair, payload);
      else pair.pending.push(payload);
    }
    if (flags & FLAG_FIN) {
      // kubectl's local connection closed: half-close towards the app, which then finishes the pair.
      if (pair.started) {
        if (pair.socket && !pair.socket.writableEnded) pair.socket.end();
      } else {
        pair.pendingFin = true;
      }
    }
  }

  #onReset(streamId: number): void {
    const ref = this.#streams.get(streamId);
    if (!ref) return;
    // kubectl resets the data stream once it is done with a connection; a reset while data still flows means
    // it gave up on it. Either way the pair ends, and the FIN on the error stream lets kubectl move on.
    if (ref.type === 'data') this.#finish(ref.pair);
    else this.#streams.delete(streamId);
  }

  /** A pair is done: error text (if any) and FIN on both streams, connection dropped, streams forgotten. */
  #finish(pair: Pair, errorText?: string): void {
    if (pair.done) return;
    pair.done = true;
    clearTimeout(pair.timer);
    if (errorText) this.#writeError(pair, errorText);
    if (pair.dataId !== undefined) {
      this.#send(dataFrame(pair.dataId, Buffer.alloc(0), true));
      this.#streams.delete(pair.dataId);
    }
    if (pair.errorId !== undefined) {
      this.#send(dataFrame(pair.errorId, Buffer.alloc(0), true));
      this.#streams.delete(pair.errorId);
    }
    this.#pairs.delete(pair.requestId);
    const socket = pair.socket;
    if (socket) {
      this.#unblock(socket);
      if (!socket.destroyed) socket.destroy();
    }
  }

  #closeTransport(): void {
    if (this.#transport.isOpen()) this.#transport.close();
    if (!this.#cutTimer && !this.#closed) {
      // A client that does not finish the close must not keep the session alive.
      this.#cutTimer = setTimeout(() => this.#transport.kill(), CLOSE_GRACE_MS).unref();
    }
  }

  close(reason?: string): void {
    if (this.#closed) return;
    for (const pair of [...this.#pairs.values()]) this.#finish(pair, reason);
    this.#closeTransport();
  }

  #teardown(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#cutTimer) clearTimeout(this.#cutTimer);
    for (const pair of this.#pairs.values()) {
      pair.done = true;
      clearTimeout(pair.timer);
      if (pair.socket && !pair.socket.destroyed) pair.socket.destroy();
    }
    this.#pairs.clear();
    this.#streams.clear();
    this.#blocked.clear();
    this.#inflater.close();
    this.#resolveDone();
    this.#options.onClose?.();
  }
}

/**
 * Serves kubectl's port-forward on `transport`: an open WebSocket that negotiated
 * {@link SPDY_PORTFORWARD_SUBPROTOCOL}, or a socket already switched with {@link spdyUpgradeResponseHead} (pass
 * the upgrade's leftover bytes as `options.head`). `connect` opens a connection to a pod port or returns null when
 * nothing listens there. The session lasts until the client closes it, or `close()` (the registry) ends it.
 */
export function serveSpdyPortForward(
  transport: WebSocket | Duplex,
  connect: (port: number) => Duplex | null,
  options: SpdyPortForwardOptions,
): ForwardSession {
  return new SpdyForwardSession(transport, connect, options);
}
