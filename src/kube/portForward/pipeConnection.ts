/**
 * One local TCP connection carried over one port-forward WebSocket, both ways, in bounded memory: the local socket
 * is paused while the WebSocket's send queue is over a high-water mark, and the WebSocket is paused while the local
 * socket cannot take more. Bytes are counted as they pass. How the stream ended tells the forward whether the pod's
 * port is still healthy: text on the error channel, or a cut WebSocket, is a failure with that reason.
 */
import type { Socket } from 'node:net';
import type WebSocket from 'ws';
import { oneLine } from '../errors.js';
import { ChannelDecoder, dataFrame, DATA_CHANNEL, ERROR_CHANNEL, payloadText } from './channelFrames.js';

/** How a forwarded connection ended. */
export type StreamEnd =
  /** The app or the local client hung up normally. */
  | { readonly kind: 'closed' }
  /** The server reported an error, or the stream was cut. */
  | { readonly kind: 'failed'; readonly reason: string }
  /** {@link PipedConnection.close} ended it. */
  | { readonly kind: 'stopped' };

/** Where the bytes are counted. */
export interface TrafficCounter {
  fromPod(bytes: number): void;
  toPod(bytes: number): void;
}

export interface PipedConnection {
  /** Resolves once, when both ends are done. */
  readonly done: Promise<StreamEnd>;
  /** Ends both sides now. */
  close(): void;
}

/** Bytes queued on the WebSocket above which the local socket is paused, and below which it resumes. */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

/** Close codes of a stream that ended as it should. */
const NORMAL_CLOSE = new Set([1000, 1005]);

/** Writes a message's pieces as one `writev` when there are several; returns what the last write returned. */
function writeParts(socket: Socket, parts: readonly Buffer[]): boolean {
  if (parts.length === 1) return socket.write(parts[0]!);
  socket.cork();
  let ok = true;
  for (const part of parts) ok = socket.write(part);
  socket.uncork();
  return ok;
}

/**
 * Pipes `socket` through `ws` (already open) until either side ends.
 * @param socket the accepted local connection
 * @param ws the stream's WebSocket, as openStream.ts opens it (a message as its frames)
 * @param counter counts the bytes each way
 */
export function pipeConnection(socket: Socket, ws: WebSocket, counter: TrafficCounter): PipedConnection {
  const decoder = new ChannelDecoder();
  let errorText = '';
  let lastError: Error | undefined;
  let stopped = false;
  let socketPaused = false;
  let wsPaused = false;

  const afterSend = (): void => {
    if (socketPaused && ws.bufferedAmount <= LOW_WATER) {
      socketPaused = false;
      socket.resume();
    }
  };
  socket.on('data', (chunk: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    counter.toPod(chunk.length);
    ws.send(dataFrame(chunk), { binary: true }, afterSend);
    if (!socketPaused && ws.bufferedAmount >= HIGH_WATER) {
      socketPaused = true;
      socket.pause();
    }
  });
  const onDrain = (): void => {
    wsPaused = false;
    if (ws.readyState === ws.OPEN) ws.resume();
  };
  ws.on('message', (data: Buffer | Buffer[], isBinary: boolean) => {
    if (!isBinary) return;
    const frame = decoder.decode(data);
    if (!frame || frame.length === 0) return;
    if (frame.channel === ERROR_CHANNEL) {
      errorText += payloadText(frame);
      return;
    }
    if (frame.channel !== DATA_CHANNEL || socket.destroyed || socket.writableEnded) return;
    counter.fromPod(frame.length);
    if (!writeParts(socket, frame.parts) && !wsPaused) {
      wsPaused = true;
      ws.pause();
      socket.once('drain', onDrain);
    }
  });
  ws.on('error', (err: Error) => (lastError = err));
  // Only 'close' follows an error on a local socket; it is handled there.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (ws.readyState === ws.OPEN) ws.close(1000);
    else if (ws.readyState === ws.CONNECTING) ws.terminate();
  });

  const done = new Promise<StreamEnd>((resolve) => {
    ws.once('close', (code: number) => {
      let end: StreamEnd;
      if (stopped) end = { kind: 'stopped' };
      else if (errorText.trim()) end = { kind: 'failed', reason: oneLine(errorText, 1000) };
      else if (NORMAL_CLOSE.has(code)) end = { kind: 'closed' };
      else {
        const why = lastError ? `: ${oneLine(lastError.message)}` : '';
        end = { kind: 'failed', reason: `the port-forward stream was cut (WebSocket close ${code})${why}` };
      }
      // What the app sent has been written: end politely after a normal close, reset after a failure.
      if (end.kind === 'closed') socket.end();
      else socket.destroy();
      resolve(end);
    });
  });

  return {
    done,
    close: () => {
      stopped = true;
      ws.terminate();
      socket.destroy();
    },
  };
}
