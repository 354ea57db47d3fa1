/**
 * Copy to the clipboard with OSC 52 (issue 16): the pod's name or IP in the pods list, the current log line, a
 * text view's whole text. The sequence goes to the stream Ink renders to (sessionWatch.ts), between frames; the
 * flash says what was copied and how big it was (`copied pod name (23 bytes)`).
 */
import type { CommandId } from '../../keymap/commands.js';
import { copySequence } from '../../domain/osc52.js';
import { plainText } from '../../logs/sanitize.js';
import { watchOf } from '../alerts/sessionWatch.js';
import type { ControllerContext, Handler } from '../controllers/types.js';

/** Writes `text` to the clipboard and flashes what was copied, or why it was not. */
export function copyToClipboard(ctx: ControllerContext, what: string, text: string): void {
  const copy = copySequence(text);
  if (!copy.ok) return ctx.flash(copy.error, 'error');
  watchOf(ctx.session).write(copy.sequence);
  ctx.flash(`copied ${what} (${copy.bytes} byte${copy.bytes === 1 ? '' : 's'})`);
}

/** The pods list's copy keys. */
export const COPY_POD_HANDLERS = {
  'copy.podName': (ctx) => {
    const row = ctx.selectedRow;
    if (!row) return ctx.flash('no pod selected');
    copyToClipboard(ctx, 'pod name', row.name);
  },
  'copy.podIp': (ctx) => {
    const row = ctx.selectedRow;
    if (!row) return ctx.flash('no pod selected');
    const ip = row.pod.status?.podIP;
    if (!ip) return ctx.flash(`${row.name} has no IP yet`, 'error');
    copyToClipboard(ctx, `IP of ${row.name}`, ip);
  },
} satisfies Partial<Record<CommandId, Handler>>;

/** The text views' copy key: the whole text, as `s` would save it. */
export const copyTextHandler: Handler = (ctx) => {
  const data = ctx.viewData.current;
  if (data?.kind !== 'text') return;
  copyToClipboard(ctx, 'the text', data.text());
};

/**
 * The logs view's copy key: the current search match's line, else the last line on screen (the newest while
 * following), as the container wrote it without escape sequences.
 */
export const copyLogLineHandler: Handler = (ctx) => {
  const data = ctx.viewData.current;
  const top = ctx.top;
  if (data?.kind !== 'logs' || top?.kind !== 'logs') return;
  const seq = top.search?.current ?? data.bottomSeq;
  const line = seq === undefined ? undefined : data.session.lines(seq, seq + 1)[0];
  if (!line) return ctx.flash('no log line to copy yet');
  copyToClipboard(ctx, 'log line', plainText(line.text));
};
