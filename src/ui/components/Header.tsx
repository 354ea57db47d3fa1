/**
 * The top lines: where you are (context, cluster, namespace), how the pods are (counts by health), whether the
 * list is live (listing N of M / live / reconnecting), read-only mode, favourite namespaces and active filters.
 */
import { Text } from 'ink';
import type { PodHealth } from '../../domain/podHealth.js';
import { theme } from '../theme.js';

/** What the header says about the connection. */
export type SyncView =
  | { kind: 'connecting' }
  | { kind: 'listing'; loaded: number; total?: number | undefined; relist?: true | undefined }
  | { kind: 'live' }
  | { kind: 'quiet'; silentMs: number }
  | {
      kind: 'reconnecting';
      attempt: number;
      error: string;
      retryInMs: number;
      throttled?: boolean | undefined;
    }
  | { kind: 'error'; message: string };

export interface HeaderProps {
  context: string;
  cluster: string;
  namespace: string | undefined;
  counts: Readonly<Record<PodHealth, number>>;
  total: number;
  shown: number;
  sync: SyncView;
  readonly: boolean;
  favourites: readonly string[];
  filter: string;
  labelSelector: string | undefined;
  metrics: boolean;
  /** Why the last metrics poll failed (a 403 from metrics.k8s.io, say), one line. */
  metricsError?: string | undefined;
  /** Pods marked with Space (bulk delete and kill act on them). */
  marked?: number;
}

const ORDER: PodHealth[] = ['healthy', 'pending', 'warning', 'failed', 'completed', 'terminating'];

function syncText(s: SyncView): { text: string; color: string } {
  switch (s.kind) {
    case 'connecting':
      return { text: 'connecting…', color: theme.muted };
    case 'listing':
      // A relist after a cut: the rows below are the last list's, kept (and dimmed) until it completes.
      if (s.relist)
        return {
          text: `⟳ resyncing: listed ${s.loaded}${s.total !== undefined ? ` of ${s.total}` : ''}…`,
          color: theme.health.warning,
        };
      return {
        text: `listing ${s.loaded}${s.total !== undefined ? ` of ${s.total}` : ''}…`,
        color: theme.accent,
      };
    case 'live':
      return { text: '● live', color: theme.health.healthy };
    case 'quiet':
      // Not live: the watch is open but even the server's periodic bookmarks stopped coming (a stalled network).
      return {
        text: `◌ quiet ${Math.round(s.silentMs / 1000)}s: nothing from the server, not even a bookmark`,
        color: theme.health.warning,
      };
    case 'reconnecting':
      // Busy, not broken: the server asked us to wait (429), and the rows below are kept meanwhile.
      if (s.throttled)
        return {
          text: `⟳ throttled by the API server, retrying in ${Math.ceil(s.retryInMs / 1000)}s`,
          color: theme.health.warning,
        };
      return {
        text: `⟳ reconnecting (attempt ${s.attempt}, next in ${Math.ceil(s.retryInMs / 1000)}s): ${s.error}`,
        color: theme.health.warning,
      };
    case 'error':
      return { text: `✖ ${s.message}`, color: theme.error };
  }
}

export function Header(p: HeaderProps) {
  const sync = syncText(p.sync);
  return (
    <>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          podscope
        </Text>
        <Text color={theme.muted}> ctx </Text>
        <Text bold>{p.context}</Text>
        <Text color={theme.muted}> cluster </Text>
        {p.cluster}
        <Text color={theme.muted}> ns </Text>
        <Text bold>{p.namespace ?? 'all'}</Text>
        {'  '}
        <Text color={sync.color}>{sync.text}</Text>
        {p.readonly ? (
          <Text color={theme.health.warning} bold>
            {'  '}READ-ONLY
          </Text>
        ) : null}
        {!p.metrics ? <Text color={theme.muted}>{'  '}(no metrics)</Text> : null}
        {p.metrics && p.metricsError ? (
          <Text color={theme.health.warning}>{`  (no metrics: ${p.metricsError})`}</Text>
        ) : null}
      </Text>
      <Text wrap="truncate">
        <Text color={theme.muted}>pods </Text>
        <Text bold>{p.total}</Text>
        {p.shown !== p.total ? <Text color={theme.muted}> ({p.shown} shown)</Text> : null}
        {ORDER.filter((h) => p.counts[h] > 0).map((h) => (
          <Text key={h}>
            {'  '}
            <Text color={theme.health[h]}>●</Text> {h} {p.counts[h]}
          </Text>
        ))}
        {p.marked ? <Text color={theme.accent}>{`  ✓ ${p.marked} marked`}</Text> : null}
      </Text>
      <Text wrap="truncate">
        <Text color={p.namespace === undefined ? theme.accent : theme.muted}>{'<0> all'}</Text>
        {p.favourites.map((f, i) => (
          <Text key={f} color={p.namespace === f ? theme.accent : theme.muted}>
            {`  <${i + 1}> ${f}`}
          </Text>
        ))}
        {p.filter ? <Text color={theme.accent}>{'   /' + p.filter}</Text> : null}
        {p.labelSelector ? <Text color={theme.accent}>{'   -l ' + p.labelSelector}</Text> : null}
      </Text>
    </>
  );
}

/** How many lines the header takes. */
export const HEADER_LINES = 3;
