/**
 * The terminal hand-off both the shell and attach use (shellHandoff.ts, attachHandoff.ts): what runs while Ink
 * has handed over the terminal (`useApp().suspendTerminal(async () => …)`). A banner on the main screen, where
 * the transcript stays (as kubectl's does), with the cursor on; raw mode, so every key — Ctrl-C, Ctrl-D, Ctrl-Z
 * included — is a byte for the remote side; the keys piped through a PassThrough (client-node never sees
 * process.stdin or process.stdout: its listeners leak, REFERENCE §3.2). Whatever ends the session (its end, a
 * detach, the pod deleted, the connection dropped, an exception), the terminal is put back as Ink left it and the
 * caller gets one line for the flash. Pure Node: no client-node here.
 */
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { setTerminalHandedOff } from './restore.js';

export interface TerminalHandoff<E> {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Printed first, on its own line(s), ending in \r\n. */
  banner: string;
  /** Runs the remote session on the keys until it ends. A rejection becomes `failed(message)`. */
  session(keys: Readable): Promise<E>;
  failed(reason: string): E;
  /** The line printed after the session and flashed on the dashboard. */
  message(end: E): string;
  /** Sorts each chunk of typed keys: what to `forward` to the session (all of it unless given). */
  onKeys?(chunk: Buffer, forward: (bytes: Uint8Array) => void): void;
}

/** Hands the terminal to a session until it ends; never rejects. Call inside Ink's `suspendTerminal`. */
export async function handOffTerminal<E>(h: TerminalHandoff<E>): Promise<{ end: E; message: string }> {
  const { stdin, stdout } = h;
  const keys = new PassThrough();
  const forward = (bytes: Uint8Array): void => {
    if (bytes.length) keys.write(bytes);
  };
  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (h.onKeys) h.onKeys(bytes, forward);
    else forward(bytes);
  };
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  // From here to the last line below the main screen holds the session's transcript: a signal must leave it be.
  setTerminalHandedOff(true);
  // Cursor on (Ink hides it), then the banner.
  stdout.write('\x1b[?25h' + h.banner);
  let end: E;
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.ref();
    stdin.on('data', onData);
    // Ink read with a 'readable' listener, which leaves the stream paused; reading starts again here. No pause()
    // afterwards: Ink's next 'readable' listener would never be called (REFERENCE §3.3, the gotcha).
    stdin.resume();
    end = await h.session(keys);
  } catch (e) {
    end = h.failed(e instanceof Error ? e.message : String(e));
  } finally {
    stdin.off('data', onData);
    keys.destroy();
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
  }
  const message = h.message(end);
  // The session may have left the cursor mid-line or in a colour; the next screen starts clean.
  stdout.write(`\x1b[0m\r\n${message}\r\n`);
  setTerminalHandedOff(false);
  return { end, message };
}
