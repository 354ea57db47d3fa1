/**
 * The client end of one port-forward WebSocket (RFC 6455) once the upgrade is done, reading frames as a stream:
 * the payload of a data message is handed on in the pieces the connection delivered, never gathered into a message
 * first. `ws` gathers every message into a fresh buffer, which at forwarding speed doubled the memory this process
 * allocated per byte and, with a dashboard's heap, made full garbage collections the largest cost (measured with
 * test/bench/portforward.mjs). Given a {@link ReadSource} (directConnection.ts) the connection's reads land in
 * reused buffers and are read from there, so nothing at all is allocated per byte received. Data frames are built
 * and masked by maskedFrames.ts, control frames by `ws`'s own `Sender.frame`. Control frames are answered as `ws` answers them: a ping with a
 * pong, a close with a close, then the connection ends.
 */
import type { Socket } from 'node:net';
import * as wsModule from 'ws';
import { ChannelDecoder, DATA_CHANNEL } from './channelFrames.js';
import type { ReadSource } from './directConnection.js';
import { MaskedFrames } from './maskedFrames.js';

/** What a stream tells its user. */
export interface StreamHandlers {
  /**
   * Bytes on the data channel, in order: a view of a received buffer, which may be reused once this returns;
   * to use the bytes later (a write that completes later), call {@link StreamSocket.hold} in here.
   */
  data(chunk: Buffer): void;
  /** Both channels' port prefixes have come: the server accepted the stream. */
  opened?(): void;
  /** Text came on the error channel (see {@link StreamSocket.errorText}). */
  errorText?(): void;
  /** The connection is gone: the server's close code (1005 none given, 1006 no close frame), and what cut it. */
  close(code: number, error: Error | undefined): void;
}

interface FrameOptions {
  fin: boolean;
  mask: boolean;
  opcode: number;
  readOnly: boolean;
  rsv1: boolean;
  /** Fills the masking key (random when absent); maskedFrames.test.ts gives one to compare frames. */
  generateMask?: (key: Buffer) => void;
}
/** `ws` exports its Sender (a named export of its ESM entry); @types/ws does not declare it. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- an export @types/ws does not declare
export const { Sender } = wsModule as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
};

const OP_TEXT = 1;
const OP_BINARY = 2;
const OP_CLOSE = 8;
const OP_PING = 9;
const OP_PONG = 10;

/** What {@link StreamSocket.hold} gives when the bytes are not in a reused buffer. */
const noHold = (): void => undefined;

/** How long a close we started waits for the server's close frame, as `ws` waits. */
const CLOSE_TIMEOUT_MS = 30_000;

export class StreamSocket {
  readonly #socket: Socket;
  readonly #source: ReadSource | undefined;
  readonly #decoder = new ChannelDecoder();
  readonly #frames = new MaskedFrames();
  #handlers: StreamHandlers | undefined;
  #head: Buffer;
  #state: 'open' | 'closing' | 'closed' = 'open';
  #closeSent = false;
  /** The code of the server's close frame; undefined until one comes. */
  #closeCode: number | undefined;
  #error: Error | undefined;
  #closeTimer: NodeJS.Timeout | undefined;
  #socketClosed = false;
  readonly #errorBytes: Buffer[] = [];

  // The frame being read.
  /** Bytes of a frame header that arrived split. */
  #partial: Buffer | undefined;
  #inFrame = false;
  #opcode = 0;
  #fin = false;
  /** Payload bytes of the current frame still to come. */
  #remaining = 0;
  /** The opcode of the data message being read (text or binary), 0 between messages. */
  #message = 0;
  #control: Buffer[] = [];
  /** Set once a close frame came or the stream broke: nothing more is read. */
  #done = false;

  /**
   * @param socket the upgraded connection
   * @param head bytes that came with the upgrade response
   * @param source where the bytes after `head` come from when the socket reads into reused buffers; otherwise
   *   they are the socket's 'data'
   */
  constructor(socket: Socket, head: Buffer, source?: ReadSource) {
    this.#socket = socket;
    this.#source = source;
    this.#head = head;
    socket.setNoDelay(true);
    socket.setTimeout(0);
    socket.on('error', (err: Error) => (this.#error ??= err));
    socket.on('close', () => {
      this.#socketClosed = true;
      if (this.#handlers) this.#closed();
    });
  }

  /** Starts reading: nothing is delivered before, so the handlers see every byte. */
  start(handlers: StreamHandlers): void {
    if (this.#handlers) throw new Error('the stream is already started');
    this.#handlers = handlers;
    if (this.#socketClosed) {
      queueMicrotask(() => this.#closed());
      return;
    }
    const head = this.#head;
    this.#head = Buffer.alloc(0);
    if (head.length) this.#read(head);
    if (this.#source) this.#source.attach((chunk) => this.#read(chunk));
    else this.#socket.on('data', (chunk: Buffer) => this.#read(chunk));
  }

  /**
   * Keeps the chunk being handed to {@link StreamHandlers.data} valid until the returned function is called (call
   * it once, when the bytes have been used; a write's callback). Only valid during that call.
   */
  hold(): () => void {
    return this.#source?.hold() ?? noHold;
  }

  /** Whether data can still be sent. */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Bytes accepted by {@link send} and not yet handed to the OS. */
  get bufferedAmount(): number {
    return this.#socket.writableLength;
  }

  /** What came on the error channel so far. */
  get errorText(): string {
    return Buffer.concat(this.#errorBytes).toString('utf8');
  }

  /** Sends bytes on the data channel; `done` runs once they are handed to the OS. */
  send(chunk: Buffer, done?: () => void): void {
    const socket = this.#socket;
    if (this.#state !== 'open' || socket.destroyed || !socket.writable) return;
    const frame = this.#frames.data(chunk);
    socket.write(frame.bytes, () => {
      frame.release();
      done?.();
    });
  }

  /** Stops reading until {@link resume}: the server's sends back up to it. */
  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    if (!this.#done) this.#socket.resume();
  }

  /** Starts the closing handshake; the connection ends when the server answers, or after 30 s. */
  close(code = 1000): void {
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    this.#sendClose(code);
    this.#closeTimer = setTimeout(() => this.#socket.destroy(), CLOSE_TIMEOUT_MS).unref();
  }

  /** Drops the connection at once. */
  terminate(): void {
    this.#state = 'closing';
    this.#socket.destroy();
  }

  #write(opcode: number, payload: Buffer, done?: () => void): void {
    const parts = Sender.frame(payload, { fin: true, mask: true, opcode, readOnly: false, rsv1: false });
    const socket = this.#socket;
    if (socket.destroyed || !socket.writable) return;
    socket.cork();
    parts.forEach((part, i) => socket.write(part, i === parts.length - 1 ? done : undefined));
    socket.uncork();
  }

  #sendClose(code: number | undefined): void {
    if (this.#closeSent) return;
    this.#closeSent = true;
    const payload = Buffer.alloc(code === undefined ? 0 : 2);
    if (code !== undefined) payload.writeUInt16BE(code, 0);
    this.#write(OP_CLOSE, payload);
  }

  #closed(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#done = true;
    clearTimeout(this.#closeTimer);
    this.#handlers?.close(this.#closeCode ?? 1006, this.#error);
  }

  /** A broken frame: the connection is closed with 1002 (protocol error), as `ws` does, and the reason kept. */
  #fail(reason: string): void {
    this.#done = true;
    this.#error ??= new Error(`invalid WebSocket frame from the server: ${reason}`);
    this.#state = 'closing';
    this.#sendClose(1002);
    this.#socket.end();
    this.#closeTimer ??= setTimeout(() => this.#socket.destroy(), CLOSE_TIMEOUT_MS).unref();
  }

  #read(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.#done) {
      if (!this.#inFrame) {
        offset = this.#readHeader(chunk, offset);
        if (offset < 0) return;
        continue;
      }
      const take = Math.min(this.#remaining, chunk.length - offset);
      const piece = chunk.subarray(offset, offset + take);
      offset += take;
      this.#remaining -= take;
      this.#payload(piece);
      if (this.#remaining === 0) this.#endFrame();
    }
  }

  /** Reads a frame header at `offset`; returns where its payload starts, or -1 if the header is not all here. */
  #readHeader(chunk: Buffer, offset: number): number {
    const partial = this.#partial;
    const buf = partial
      ? Buffer.concat([partial, chunk.subarray(offset, offset + 14)])
      : chunk.subarray(offset);
    let need = 2;
    if (buf.length >= 2) {
      const len7 = buf.readUInt8(1) & 0x7f;
      need += len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
      if (buf.readUInt8(1) & 0x80) need += 4;
    }
    if (buf.length < need) {
      // A few bytes at most: copied so the buffer they came in is not kept.
      this.#partial = Buffer.concat([partial ?? Buffer.alloc(0), chunk.subarray(offset)]);
      return -1;
    }
    this.#partial = undefined;
    const b0 = buf.readUInt8(0);
    const b1 = buf.readUInt8(1);
    const len7 = b1 & 0x7f;
    let length = len7;
    if (len7 === 126) length = buf.readUInt16BE(2);
    else if (len7 === 127) {
      const high = buf.readUInt32BE(2);
      if (high > 0x1fffff) {
        this.#fail('payload length over 2^53');
        return -1;
      }
      length = high * 0x100000000 + buf.readUInt32BE(6);
    }
    const next = offset + need - (partial?.length ?? 0);
    if (b0 & 0x70) this.#fail('reserved bits set (no extension was agreed)');
    else if (b1 & 0x80) this.#fail('a masked frame (a server must not mask)');
    else this.#startFrame(b0 & 0x0f, (b0 & 0x80) !== 0, length);
    return this.#done ? -1 : next;
  }

  #startFrame(opcode: number, fin: boolean, length: number): void {
    if (opcode >= OP_CLOSE) {
      if (opcode > OP_PONG) return this.#fail(`unknown opcode ${opcode}`);
      if (!fin || length > 125) return this.#fail('a fragmented or long control frame');
      this.#control = [];
    } else if (opcode === 0) {
      if (!this.#message) return this.#fail('a continuation frame outside a message');
    } else if (opcode === OP_TEXT || opcode === OP_BINARY) {
      if (this.#message) return this.#fail('a new message before the last one ended');
      this.#message = opcode;
      this.#decoder.startMessage();
    } else {
      return this.#fail(`unknown opcode ${opcode}`);
    }
    this.#opcode = opcode;
    this.#fin = fin;
    this.#remaining = length;
    this.#inFrame = true;
    if (length === 0) this.#endFrame();
  }

  #payload(piece: Buffer): void {
    if (this.#opcode >= OP_CLOSE) {
      // Copied: the piece's buffer may be reused before the frame ends (125 bytes at most).
      this.#control.push(Buffer.from(piece));
      return;
    }
    // Text messages are not part of this protocol: skipped, as the kubelet never sends them.
    if (this.#message !== OP_BINARY) return;
    const wasOpened = this.#decoder.opened;
    const decoded = this.#decoder.decode(piece);
    if (!wasOpened && this.#decoder.opened) this.#handlers?.opened?.();
    if (!decoded || decoded.payload.length === 0) return;
    if (decoded.channel === DATA_CHANNEL) {
      this.#handlers?.data(decoded.payload);
    } else {
      // Copied: error text is short, and a view would keep a whole received buffer.
      this.#errorBytes.push(Buffer.from(decoded.payload));
      this.#handlers?.errorText?.();
    }
  }

  #endFrame(): void {
    this.#inFrame = false;
    if (this.#opcode < OP_CLOSE) {
      if (this.#fin) this.#message = 0;
      return;
    }
    const payload = Buffer.concat(this.#control);
    this.#control = [];
    if (this.#opcode === OP_PING) {
      if (this.#state === 'open') this.#write(OP_PONG, payload);
    } else if (this.#opcode === OP_CLOSE) {
      if (payload.length === 1) return this.#fail('a close frame with a 1-byte payload');
      this.#closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      this.#done = true;
      // Answered with the same code, then our side ends; the server closes the connection.
      this.#sendClose(this.#closeCode === 1005 ? undefined : this.#closeCode);
      this.#state = 'closing';
      this.#socket.end();
      this.#closeTimer ??= setTimeout(() => this.#socket.destroy(), CLOSE_TIMEOUT_MS).unref();
    }
  }
}
