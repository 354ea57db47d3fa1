/**
 * A test-only SPDY/3.1 port-forward client that behaves like kubectl's (client-go tools/portforward with
 * moby/spdystream): header blocks through one zlib deflater primed with the SPDY/3 dictionary, sync-flushed per
 * block; per local connection an error stream then a data stream with `streamtype`, `port` and `requestid`.
 */
import { constants, createDeflate } from 'node:zlib';
import {
  dataFrame,
  decodeHeaderBlock,
  encodeHeaderBlock,
  FLAG_FIN,
  FrameParser,
  FrameType,
  HeaderInflater,
  type Frame,
  type SpdyHeaders,
} from '../../../src/demo/portforward/spdyFrames.js';
import { SPDY3_DICTIONARY } from '../../../src/demo/portforward/spdyDictionary.js';
import { Arrivals } from '../../support/arrivals.js';

/** What the client saw on one stream. */
export interface StreamLog {
  replied: boolean;
  reset: number | undefined;
  data: Buffer[];
  fin: boolean;
}

export class SpdyTestClient {
  readonly #send: (bytes: Buffer) => void;
  readonly #deflate = createDeflate({ dictionary: SPDY3_DICTIONARY, level: 9 });
  readonly #parser = new FrameParser();
  readonly #inflater = new HeaderInflater();
  #queue: Promise<void> = Promise.resolve();
  #nextId = 1;
  readonly streams = new Map<number, StreamLog>();
  readonly pings: number[] = [];
  readonly #arrivals = new Arrivals();
  transportClosed = false;
  /** Every DATA byte received, for throughput tests that do not keep the data. */
  onData: ((streamId: number, payload: Buffer) => void) | undefined;

  constructor(send: (bytes: Buffer) => void) {
    this.#send = send;
  }

  /** Feed bytes from the server. */
  receive(bytes: Buffer): void {
    for (const frame of this.#parser.push(bytes)) {
      this.#queue = this.#queue.then(() => this.#handle(frame));
    }
  }

  closed(): void {
    this.transportClosed = true;
    this.#arrivals.notify();
  }

  async #handle(frame: Frame): Promise<void> {
    if (frame.kind === 'data') {
      const log = this.#log(frame.streamId);
      if (frame.payload.length > 0) {
        if (this.onData) this.onData(frame.streamId, frame.payload);
        else log.data.push(frame.payload);
      }
      if (frame.flags & FLAG_FIN) log.fin = true;
    } else if (frame.type === FrameType.SYN_REPLY) {
      const id = frame.payload.readUInt32BE(0);
      const headers = decodeHeaderBlock(await this.#inflater.inflate(frame.payload.subarray(4)));
      if (headers.size !== 0) throw new Error('unexpected reply headers');
      this.#log(id).replied = true;
    } else if (frame.type === FrameType.RST_STREAM) {
      this.#log(frame.payload.readUInt32BE(0)).reset = frame.payload.readUInt32BE(4);
    } else if (frame.type === FrameType.PING) {
      this.pings.push(frame.payload.readUInt32BE(0));
    }
    this.#arrivals.notify();
  }

  #log(id: number): StreamLog {
    let log = this.streams.get(id);
    if (!log) {
      log = { replied: false, reset: undefined, data: [], fin: false };
      this.streams.set(id, log);
    }
    return log;
  }

  /** Resolves when `cond` holds, checked whenever something arrives; rejects after `ms`. */
  until(cond: () => boolean, ms: number, what: string): Promise<void> {
    return this.#arrivals.until(cond, ms, what);
  }

  #compress(headers: SpdyHeaders): Promise<Buffer> {
    return new Promise((resolve) => {
      this.#deflate.write(encodeHeaderBlock(headers));
      this.#deflate.flush(constants.Z_SYNC_FLUSH, () => {
        const out: Buffer[] = [];
        for (
          let c = this.#deflate.read() as Buffer | null;
          c !== null;
          c = this.#deflate.read() as Buffer | null
        ) {
          out.push(c);
        }
        resolve(Buffer.concat(out));
      });
    });
  }

  /** Sends SYN_STREAM with these headers; returns the stream id. */
  async openStream(headers: Record<string, string>, fin = false): Promise<number> {
    const id = this.#nextId;
    this.#nextId += 2;
    this.#log(id);
    const block = await this.#compress(new Map(Object.entries(headers).map(([k, v]) => [k, [v]])));
    const head = Buffer.alloc(18);
    head.writeUInt32BE(0x80030001, 0);
    head.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + 10 + block.length, 4);
    head.writeUInt32BE(id, 8);
    head.writeUInt32BE(0, 12);
    // priority and slot stay 0
    this.#send(Buffer.concat([head, block]));
    return id;
  }

  /** kubectl's handleConnection start: error stream (half-closed at once), then data stream. */
  async openForward(port: number, requestId: number): Promise<{ error: number; data: number }> {
    const headers = { streamtype: 'error', port: String(port), requestid: String(requestId) };
    const error = await this.openStream(headers);
    this.sendData(error, Buffer.alloc(0), true);
    const data = await this.openStream({ ...headers, streamtype: 'data' });
    return { error, data };
  }

  sendData(streamId: number, payload: Buffer | string, fin = false): void {
    this.#send(dataFrame(streamId, typeof payload === 'string' ? Buffer.from(payload) : payload, fin));
  }

  reset(streamId: number, status = 5): void {
    const b = Buffer.alloc(16);
    b.writeUInt32BE(0x80030003, 0);
    b.writeUInt32BE(8, 4);
    b.writeUInt32BE(streamId, 8);
    b.writeUInt32BE(status, 12);
    this.#send(b);
  }

  ping(id: number): void {
    const b = Buffer.alloc(12);
    b.writeUInt32BE(0x80030006, 0);
    b.writeUInt32BE(4, 4);
    b.writeUInt32BE(id, 8);
    this.#send(b);
  }

  text(streamId: number): string {
    return Buffer.concat(this.streams.get(streamId)?.data ?? []).toString('latin1');
  }
}
