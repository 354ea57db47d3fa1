/**
 * The frames of the `v4.channel.k8s.io` port-forward protocol as a client sees them: byte 0 is the channel
 * (0 = data, 1 = error text, for the one port a stream carries), and the server's first frame on each channel
 * starts with the port as a little-endian uint16, which is not data and is dropped here.
 */

export const DATA_CHANNEL = 0;
export const ERROR_CHANNEL = 1;

/** One frame's channel and what it carries once the port prefix is gone (possibly empty). */
export interface ChannelPayload {
  readonly channel: number;
  readonly payload: Buffer;
}

/** Splits incoming frames into channel and payload, skipping each channel's 2-byte port prefix. */
export class ChannelDecoder {
  /** Prefix bytes still to skip, per channel. The prefix may in principle arrive split over frames. */
  readonly #prefixLeft = [2, 2];

  /** The frame's channel and payload, or undefined for an empty frame or a channel this stream does not use. */
  decode(frame: Buffer): ChannelPayload | undefined {
    if (frame.length === 0) return undefined;
    const channel = frame[0]!;
    if (channel !== DATA_CHANNEL && channel !== ERROR_CHANNEL) return undefined;
    let payload = frame.subarray(1);
    const left = this.#prefixLeft[channel]!;
    if (left > 0) {
      const skip = Math.min(left, payload.length);
      this.#prefixLeft[channel] = left - skip;
      payload = payload.subarray(skip);
    }
    return { channel, payload };
  }

  /** Whether both channels' port prefixes have arrived: the server has accepted the stream. */
  get opened(): boolean {
    return this.#prefixLeft[0] === 0 && this.#prefixLeft[1] === 0;
  }
}

/** A data frame for the server: the channel byte, then the bytes. */
export function dataFrame(chunk: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(chunk.length + 1);
  frame[0] = DATA_CHANNEL;
  chunk.copy(frame, 1);
  return frame;
}
