/**
 * A small SPDY/3.1 framer: just what a port-forward server needs to speak to kubectl (whose side is
 * moby/spdystream's spdy package; wire format per draft-mbelshe-httpbis-spdy-00 §2.2 and §2.6).
 *
 *   control frame: 1 | version(15) | type(16) || flags(8) | length(24) || payload
 *   data frame:    0 | stream id(31)          || flags(8) | length(24) || payload
 *
 * Header blocks are compressed with one zlib stream per direction and session, primed with the SPDY/3 dictionary.
 * Reading needs real inflation (node:zlib, asynchronous, in order). Writing uses stored (uncompressed) deflate
 * blocks: still one valid zlib stream, which any inflater (Go's included) reads, without an asynchronous deflater.
 */
import { constants, createInflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdyDictionary.js';

/** Control frame types (SPDY/3 §2.6). */
export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

/** FLAG_FIN, on data frames and on SYN_STREAM/SYN_REPLY/HEADERS. */
export const FLAG_FIN = 0x01;

/** RST_STREAM status codes used here. */
export const RstStatus = { PROTOCOL_ERROR: 1, INVALID_STREAM: 2, CANCEL: 5 } as const;

/** SPDY's version field. */
export const SPDY_VERSION = 3;

/** The largest payload of one frame: 24 bits of length. */
export const MAX_FRAME_PAYLOAD = 0xffffff;

/** One frame as it came off the wire; control payloads are decoded by the session. */
export type Frame =
  | { kind: 'control'; version: number; type: number; flags: number; payload: Buffer }
  | { kind: 'data'; streamId: number; flags: number; payload: Buffer };

/**
 * Splits a byte stream into frames, whatever the chunking (a WebSocket message may hold part of a frame or
 * several). Chunks are kept in a list and joined only when a whole frame is there, so a large frame arriving in
 * small pieces costs one copy, not one per piece.
 */
export class FrameParser {
  #chunks: Buffer[] = [];
  #size = 0;

  /** Adds bytes; returns the frames now complete, in order. */
  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#size += chunk.length;
    }
    const frames: Frame[] = [];
    for (;;) {
      if (this.#size < 8) break;
      const head = this.#peek(8);
      const length = head.readUIntBE(5, 3);
      if (this.#size < 8 + length) break;
      const whole = this.#take(8 + length);
      const flags = whole[4]!;
      const payload = whole.subarray(8);
      const first = whole.readUInt32BE(0);
      if (first & 0x80000000) {
        frames.push({
          kind: 'control',
          version: (first >>> 16) & 0x7fff,
          type: first & 0xffff,
          flags,
          payload,
        });
      } else {
        frames.push({ kind: 'data', streamId: first & 0x7fffffff, flags, payload });
      }
    }
    return frames;
  }

  #peek(n: number): Buffer {
    const first = this.#chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.#chunks).subarray(0, n);
  }

  #take(n: number): Buffer {
    const first = this.#chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.#chunks);
      out = all.subarray(0, n);
      this.#chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.#size -= n;
    return out;
  }
}

function controlHeader(type: number, flags: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeUInt32BE((0x8000 | SPDY_VERSION) * 0x10000 + type, 0);
  b.writeUInt32BE(flags * 0x1000000 + length, 4);
  return b;
}

/**
 * The 8 bytes that start a data frame of `length` payload bytes: sent before the payload, they make a frame
 * without copying the payload (SPDY is a byte stream, however its bytes are split into writes or messages).
 */
export function dataFrameHeader(streamId: number, length: number, fin = false): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeUInt32BE(streamId & 0x7fffffff, 0);
  b.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + length, 4);
  return b;
}

/** A data frame. `payload` must fit one frame (see {@link MAX_FRAME_PAYLOAD}). */
export function dataFrame(streamId: number, payload: Buffer, fin = false): Buffer {
  return Buffer.concat([dataFrameHeader(streamId, payload.length, fin), payload]);
}

/** SYN_REPLY for a stream, with an already compressed header block. */
export function synReplyFrame(streamId: number, headerBlock: Buffer, fin = false): Buffer {
  const id = Buffer.allocUnsafe(4);
  id.writeUInt32BE(streamId & 0x7fffffff, 0);
  return Buffer.concat([
    controlHeader(FrameType.SYN_REPLY, fin ? FLAG_FIN : 0, 4 + headerBlock.length),
    id,
    headerBlock,
  ]);
}

/** RST_STREAM with a status code. */
export function rstStreamFrame(streamId: number, status: number): Buffer {
  const b = controlHeader(FrameType.RST_STREAM, 0, 8);
  const body = Buffer.allocUnsafe(8);
  body.writeUInt32BE(streamId & 0x7fffffff, 0);
  body.writeUInt32BE(status, 4);
  return Buffer.concat([b, body]);
}

/** Headers as SPDY carries them: lowercase names, each with its values (NUL-separated on the wire). */
export type SpdyHeaders = Map<string, string[]>;

/** Serialises a header block (before compression): count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.allocUnsafe(4);
  count.writeUInt32BE(headers.size, 0);
  parts.push(count);
  for (const [name, values] of headers) {
    for (const text of [name.toLowerCase(), values.join('\0')]) {
      const bytes = Buffer.from(text, 'utf8');
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32BE(bytes.length, 0);
      parts.push(len, bytes);
    }
  }
  return Buffer.concat(parts);
}

/** Parses an inflated header block; throws on a truncated one. */
export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  const headers: SpdyHeaders = new Map();
  let offset = 0;
  const readString = (): string => {
    if (offset + 4 > block.length) throw new Error('truncated header block');
    const len = block.readUInt32BE(offset);
    offset += 4;
    if (offset + len > block.length) throw new Error('truncated header block');
    const s = block.toString('utf8', offset, offset + len);
    offset += len;
    return s;
  };
  if (block.length < 4) throw new Error('truncated header block');
  const count = block.readUInt32BE(0);
  offset = 4;
  for (let i = 0; i < count; i++) {
    const name = readString().toLowerCase();
    const values = readString().split('\0');
    headers.set(name, [...(headers.get(name) ?? []), ...values]);
  }
  return headers;
}

const SYNC_FLUSH_MARKER = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

/**
 * Compresses header blocks for one session's outgoing direction as stored deflate blocks in a single zlib stream
 * (RFC 1950/1951): the zlib header once, then per block `00 LEN NLEN bytes` and an empty stored block. No
 * dictionary is declared, so none is needed to read it.
 */
export class StoredHeaderDeflater {
  #started = false;

  compress(raw: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.#started) {
      // CMF 0x78 (deflate, 32K window), FLG 0x01: no dictionary, check bits make 0x7801 a multiple of 31.
      parts.push(Buffer.from([0x78, 0x01]));
      this.#started = true;
    }
    for (let offset = 0; offset < raw.length; offset += 0xffff) {
      const piece = raw.subarray(offset, offset + 0xffff);
      const head = Buffer.allocUnsafe(5);
      head[0] = 0x00; // BFINAL 0, BTYPE 00 (stored), padding to the byte boundary
      head.writeUInt16LE(piece.length, 1);
      head.writeUInt16LE(~piece.length & 0xffff, 3);
      parts.push(head, piece);
    }
    // The sync-flush marker, an empty stored block, ends every block as Z_SYNC_FLUSH does. Go's inflater only
    // hands out a stored block's bytes once it has read the next block's header: without the marker it would read
    // past the frame, fail, and keep failing on every later header block of the session.
    parts.push(SYNC_FLUSH_MARKER);
    return Buffer.concat(parts);
  }
}

/**
 * Inflates one session's incoming header blocks, in order, with the SPDY/3 dictionary. Each block is fed to the
 * same zlib stream and sync-flushed, as the sender flushed it.
 */
export class HeaderInflater {
  readonly #inflate = createInflate({ dictionary: SPDY3_DICTIONARY });
  #error: Error | undefined;
  #pending: ((err: Error) => void) | undefined;

  constructor() {
    this.#inflate.on('error', (err: Error) => {
      this.#error = err;
      this.#pending?.(err);
    });
  }

  /** The inflated block. Calls must not overlap: the session awaits each before the next frame. */
  inflate(block: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.#error) {
        reject(this.#error);
        return;
      }
      this.#pending = reject;
      this.#inflate.write(block);
      this.#inflate.flush(constants.Z_SYNC_FLUSH, () => {
        this.#pending = undefined;
        if (this.#error) {
          reject(this.#error);
          return;
        }
        // Paused mode: everything inflated before the flush completed is buffered and read here.
        const out: Buffer[] = [];
        for (
          let c: Buffer | null = this.#inflate.read() as Buffer | null;
          c !== null;
          c = this.#inflate.read() as Buffer | null
        ) {
          out.push(c);
        }
        resolve(Buffer.concat(out));
      });
    });
  }

  close(): void {
    this.#inflate.destroy();
  }
}
