/**
 * The restart history as text (issue 16): the one-line summary of each restart (`12:01:33  exit 1  Error`) with
 * where its lines are, and the restarts view's text, newest restart first, each followed by the previous
 * instance's last lines as `kubectl logs --previous --tail=200` prints them.
 */
import { restartLine } from '../../domain/restarts.js';
import type { TextLine } from '../../domain/textLayout.js';
import type { KeptLines, RestartRecord } from '../../logs/restartHistory.js';

/** A whole line in the muted colour. */
function muted(text: string): TextLine {
  return { text, spans: [{ start: 0, end: text.length, kind: 'muted' }] };
}

/** Where a restart's lines are, in a few words. */
export function keptText(lines: KeptLines): string {
  switch (lines.kind) {
    case 'queued':
      return 'lines: waiting to be read';
    case 'fetching':
      return 'lines: reading…';
    case 'lines':
      return `${lines.lines.length} line${lines.lines.length === 1 ? '' : 's'} kept`;
    case 'failed':
      return `lines not read: ${lines.error}`;
    case 'dropped':
      return lines.why;
  }
}

/** `12:01:33  exit 1  Error  (restart 3 · 200 lines kept)`. */
export function restartSummary(r: RestartRecord): string {
  return `${restartLine(r)}  (restart ${r.restartCount} · ${keptText(r.lines)})`;
}

/** The restarts view: every kept restart of `container`, newest first, each with its lines. */
export function restartTextLines(
  records: readonly RestartRecord[],
  container: string | undefined,
): TextLine[] {
  const mine = records.filter((r) => container === undefined || r.container === container).reverse();
  if (mine.length === 0)
    return [
      muted(
        `no restart of ${container ?? 'any container'} seen since podscope started (p shows the previous instance's logs)`,
      ),
    ];
  const out: TextLine[] = [];
  for (const r of mine) {
    out.push(muted(`── ${r.container}: ${restartSummary(r)} ──`));
    if (r.lines.kind === 'lines') for (const text of r.lines.lines) out.push({ text });
    out.push({ text: '' });
  }
  return out;
}
