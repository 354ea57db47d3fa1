/**
 * Port-forward over a WebSocket with the channel protocol, as the kubelet serves it
 * (pkg/kubelet/cri/streaming/portforward/websocket.go with apimachinery's wsstream/conn.go) and as client-node's
 * PortForward speaks it:
 * - for the i-th requested port, channel 2i carries data both ways and channel 2i+1 carries error text to the client;
 * - every message is one channel byte and the payload (`v4.channel.k8s.io`), or one ASCII digit and the payload in
 *   base64 in a text message (`v4.base64.channel.k8s.io`). A binary message goes out as two WebSocket frames, the
 *   channel byte and then the payload as it came, which RFC 6455 allows and every client library reassembles
 *   (ws, gorilla, the browser); it saves copying each chunk (a kubelet sends one frame, having copied);
 * - the server's first frame on each channel is the port as a little-endian uint16, written for every port before
 *   anything else;
 * - each port is dialled at once. If nothing listens, the runtime's error text goes on the error channel; when a
 *   port's connection ends, its channels are done; when every port is done, the WebSocket is closed (1000).
 * Frames on error channels or on channels beyond the ports are ignored, as wsstream does.
 *
 * Backpressure: data from the client is written to the TCP side and the WebSocket is paused while that side is
 * full (the kubelet's io.Pipe blocks its read loop the same way); data from the TCP side is sent while the
 * WebSocket's queue stays under a high-water mark and the TCP side is paused above it, so any amount of data
 * passes in bounded memory.
 */
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { ForwardSession, PortForwardRegistry } from './registry.js';
import {
  connectionRefusedMessage,
  podSandbox,
  portForwardErrorPrefix,
  type PodRef,
  type PodSandbox,
} from './sandbox.js';

/** The subprotocols the kubelet accepts for port-forward over WebSocket, in preference order. */
export const PORTFORWARD_SUBPROTOCOLS: readonly string[] = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

/**
 * The subprotocol to accept from those a client offers: the first offered one the kubelet supports, as
 * wsstream's handshake picks it; `false` if none (a client offering no subprotocol at all gets binary framing).
 * Fits `ws`'s `handleProtocols` option.
 */
export function pickPortForwardSubprotocol(offered: Iterable<string>): string | false {
  for (const protocol of offered) if (PORTFORWARD_SUBPROTOCOLS.includes(protocol)) return protocol;
  return false;
}

/** Options of {@link servePortForward}. */
export interface PortForwardOptions {
  /** The pod forwarded to: its sandbox is named in error texts, and the registry files the session under it. */
  pod: PodRef;
  /** When given, the session is tracked there until it ends, so the pod's deletion can close it. */
  registry?: PortForwardRegistry;
  /** Called once, when the WebSocket has closed and every forwarded connection is gone. */
  onClose?: () => void;
  /** Bytes queued on the WebSocket above which the TCP side is paused. Default 1 MiB. */
  highWaterMark?: number;
  /**
   * The connection under the WebSocket, when known: it is corked around the two frames of a message so that they
   * leave in one write, one TLS record and one syscall, as a kubelet's single frame does.
   */
  socket?: Duplex;
}

/** How long a close we started may wait for the client's close frame before the connection is cut. */
const CLOSE_GRACE_MS = 1000;

interface PortStream {
  readonly index: number;
  readonly port: number;
  socket: Duplex | null;
  done: boolean;
}

type RawData = WebSocket.RawData;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** The one-byte first frame of a binary message on each channel (a forward has at most 128 ports). */
const CHANNEL_BYTES: readonly Buffer[] = Array.from({ length: 256 }, (_, i) => Buffer.from([i]));

function portBytes(port: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(port, 0);
  return b;
}

class ChannelForwardSession implements ForwardSession {
  readonly ports: readonly number[];
  readonly done: Promise<void>;
  #closed = false;
  #resolveDone!: () => void;
  readonly #ws: WebSocket;
  readonly #base64: boolean;
  readonly #streams: PortStream[];
  readonly #sandbox: PodSandbox;
  readonly #options: PortForwardOptions;
  readonly #high: number;
  readonly #low: number;
  /** TCP sides whose write buffer is full: the WebSocket stays paused until all of them drain. */
  readonly #blocked = new Set<Duplex>();
  /** True while TCP sides are paused because the WebSocket's queue is over the high-water mark. */
  #readersPaused = false;
  #cutTimer: NodeJS.Timeout | undefined;

  constructor(ws: WebSocket, protocol: string, ports: readonly number[], options: PortForwardOptions) {
    this.#ws = ws;
    this.#base64 = protocol.includes('base64');
    this.ports = [...ports];
    this.#streams = ports.map((port, index) => ({ index, port, socket: null, done: false }));
    this.#sandbox = podSandbox(options.pod);
    this.#options = options;
    this.#high = options.highWaterMark ?? 1024 * 1024;
    this.#low = Math.floor(this.#high / 4);
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  start(connect: (port: number) => Duplex | null): void {
    const ws = this.#ws;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data) => this.#onMessage(toBuffer(data)));
    ws.on('close', () => this.#teardown());
    // An 'error' is always followed by 'close'; without a listener it would be thrown.
    ws.on('error', () => undefined);
    if (ws.readyState !== ws.OPEN) {
      this.#teardown();
      return;
    }
    this.#options.registry?.track(this.#options.pod.namespace, this.#options.pod.name, this);
    for (const s of this.#streams) {
      const prefix = portBytes(s.port);
      this.#send(2 * s.index, prefix);
      this.#send(2 * s.index + 1, prefix);
    }
    for (const s of this.#streams) this.#open(s, connect);
    this.#closeIfAllDone();
  }

  #open(stream: PortStream, connect: (port: number) => Duplex | null): void {
    let socket: Duplex | null;
    try {
      socket = connect(stream.port);
    } catch (err) {
      this.#finish(stream, `${portForwardErrorPrefix(stream.port, this.#sandbox)}: ${String(err)}`);
      return;
    }
    if (!socket) {
      this.#finish(stream, connectionRefusedMessage(stream.port, this.#sandbox));
      return;
    }
    stream.socket = socket;
    const dataChannel = 2 * stream.index;
    socket.on('data', (chunk: Buffer) => this.#send(dataChannel, chunk));
    // The app closed its side: everything it sent has been forwarded, so the port is done, as when containerd's
    // copy from the container returns.
    socket.on('end', () => this.#finish(stream));
    socket.on('error', (err: Error) =>
      this.#finish(stream, `${portForwardErrorPrefix(stream.port, this.#sandbox)}: ${err.message}`),
    );
    socket.on('close', () => {
      this.#unblock(socket);
      this.#finish(stream);
    });
    if (this.#readersPaused) socket.pause();
  }

  #send(channel: number, data: Buffer): void {
    const ws = this.#ws;
    if (ws.readyState !== ws.OPEN) return;
    if (this.#base64) {
      ws.send(
        String.fromCharCode(48 + channel) + data.toString('base64'),
        { binary: false },
        this.#afterSend,
      );
    } else {
      // One message in two frames: the channel byte, then the data as is. Prepending the byte would copy every
      // chunk into a fresh buffer, which at forwarding speed is most of this side's allocation and GC.
      const socket = this.#options.socket;
      socket?.cork();
      ws.send(CHANNEL_BYTES[channel]!, { binary: true, fin: false });
      ws.send(data, { binary: true, fin: true }, this.#afterSend);
      socket?.uncork();
    }
    if (!this.#readersPaused && ws.bufferedAmount >= this.#high) {
      this.#readersPaused = true;
      for (const s of this.#streams) s.socket?.pause();
    }
  }

  /**
   * Runs as each frame leaves for the socket. The last outstanding frame's callback always sees a short queue,
   * so paused TCP sides are always resumed.
   */
  readonly #afterSend = (): void => {
    if (!this.#readersPaused || this.#ws.bufferedAmount > this.#low) return;
    this.#readersPaused = false;
    for (const s of this.#streams) if (!s.done) s.socket?.resume();
  };

  #onMessage(buf: Buffer): void {
    let channel: number;
    let payload: Buffer;
    // wsstream reads text and binary messages alike; only the negotiated codec decides how to decode them.
    if (this.#base64) {
      const text = buf.toString('latin1');
      if (text.length === 0) return;
      channel = text.charCodeAt(0) - 48;
      payload = Buffer.from(text.slice(1), 'base64');
    } else {
      if (buf.length === 0) return;
      channel = buf[0]!;
      payload = buf.subarray(1);
    }
    if (channel < 0 || channel % 2 !== 0 || channel >= 2 * this.#streams.length || payload.length === 0)
      return;
    const stream = this.#streams[channel / 2]!;
    const socket = stream.socket;
    if (!socket || stream.done || socket.destroyed || socket.writableEnded) return;
    if (!socket.write(payload) && !this.#blocked.has(socket)) {
      this.#blocked.add(socket);
      this.#ws.pause();
      socket.once('drain', () => this.#unblock(socket));
    }
  }

  #unblock(socket: Duplex): void {
    if (!this.#blocked.delete(socket)) return;
    if (this.#blocked.size === 0 && !this.#closed) this.#ws.resume();
  }

  /** A port is done: its error text (if any) goes out, its connection is dropped. */
  #finish(stream: PortStream, errorText?: string): void {
    if (stream.done) return;
    stream.done = true;
    if (errorText) this.#send(2 * stream.index + 1, Buffer.from(errorText));
    const socket = stream.socket;
    if (socket) {
      this.#unblock(socket);
      if (!socket.destroyed) socket.destroy();
    }
    this.#closeIfAllDone();
  }

  #closeIfAllDone(): void {
    if (this.#streams.every((s) => s.done)) this.#closeWs();
  }

  #closeWs(): void {
    const ws = this.#ws;
    if (ws.readyState === ws.OPEN) ws.close(1000);
    if (!this.#cutTimer && ws.readyState !== ws.CLOSED) {
      // A client that never answers the close frame must not keep the session (and the pod's registry entry).
      this.#cutTimer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  close(reason?: string): void {
    if (this.#closed) return;
    for (const s of this.#streams) this.#finish(s, reason);
    this.#closeWs();
  }

  #teardown(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#cutTimer) clearTimeout(this.#cutTimer);
    for (const s of this.#streams) {
      s.done = true;
      if (s.socket && !s.socket.destroyed) s.socket.destroy();
    }
    this.#blocked.clear();
    this.#resolveDone();
    this.#options.onClose?.();
  }
}

/**
 * Serves one port-forward WebSocket: `ws` is open with `protocol` (one of {@link PORTFORWARD_SUBPROTOCOLS}, or ''
 * when the client offered none), `ports` are the `ports` query values in order, and `connect` opens a TCP-like
 * connection to a port of the pod, or returns null when nothing listens there. Returns the session, which the
 * registry in `options` also tracks.
 */
export function servePortForward(
  ws: WebSocket,
  protocol: string,
  ports: readonly number[],
  connect: (port: number) => Duplex | null,
  options: PortForwardOptions,
): ForwardSession {
  const session = new ChannelForwardSession(ws, protocol, ports, options);
  session.start(connect);
  return session;
}
