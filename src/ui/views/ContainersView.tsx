/**
 * Enter on a pod: one row per container — init containers, sidecars, app containers and ephemeral ones, labelled —
 * with state, restarts, last termination, ports, probes, requests and limits; below, the selected container in
 * full and, when something is wrong, the latest Warning event about it ("why isn't it running").
 */
import { Box, Text } from 'ink';
import type { RefObject } from 'react';
import { useMemo } from 'react';
import type { ContainerRow } from '../../domain/containerRows.js';
import { containerRows } from '../../domain/containerRows.js';
import { latestWarning } from '../../domain/podEvents.js';
import type { ViewEntry } from '../../state/views.js';
import { usePodDetail, usePodEvents } from '../hooks/usePodInspect.js';
import { useContainerUsage } from '../hooks/useContainerUsage.js';
import { useNow } from '../hooks/useNow.js';
import { useOwnerChain } from '../hooks/useWorkloads.js';
import type { Session } from '../session.js';
import { theme } from '../theme.js';
import { containerTable } from './containerTable.js';
import type { ViewData } from './viewData.js';
import { POD_DELETED_NOTICE } from './podTextParts.js';
import { RestartList } from './RestartList.js';

export interface ContainersViewProps {
  entry: Extract<ViewEntry, { kind: 'containers' }>;
  session: Session;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
}

function stateColor(r: ContainerRow) {
  if (r.stateKind === 'running') return r.ready ? theme.health.healthy : theme.warning;
  if (r.stateKind === 'waiting')
    return r.state.includes('BackOff') || r.state.includes('Err')
      ? theme.health.failed
      : theme.health.pending;
  if (r.stateKind === 'terminated')
    return r.state.includes('Completed') ? theme.health.completed : theme.health.failed;
  return theme.muted;
}

export function ContainersView({ entry, session, width, height, viewData }: ContainersViewProps) {
  const detail = usePodDetail(session, entry.pod);
  const events = usePodEvents(session, entry.pod);
  const now = useNow(1000);
  const usage = useContainerUsage(session, entry.pod);
  // Issue 16: who owns the pod, up the chain (ReplicaSet → Deployment, Job → CronJob), read from the API.
  const owners = useOwnerChain(session, detail.pod, entry.pod.namespace);
  const rows = useMemo(
    () => (detail.pod ? containerRows(detail.pod, now, usage) : []),
    [detail.pod, now, usage],
  );
  viewData.current = { kind: 'containers', names: rows.map((r) => r.name) };
  // Only the container actions act on is highlighted (opened on kubectl's default: see containersView): never a
  // stand-in row that the keys would not act on.
  const selected = rows.find((r) => r.name === entry.selected);
  const table = containerTable(rows, Math.max(10, width - 2));
  const warning = latestWarning(events.events);
  // Why it isn't running: the latest Warning, when it is about this container (or the whole pod).
  const why =
    selected && !(selected.stateKind === 'running' && selected.ready) && warning
      ? warning.container === undefined || warning.container === selected.name
        ? warning
        : undefined
      : undefined;
  const title = `Containers of ${entry.pod.namespace}/${entry.pod.name}`;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text color={theme.accent} bold>
          {title}
        </Text>
        {detail.deleted ? <Text color={theme.warning}>{`  ${POD_DELETED_NOTICE}`}</Text> : null}
        {!detail.pod ? <Text color={theme.muted}>{'  ' + (detail.error ?? 'loading…')}</Text> : null}
      </Text>
      <Text wrap="truncate">
        <Text color={theme.muted}>owned by </Text>
        {owners ?? '…'}
      </Text>
      <Text color={theme.header} bold wrap="truncate">
        {'  ' + table.header}
      </Text>
      {rows.map((r, i) => (
        <Text key={r.key} wrap="truncate" inverse={r === selected}>
          {r === selected ? '› ' : '  '}
          <Text color={stateColor(r)}>{table.lines[i]}</Text>
        </Text>
      ))}
      {selected ? (
        <>
          <Text> </Text>
          <Text wrap="wrap">
            <Text color={theme.muted}>image </Text>
            {selected.image}
          </Text>
          {selected.message ? (
            <Text wrap="wrap">
              <Text color={theme.muted}>message </Text>
              {selected.message}
            </Text>
          ) : null}
          {why ? (
            <Text wrap="wrap" color={theme.warning}>
              {`why: ${why.reason}: ${why.message}`}
            </Text>
          ) : null}
          <RestartList session={session} pod={entry.pod} container={selected.name} />
          {events.forbidden ? (
            <Text color={theme.muted}>events are forbidden to you (RBAC): no reasons shown</Text>
          ) : null}
        </>
      ) : null}
    </Box>
  );
}
