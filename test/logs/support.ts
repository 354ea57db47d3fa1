/** Helpers for the log session tests: sessions closed after each test, and reading what a session holds. */
import type { KubeConfig } from '@kubernetes/client-node';
import { LogSession, type LogSessionOptions } from '../../src/logs/logSession.js';
import type { LogLine } from '../../src/logs/logLine.js';
import type { Pod } from '../../src/domain/wire.js';
import type { TestCluster } from '../support/demoCluster.js';

const open: LogSession[] = [];

/** A started session, closed by `closeSessions`. */
export function follow(kc: KubeConfig, opts: LogSessionOptions): LogSession {
  const s = new LogSession(kc, { flushMs: 10, pollMs: 200, ...opts });
  open.push(s);
  s.start();
  return s;
}

export function closeSessions(): void {
  for (const s of open.splice(0)) s.close();
}

/** Every retained record. */
export function all(s: LogSession): LogLine[] {
  return s.lines(s.buffer.firstSeq, s.buffer.nextSeq);
}

/** The texts of the retained container lines (no markers), optionally of one container. */
export function texts(s: LogSession, container?: string): string[] {
  return all(s)
    .filter((l) => l.kind === 'line' && (container === undefined || l.container === container))
    .map((l) => l.text);
}

/** A pod on a demo node, with the given containers (name → image). */
export async function createPod(
  t: TestCluster,
  name: string,
  containers: Record<string, string>,
): Promise<void> {
  const body: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: Object.entries(containers).map(([n, image]) => ({ name: n, image })) },
  };
  await t.core.createNamespacedPod({ namespace: 'default', body: body as never });
}
