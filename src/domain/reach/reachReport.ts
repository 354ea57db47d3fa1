/**
 * What a reach run has found so far, and the lines the reach view draws from it: the target, the client pod's
 * steps (Pending → ContainerCreating → Running), one line per port (checking…, then the outcome with its time and
 * the body's first lines), what became of the client pod (deleted, or the `kubectl delete` to run), and the total.
 */
import type { ProbeResult } from './probeCommand.js';
import { outcomeWord } from './probeCommand.js';
import type { ReachPort } from './reachPorts.js';

/** One port of the run: waiting, or checked. */
export interface PortReport {
  readonly port: ReachPort;
  readonly result: ProbeResult | undefined;
}

export interface ReachReport {
  readonly namespace: string;
  readonly target: string;
  readonly targetIP: string | undefined;
  readonly image: string;
  /** The client pod's name once created. */
  readonly clientPod: string | undefined;
  /** running: still working; done: every port checked; failed: stopped early (`error` says why). */
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  /** The client pod's states as they came, in kubectl's words. */
  readonly steps: readonly string[];
  readonly ports: readonly PortReport[];
  readonly error: string | undefined;
  /** Leftover client pods of earlier runs that this run deleted. */
  readonly swept: readonly string[];
  /** `deleted` once the client pod is gone, or why it could not be deleted. */
  readonly cleanup: { readonly ok: boolean; readonly text: string } | undefined;
  /** From the confirm to the last result, in ms (set when the probe ends). */
  readonly elapsedMs: number | undefined;
}

/** A line of the reach view, with the tone it is drawn in. */
export interface ReachLine {
  readonly text: string;
  readonly tone: 'title' | 'muted' | 'ok' | 'bad' | 'plain';
}

function portLabel(p: ReachPort): string {
  const name = p.name ? ` (${p.name})` : '';
  return `${p.port}/TCP${name} ${p.kind === 'http' ? 'HTTP' : 'TCP'}`;
}

/**
 * The view's lines for a report.
 * @param r the run's report
 */
export function reachLines(r: ReachReport): ReachLine[] {
  const lines: ReachLine[] = [];
  const ip = r.targetIP ? ` ${r.targetIP}` : '';
  lines.push({ text: `Reach ${r.namespace}/${r.target}${ip} from a client pod (${r.image})`, tone: 'title' });
  for (const s of r.swept) lines.push({ text: `deleted leftover client pod ${s}`, tone: 'muted' });
  if (r.clientPod)
    lines.push({ text: `client pod ${r.clientPod}: ${r.steps.join(' → ') || 'creating'}`, tone: 'muted' });
  else if (r.state === 'running') lines.push({ text: 'creating the client pod…', tone: 'muted' });
  if (r.ports.length) lines.push({ text: '', tone: 'plain' });
  const width = Math.max(0, ...r.ports.map((p) => portLabel(p.port).length));
  for (const p of r.ports) {
    const label = portLabel(p.port).padEnd(width);
    const res = p.result;
    if (!res) {
      lines.push({
        text: `  ${label}  ${r.state === 'running' ? 'checking…' : 'not checked'}`,
        tone: 'muted',
      });
      continue;
    }
    const o = res.outcome;
    const good = o.kind === 'answered' || o.kind === 'open';
    const detail = 'detail' in o && o.detail ? ` — ${o.detail}` : '';
    lines.push({ text: `  ${label}  ${outcomeWord(o)}  ${res.ms} ms${detail}`, tone: good ? 'ok' : 'bad' });
    if (o.kind === 'answered') for (const b of o.body) lines.push({ text: `      ${b}`, tone: 'plain' });
  }
  if (r.error) lines.push({ text: r.error, tone: 'bad' });
  if (r.cleanup) lines.push({ text: r.cleanup.text, tone: r.cleanup.ok ? 'muted' : 'bad' });
  if (r.elapsedMs !== undefined && r.state === 'done')
    lines.push({
      text: `checked ${r.ports.length} port(s) in ${(r.elapsedMs / 1000).toFixed(1)} s`,
      tone: 'muted',
    });
  if (r.state === 'cancelled') lines.push({ text: 'cancelled', tone: 'muted' });
  return lines;
}
