/**
 * The upload path's frames (maskedFrames.ts) are `ws`'s frames byte for byte, given the same masking key: every
 * header size (the 7-bit, 16-bit and 64-bit lengths and their edges), start alignments that leave 0–3 bytes before
 * a word boundary, and a buffer reused after release that still frames the next chunk right.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskInPlace, MaskedFrames } from '../../../src/kube/portForward/maskedFrames.js';
import { Sender } from '../../../src/kube/portForward/streamSocket.js';

const KEY = Buffer.from([0x9a, 0x01, 0xfe, 0x37]);
const setKey = (key: Buffer): void => void KEY.copy(key);

/** What `ws` sends for the data message of `chunk` (channel byte 0, then the bytes) with {@link KEY}. */
function wsFrame(chunk: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from([0]), chunk]);
  const options = { fin: true, mask: true, opcode: 2, readOnly: false, rsv1: false, generateMask: setKey };
  return Buffer.concat(Sender.frame(payload, options));
}

describe('MaskedFrames', () => {
  it('builds the frame ws builds, for every length class and its edges', () => {
    const frames = new MaskedFrames();
    for (const n of [0, 1, 2, 3, 4, 5, 124, 125, 126, 1000, 65534, 65535, 65536, 64 * 1024 + 7, 200_000]) {
      const chunk = randomBytes(n);
      const built = frames.data(chunk, setKey);
      expect(built.bytes.equals(wsFrame(chunk)), `a chunk of ${n} bytes`).toBe(true);
      built.release();
    }
  });

  it('reuses a released buffer and frames the next chunk in it right', () => {
    const frames = new MaskedFrames();
    const first = frames.data(randomBytes(60_000), setKey);
    const firstBuffer = first.bytes.buffer;
    first.release();
    const chunk = randomBytes(30_000);
    const second = frames.data(chunk, setKey);
    expect(second.bytes.buffer).toBe(firstBuffer);
    expect(second.bytes.equals(wsFrame(chunk))).toBe(true);
    // Not released: the next frame gets a buffer of its own.
    expect(frames.data(randomBytes(10), setKey).bytes.buffer).not.toBe(firstBuffer);
  });

  it('masks from any start alignment as byte-by-byte masking does', () => {
    const data = randomBytes(1000);
    for (let start = 0; start < 8; start++)
      for (const length of [0, 1, 3, 4, 5, 17, 990]) {
        const mine = Buffer.from(data);
        maskInPlace(mine, start, length, KEY);
        const expected = Buffer.from(data);
        for (let i = 0; i < length; i++) expected[start + i] = (data[start + i] ?? 0) ^ (KEY[i & 3] ?? 0);
        expect(mine.equals(expected), `start ${start}, length ${length}`).toBe(true);
      }
  });
});
