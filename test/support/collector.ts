/** A Writable that keeps what is written to it (a log or exec stream's output) and whether it ended. */
import { Writable } from 'node:stream';

export function collector(): { stream: Writable; text: () => string; ended: () => boolean } {
  let text = '';
  let ended = false;
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
    final(cb) {
      ended = true;
      cb();
    },
  });
  return { stream, text: () => text, ended: () => ended };
}
