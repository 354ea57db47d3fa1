/**
 * One local TCP connection carried over one port-forward stream (streamSocket.ts), both ways, in bounded memory: the local socket
 * is paused while the WebSocket's send queue is over a high-water mark, and the WebSocket is paused while the local
 * socket cannot take more. Bytes are counted as they pass. How the stream ended tells the forward whether the pod's
 * port is still healthy: text on the error channel, or a cut WebSocket, is a failure with that reason.
 */
import type { Socket } from 'node:net';
import { oneLine } from '../errors.js';
import { batchedWriter } from './batchedWrites.js';
import type { StreamSocket } from './streamSocket.js';

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

/**
 * Bytes queued on the WebSocket above which the local socket is paused, and below which it resumes; and bytes
 * queued on the local socket above which the stream is paused until they are written.
 */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

/** Close codes of a stream that ended as it should. */
const NORMAL_CLOSE = new Set([1000, 1005]);

/**
 * Pipes `socket` through `stream` (open, not started) until either side ends.
 * @param socket the accepted local connection
 * @param stream the port-forward stream
 * @param counter counts the bytes each way
 */
export function pipeConnection(
  socket: Socket,
  stream: StreamSocket,
  counter: TrafficCounter,
): PipedConnection {
  let stopped = false;
  let socketPaused = false;
  let streamPaused = false;
  let resolveDone!: (end: StreamEnd) => void;
  const done = new Promise<StreamEnd>((resolve) => (resolveDone = resolve));

  const afterSend = (): void => {
    if (socketPaused && stream.bufferedAmount <= LOW_WATER) {
      socketPaused = false;
      socket.resume();
    }
  };
  socket.on('data', (chunk: Buffer) => {
    if (!stream.isOpen) return;
    counter.toPod(chunk.length);
    stream.send(chunk, afterSend);
    if (!socketPaused && stream.bufferedAmount >= HIGH_WATER) {
      socketPaused = true;
      socket.pause();
    }
  });
  const onDrain = (): void => {
    streamPaused = false;
    stream.resume();
  };
  // Only 'close' follows an error on a local socket; it is handled there.
  socket.on('error', () => undefined);
  socket.on('close', () => stream.close(1000));

  const write = batchedWriter(socket);
  stream.start({
    data: (chunk) => {
      if (socket.destroyed || socket.writableEnded) return;
      counter.fromPod(chunk.length);
      // The chunk's buffer is reused once the local socket has taken the bytes.
      write(chunk, stream.hold());
      // Over the mark, write() has returned false, so 'drain' comes once the local socket has caught up.
      if (socket.writableLength >= HIGH_WATER && !streamPaused) {
        streamPaused = true;
        stream.pause();
        socket.once('drain', onDrain);
      }
    },
    close: (code, error) => {
      const errorText = stream.errorText;
      let end: StreamEnd;
      if (stopped) end = { kind: 'stopped' };
      else if (errorText.trim()) end = { kind: 'failed', reason: oneLine(errorText, 1000) };
      else if (NORMAL_CLOSE.has(code)) end = { kind: 'closed' };
      else {
        const why = error ? `: ${oneLine(error.message)}` : '';
        end = { kind: 'failed', reason: `the port-forward stream was cut (WebSocket close ${code})${why}` };
      }
      // What the app sent has been written: end politely after a normal close, reset after a failure.
      if (end.kind === 'closed') socket.end();
      else socket.destroy();
      resolveDone(end);
    },
  });

  return {
    done,
    close: () => {
      stopped = true;
      stream.terminate();
      socket.destroy();
    },
  };
}
