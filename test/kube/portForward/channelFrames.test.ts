/**
 * The client's reading of `v4.channel.k8s.io` messages, however the server splits them into frames: a kubelet
 * sends one frame per message, the demo cluster sends the channel byte as a frame of its own, and the port prefix
 * may in principle be split anywhere.
 */
import { describe, expect, it } from 'vitest';
import { ChannelDecoder, payloadText } from '../../../src/kube/portForward/channelFrames.js';

const b = (...bytes: number[]): Buffer => Buffer.from(bytes);
const data = (decoder: ChannelDecoder, message: Buffer | Buffer[]): string => {
  const p = decoder.decode(message);
  return p ? `${p.channel}:${payloadText(p)}` : 'none';
};

describe('ChannelDecoder', () => {
  it('reads one-frame messages as a kubelet sends them, dropping each channel’s port prefix', () => {
    const d = new ChannelDecoder();
    expect(data(d, b(0, 0x90, 0x1f))).toBe('0:');
    expect(d.opened).toBe(false);
    expect(data(d, b(1, 0x90, 0x1f))).toBe('1:');
    expect(d.opened).toBe(true);
    expect(data(d, Buffer.from('\u0000hello'))).toBe('0:hello');
    expect(data(d, Buffer.from('\u0001refused'))).toBe('1:refused');
  });

  it('reads a message whose channel byte and data are separate frames, without joining them', () => {
    const d = new ChannelDecoder();
    expect(data(d, [b(0), b(0x90, 0x1f)])).toBe('0:');
    expect(data(d, [b(1), b(0x90), b(0x1f)])).toBe('1:');
    const big = Buffer.alloc(70_000, 7);
    const p = d.decode([b(0), big]);
    expect(p?.channel).toBe(0);
    expect(p?.length).toBe(70_000);
    // The data frame is handed on as it came: no copy.
    expect(p?.parts[0]?.buffer).toBe(big.buffer);
  });

  it('skips a port prefix split across messages and keeps data that shares a frame with it', () => {
    const d = new ChannelDecoder();
    expect(data(d, [b(0, 0x90)])).toBe('0:');
    expect(data(d, [b(0), b(0x1f), Buffer.from('GET')])).toBe('0:GET');
    expect(data(d, [b(0), Buffer.from(' /')])).toBe('0: /');
  });

  it('ignores empty messages and channels a one-port stream does not use', () => {
    const d = new ChannelDecoder();
    expect(data(d, [])).toBe('none');
    expect(data(d, [b()])).toBe('none');
    expect(data(d, b(2, 1, 2))).toBe('none');
    expect(d.opened).toBe(false);
  });
});
