/**
 * The messages of the `v4.channel.k8s.io` port-forward protocol as a client sees them: byte 0 is the channel
 * (0 = data, 1 = error text, for the one port a stream carries), and the server's first message on each channel
 * starts with the port as a little-endian uint16, which is not data and is dropped here.
 *
 * A message is read piece by piece as its bytes arrive (streamSocket.ts never joins them): a kubelet sends one
 * frame per message, the demo cluster sends the channel byte as a frame of its own, and a frame's payload is split
 * wherever the TLS records that carried it were.
 */

export const DATA_CHANNEL = 0;
export const ERROR_CHANNEL = 1;

/** One piece of a message: its channel and the bytes it carries once the port prefix is gone (maybe none). */
export interface ChannelPayload {
  readonly channel: number;
  readonly payload: Buffer;
}

/** Splits incoming messages into channel and payload, skipping each channel's 2-byte port prefix. */
export class ChannelDecoder {
  /** Prefix bytes still to skip, per channel. The prefix may in principle arrive split over pieces. */
  readonly #prefixLeft = [2, 2];
  /** The channel of the message being read; -1 until its first byte. */
  #channel = -1;

  /** A new message begins: its first byte is its channel. */
  startMessage(): void {
    this.#channel = -1;
  }

  /**
   * The next piece of the current message, as its channel and payload (a view of `piece`, no copy); undefined
   * before the message's channel byte has come, or for a channel this stream does not use.
   */
  decode(piece: Buffer): ChannelPayload | undefined {
    let payload = piece;
    if (this.#channel < 0) {
      if (payload.length === 0) return undefined;
      this.#channel = payload.readUInt8(0);
      payload = payload.subarray(1);
    }
    const channel = this.#channel;
    if (channel !== DATA_CHANNEL && channel !== ERROR_CHANNEL) return undefined;
    const left = this.#prefixLeft[channel] ?? 0;
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
