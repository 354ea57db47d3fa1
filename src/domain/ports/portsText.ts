/**
 * The ports view's text: where the two sides come from (the pod's spec; /proc/net/tcp* read through exec, in
 * which container and when), then one row per port — who declares it, where it listens, the verdict. What came
 * from exec is marked as such; when there is no read, the declared ports are still listed and the reason is one
 * line.
 */
import { declaredPorts, type DeclaredPort } from '../declaredPorts.js';
import type { TextLine } from '../textLayout.js';
import type { Pod } from '../wire.js';
import type { ListenersRead } from './listenersRead.js';
import { parseProcNetTcp, PROC_NET_TCP_PATHS } from './procNetTcp.js';
import { portVerdicts, verdictText, type PortRow, type PortVerdict } from './portVerdicts.js';

const WHOLE = 1e9;
const PROC_NET_FILES = PROC_NET_TCP_PATHS.join(' ');

/** The colour kind of each verdict (the view maps kinds to theme colours). */
const VERDICT_KIND: Record<PortVerdict, string> = {
  fine: 'good',
  'not-listening': 'warning',
  undeclared: 'warning',
  'loopback-only': 'error',
  'other-address': 'warning',
  'not-checked': 'muted',
};

function declaredBy(d: readonly DeclaredPort[]): string {
  if (d.length === 0) return '—';
  return d.map((p) => (p.name ? `${p.container} (${p.name})` : p.container)).join(', ');
}

/** The addresses listening on the row's port, as the kernel lists them. */
function listeningOn(row: PortRow): string {
  return row.listening.length ? row.listening.join(', ') : '—';
}

function clock(at: Date): string {
  return at.toTimeString().slice(0, 8);
}

/** Where the sockets came from, or why there are none (one line each). */
function sourceLines(read: ListenersRead | undefined): TextLine[] {
  const muted = (text: string): TextLine => ({ text, spans: [{ start: 0, end: WHOLE, kind: 'muted' }] });
  const bad = (text: string): TextLine => ({ text, spans: [{ start: 0, end: WHOLE, kind: 'warning' }] });
  if (!read) return [muted(`Listening: reading ${PROC_NET_FILES} through exec…`)];
  switch (read.kind) {
    case 'read': {
      const out = [
        muted(
          `Listening: read through exec (cat ${PROC_NET_FILES}) in container ${read.container} at ${clock(read.at)} — r reads again`,
        ),
      ];
      if (read.skipped.length)
        out.push(muted(`  ${read.skipped.join(', ')}: no cat in the image, not read there`));
      if (!read.ipv6) out.push(muted('  IPv4 only: this kernel has no /proc/net/tcp6'));
      return out;
    }
    case 'no-cat':
      return [
        bad(`Listening: not read — no running container has cat (${read.tried.join(', ')}: distroless?)`),
        {
          text: "  D adds a debug container (busybox) that shares the pod's network, and reads from it",
          spans: [{ start: 2, end: 3, kind: 'key' }],
        },
      ];
    case 'no-container':
      return [bad('Listening: not read — no container of the pod is running')];
    case 'failed':
      return [
        bad(`Listening: not read${read.container ? ` in container ${read.container}` : ''} — ${read.reason}`),
      ];
  }
}

/**
 * The view's lines for `pod`.
 * @param read the last read of its sockets; undefined while the first is under way
 */
export function portsLines(pod: Pod, read: ListenersRead | undefined): TextLine[] {
  const declared = declaredPorts(pod);
  const podIPs = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (podIPs.length === 0 && pod.status?.podIP) podIPs.push(pod.status.podIP);
  const parsed = read?.kind === 'read' ? parseProcNetTcp(read.text) : undefined;
  const rows: readonly PortRow[] = parsed
    ? portVerdicts(declared, parsed.sockets, podIPs)
    : declared.map((d) => ({
        port: d.port,
        protocol: d.protocol,
        declared: [d],
        listening: [],
        verdict: d.protocol === 'TCP' ? 'fine' : 'not-checked',
      }));
  const out: TextLine[] = [
    { text: `Declared: the containers' ports in the pod spec · pod IP ${podIPs.join(', ') || '(none yet)'}` },
    ...sourceLines(read),
  ];
  if (parsed && parsed.malformed > 0)
    out.push({
      text: `  ${parsed.malformed} line(s) of the files not understood, left out`,
      spans: [{ start: 0, end: WHOLE, kind: 'warning' }],
    });
  out.push({ text: '' });
  if (rows.length === 0) {
    out.push({
      text: 'No port declared, and nothing listening.',
      spans: [{ start: 0, end: WHOLE, kind: 'muted' }],
    });
    return out;
  }
  const head = ['PORT', 'PROTO', 'DECLARED BY', 'LISTENING ON', 'VERDICT'];
  const cells = rows.map((r) => [
    String(r.port),
    r.protocol,
    declaredBy(r.declared),
    parsed ? listeningOn(r) : '?',
    parsed ? verdictText(r) : r.verdict === 'not-checked' ? verdictText(r) : 'not read',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: readonly string[]): string =>
    c.map((x, i) => (i === c.length - 1 ? x : x.padEnd((widths[i] ?? 0) + 2))).join('');
  out.push({ text: line(head), spans: [{ start: 0, end: WHOLE, kind: 'key' }] });
  rows.forEach((r, i) => {
    const text = line(cells[i] ?? []);
    const verdictAt = text.length - (cells[i]?.[4]?.length ?? 0);
    const kind = parsed || r.verdict === 'not-checked' ? VERDICT_KIND[r.verdict] : 'muted';
    out.push({ text, spans: [{ start: verdictAt, end: text.length, kind }] });
  });
  return out;
}
