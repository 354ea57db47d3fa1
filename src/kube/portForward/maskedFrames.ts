/**
 * The data messages a forward sends to the server (the upload path), each built in one buffer: the WebSocket
 * header, the channel byte, then the local bytes copied and masked (RFC 6455 §5.3: every client frame is masked
 * with a fresh random key). `ws`'s `Sender.frame` masks byte by byte in JS after the channel byte's copy; with
 * `--echo`, test/bench/portforward.mjs measured that loop and its garbage as the largest share of the forward's
 * CPU per uploaded MiB. Here the mask is applied four bytes at a time, and the buffers are reused once a write is
 * done with them. The wire format is `ws`'s, byte for byte (maskedFrames.test.ts compares them).
 */
import { randomFillSync } from 'node:crypto';
import { DATA_CHANNEL } from './channelFrames.js';

const OP_BINARY = 2;
/** Random bytes drawn at once for mask keys (as `ws` draws them), 4 per frame. */
const RANDOM_POOL_SIZE = 8 * 1024;
/** The largest header: 2 bytes, a 64-bit length, the 4-byte key. */
const MAX_HEADER = 14;
/** Frames up to this payload (a 64 KiB local read and its channel byte) are built in reused buffers. */
const REUSED_PAYLOAD = 64 * 1024 + 1;
/** Free buffers kept for reuse: enough for the 1 MiB a connection may queue (pipeConnection.ts) in 64 KiB frames. */
const MAX_FREE = 16;

const randomPool = Buffer.alloc(RANDOM_POOL_SIZE);
let randomAt = RANDOM_POOL_SIZE;

/** The key bytes lined up with a word that starts `phase` bytes into the payload, as one 32-bit word. */
const keyWord = new Uint32Array(1);
const keyBytes = new Uint8Array(keyWord.buffer);

/**
 * XORs `length` bytes of `buf` from `from` with the 4-byte `key` (byte i with key[i % 4]), in place: byte by byte
 * up to a 4-byte boundary, then as 32-bit words, then the last bytes.
 */
export function maskInPlace(buf: Buffer, from: number, length: number, key: Uint8Array): void {
  const end = from + length;
  let i = from;
  const k = (at: number): number => key[(at - from) & 3] ?? 0;
  const lead = (4 - ((buf.byteOffset + i) & 3)) & 3;
  for (const stop = Math.min(end, i + lead); i < stop; i++) buf[i] = (buf[i] ?? 0) ^ k(i);
  const words = (end - i) >>> 2;
  if (words > 0) {
    for (let j = 0; j < 4; j++) keyBytes[j] = k(i + j);
    const mask = keyWord[0] ?? 0;
    const view = new Uint32Array(buf.buffer, buf.byteOffset + i, words);
    for (let j = 0; j < words; j++) view[j] = (view[j] ?? 0) ^ mask;
    i += words * 4;
  }
  for (; i < end; i++) buf[i] = (buf[i] ?? 0) ^ k(i);
}

/** A built frame: the bytes to write, and what to call once the write is done with them. */
export interface BuiltFrame {
  readonly bytes: Buffer;
  readonly release: () => void;
}

/** Builds data frames, reusing a buffer once its write has released it. */
export class MaskedFrames {
  readonly #free: Buffer[] = [];

  /**
   * The data message for `chunk` (the channel byte, then the bytes): one final binary frame, masked.
   * @param keyFor fills the 4-byte masking key; random unless given (the tests give one)
   */
  data(chunk: Buffer, keyFor?: (key: Buffer) => void): BuiltFrame {
    const length = chunk.length + 1;
    const headerLength = length >= 65536 ? 14 : length > 125 ? 8 : 6;
    const reused = length <= REUSED_PAYLOAD;
    const buf = reused
      ? (this.#free.pop() ?? Buffer.allocUnsafeSlow(MAX_HEADER + REUSED_PAYLOAD))
      : Buffer.allocUnsafeSlow(headerLength + length);
    buf[0] = 0x80 | OP_BINARY;
    if (headerLength === 14) {
      buf[1] = 0x80 | 127;
      buf.writeUInt32BE(Math.floor(length / 0x100000000), 2);
      buf.writeUInt32BE(length >>> 0, 6);
    } else if (headerLength === 8) {
      buf[1] = 0x80 | 126;
      buf.writeUInt16BE(length, 2);
    } else buf[1] = 0x80 | length;
    const key = buf.subarray(headerLength - 4, headerLength);
    if (keyFor) keyFor(key);
    else {
      if (randomAt === RANDOM_POOL_SIZE) {
        randomFillSync(randomPool);
        randomAt = 0;
      }
      randomPool.copy(key, 0, randomAt, randomAt + 4);
      randomAt += 4;
    }
    buf[headerLength] = DATA_CHANNEL;
    chunk.copy(buf, headerLength + 1);
    maskInPlace(buf, headerLength, length, key);
    let released = false;
    return {
      bytes: buf.subarray(0, headerLength + length),
      release: () => {
        if (released || !reused) return;
        released = true;
        if (this.#free.length < MAX_FREE) this.#free.push(buf);
      },
    };
  }
}
