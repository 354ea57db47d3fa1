/**
 * The frames of the `v4.channel.k8s.io` port-forward protocol as a client sees them: byte 0 is the channel
 * (0 = data, 1 = error text, for the one port a stream carries), and the server's first frame on each channel
 * starts with the port as a little-endian uint16, which is not data and is dropped here.
 *
 * Messages are taken as `ws` delivers them with `binaryType = 'fragments'`: the frames of one message, not joined.
 * A server may send the channel byte and the data as separate frames of one message (the demo cluster does, to
 * forward without copying); joining them would copy every byte that passes once more.
 */

export const DATA_CHANNEL = 0;
export const ERROR_CHANNEL = 1;

/** One message's channel and what it carries once the port prefix is gone: non-empty pieces, in order. */
export interface ChannelPayload {
  readonly channel: number;
  readonly parts: readonly Buffer[];
  /** Bytes in all parts. */
  readonly length: number;
}

/** The payload's bytes as text (error channel). */
export function payloadText(payload: ChannelPayload): string {
  return Buffer.concat(payload.parts as Buffer[], payload.length).toString('utf8');
}

/** Splits incoming messages into channel and payload, skipping each channel's 2-byte port prefix. */
export class ChannelDecoder {
  /** Prefix bytes still to skip, per channel. The prefix may in principle arrive split over messages. */
  readonly #prefixLeft = [2, 2];

  /**
   * The message's channel and payload, or undefined for an empty message or a channel this stream does not use.
   * @param message one binary message: a Buffer, or its frames as `ws` hands them over with `'fragments'`
   */
  decode(message: Buffer | readonly Buffer[]): ChannelPayload | undefined {
    const frames = Buffer.isBuffer(message) ? [message] : message;
    let channel = -1;
    /** Port-prefix bytes still to skip in this message. */
    let prefix = 0;
    const parts: Buffer[] = [];
    let length = 0;
    for (const frame of frames) {
      let piece = frame;
      if (channel < 0) {
        if (piece.length === 0) continue;
        channel = piece[0]!;
        if (channel !== DATA_CHANNEL && channel !== ERROR_CHANNEL) return undefined;
        prefix = this.#prefixLeft[channel]!;
        piece = piece.subarray(1);
      }
      if (prefix > 0) {
        const cut = Math.min(prefix, piece.length);
        prefix -= cut;
        piece = piece.subarray(cut);
      }
      if (piece.length === 0) continue;
      parts.push(piece);
      length += piece.length;
    }
    if (channel < 0) return undefined;
    this.#prefixLeft[channel] = prefix;
    return { channel, parts, length };
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
