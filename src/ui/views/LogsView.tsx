/**
 * The logs view (`l`, `p`): a LogSession streamed as `kubectl logs -f` does, one container or all of the pod's
 * merged with a coloured prefix. It follows the newest lines until scrolled up, then stays put and counts the new
 * lines below; a status line shows every option (since, timestamps, wrap, JSON) and the session's state (lines,
 * evicted, lag, reconnects). Search highlights and filter applies over every retained line. Before a container
 * starts, the pane shows the pod's events live instead. Only the rows on screen are formatted and drawn.
 */
import { Box, Text } from 'ink';
import type { RefObject } from 'react';
import { logRows, type RowFormat } from '../../logs/logRows.js';
import { filterGapRow } from '../../domain/logFilterGap.js';
import { arrayList, logWindow, rangeList } from '../../domain/logWindow.js';
import { podEventRows } from '../../domain/podEvents.js';
import { wrapLines } from '../../domain/textLayout.js';
import { describeFollowState } from '../../logs/followState.js';
import type { LogSession } from '../../logs/logSession.js';
import type { LineMatcher } from '../../logs/matcher.js';
import { matchesPerStream } from '../../logs/streamMatches.js';
import type { WorkloadLogs } from '../../logs/workloadLogs.js';
import { formatSince } from '../../logs/sinceOption.js';
import type { LogsEntry } from '../../state/views.js';
import { TextPane } from '../components/TextPane.js';
import { usePodEvents } from '../hooks/usePodInspect.js';
import { useLogSession } from '../hooks/useLogSession.js';
import { useNow } from '../hooks/useNow.js';
import type { Session } from '../session.js';
import { theme } from '../theme.js';
import { eventLines } from './eventLines.js';
import { matcherFor } from './logMatchers.js';
import { workloadRows } from './workloadRows.js';
import type { ViewData } from './viewData.js';

export interface LogsViewProps {
  entry: LogsEntry;
  session: Session;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
}

/** Lines around the log rows: the title, the options, and the paused / state line below. */
export const LOGS_CHROME_LINES = 3;
/** The lag shown, in seconds: below it the stream is as live as a terminal can tell. */
const LAG_SHOWN_S = 2;

/** The session's matcher for a pattern, updated to the lines retained now (undefined for none or an invalid one). */
function matcherOrNone(
  logs: LogSession,
  pattern: string | undefined,
  context: number,
): LineMatcher | undefined {
  if (!pattern) return undefined;
  try {
    return matcherFor(logs, pattern, context);
  } catch {
    return undefined;
  }
}

const onOff = (on: boolean): string => (on ? 'on' : 'off');
const count = (n: number, what: string, plural = `${what}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? what : plural}`;

export function LogsView({ entry, session, width, height, viewData }: LogsViewProps) {
  const containers = entry.container ? [entry.container] : entry.containers;
  const since = formatSince(entry.since);
  const { logs, snapshot, workload } = useLogSession(session, entry, containers, since);
  const search = matcherOrNone(logs, entry.search?.pattern, 0);
  const filter = matcherOrNone(logs, entry.filter?.pattern, entry.context);
  const buffer = logs.buffer;
  const waiting = snapshot.state.kind === 'waiting' && buffer.size === 0 && !workload;
  const events = usePodEvents(session, waiting ? entry.pod : undefined);
  const now = useNow(waiting ? 1000 : 3_600_000);
  const podRows = snapshot.workload
    ? workloadRows(snapshot.workload, podMatches(workload, filter ?? search, buffer), theme.colored)
    : [];

  const bodyHeight = Math.max(1, height - LOGS_CHROME_LINES - podRows.length);
  const list = filter ? arrayList(filter.lines) : rangeList(buffer.firstSeq, buffer.nextSeq);
  const format: RowFormat = {
    width,
    wrap: entry.wrap,
    maxRows: bodyHeight,
    timestamps: entry.timestamps,
    pretty: entry.pretty,
    prefix: undefined,
    highlight: search?.regex ?? filter?.regex,
    current: false,
    color: theme.colored,
  };
  const cache = new Map<number, readonly string[]>();
  const rowsOf = (seq: number): readonly string[] => {
    let rows = cache.get(seq);
    if (!rows) {
      const line = buffer.at(seq);
      const prefix = line && snapshot.merged ? containers.indexOf(line.container) : undefined;
      const label = line && workload ? streamLabel(workload, line.container) : undefined;
      rows = line
        ? logRows(line, {
            ...format,
            prefix,
            ...(label ? { label } : {}),
            current: seq === entry.search?.current,
          })
        : [''];
      // Filtered: a separator above a line that does not follow the one before it in the log.
      const at = filter ? list.indexOf(seq) : 0;
      const gap = filterGapRow(at > 0 ? list.seqAt(at - 1) : undefined, seq);
      if (gap) rows = [gap, ...rows];
      cache.set(seq, rows);
    }
    return rows;
  };
  const window = logWindow({
    list,
    follow: entry.follow,
    topSeq: entry.topSeq,
    height: bodyHeight,
    rowsOf,
  });
  viewData.current = {
    kind: 'logs',
    session: logs,
    list,
    topSeq: window.topSeq,
    bottomSeq: window.bottomSeq,
    followTopSeq: window.followTopSeq,
    nextSeq: buffer.nextSeq,
    height: bodyHeight,
    search,
  };

  const target = entry.workload
    ? `all pods, merged`
    : entry.container
      ? entry.container
      : `all containers (${containers.length}: ${containers.join(', ')})`;
  const where =
    entry.workload?.namespace === undefined && entry.workload ? 'all namespaces' : entry.pod.namespace;
  const state = snapshot.state;
  const stateText =
    state.kind === 'streaming' ? (entry.follow ? '● following' : '⏸ paused') : describeFollowState(state);
  const stateColor =
    state.kind === 'streaming'
      ? theme.health.healthy
      : state.kind === 'ended'
        ? theme.muted
        : state.kind === 'waiting'
          ? theme.health.pending
          : theme.warning;
  const facts = [
    count(snapshot.received, 'line'),
    snapshot.evicted ? `${count(snapshot.evicted, 'old line')} evicted (memory bound)` : '',
    snapshot.reconnects ? count(snapshot.reconnects, 'reconnect') : '',
    snapshot.restarts ? count(snapshot.restarts, 'restart') : '',
  ].filter(Boolean);
  const searchText = entry.search
    ? `/${entry.search.pattern}: ${search ? count(search.matches, 'match', 'matches') : 'invalid'}`
    : '';
  const filterText = entry.filter
    ? `&${entry.filter.pattern} ±${entry.context}: ${filter ? count(filter.matches, 'matching line') : 'invalid'}`
    : '';
  const options = [
    `since ${since}`,
    `timestamps ${onOff(entry.timestamps)}`,
    `wrap ${onOff(entry.wrap)}`,
    `json ${onOff(entry.pretty)}`,
    searchText,
    filterText,
  ].filter(Boolean);
  const newLines = entry.follow ? 0 : list.count - list.indexOf(entry.pausedAt);

  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text color={theme.accent} bold>
          {`Logs ${where}/${entry.pod.name} › ${target}${entry.previous ? ' (previous run)' : ''}`}
        </Text>
        <Text color={stateColor}>{'  ' + stateText}</Text>
        <Text color={theme.muted}>{'  ' + facts.join(' · ')}</Text>
        {snapshot.lagSeconds >= LAG_SHOWN_S ? (
          <Text color={theme.warning}>{`  lagging ${snapshot.lagSeconds.toFixed(1)}s`}</Text>
        ) : null}
      </Text>
      <Text wrap="truncate" color={theme.muted}>
        {options.join(' · ')}
      </Text>
      {podRows.map((row, i) => (
        <Text key={`pods${i}`} wrap="truncate">
          {row}
        </Text>
      ))}
      {waiting ? (
        <Box flexDirection="column" height={bodyHeight}>
          <Text color={theme.health.pending} wrap="truncate">
            {`the container has not started (${state.kind === 'waiting' ? state.reason : ''}): the pod's events, live — the logs follow once it starts`}
          </Text>
          <EventsPane
            lines={eventLines(podEventRows(events.events, now), events.forbidden)}
            width={width}
            height={bodyHeight - 1}
          />
        </Box>
      ) : (
        <Box flexDirection="column" height={bodyHeight}>
          {window.rows.length === 0 ? (
            <Text color={theme.muted}>
              {filter
                ? 'no line matches the filter (& then Enter on nothing shows all)'
                : workload && snapshot.workload?.pods.length === 0
                  ? `no pods match ${entry.workload?.selector ?? ''} yet: they join when they start`
                  : 'no log lines yet'}
            </Text>
          ) : (
            window.rows.map((row, i) => (
              <Text key={i} wrap="truncate">
                {row.text === '' ? ' ' : row.text}
              </Text>
            ))
          )}
        </Box>
      )}
      <Text wrap="truncate" color={entry.follow ? theme.muted : theme.accent}>
        {entry.follow
          ? state.kind === 'ended' || state.kind === 'reconnecting'
            ? describeFollowState(state)
            : ' '
          : `⏸ paused · ${count(newLines, 'new line')} below · f or End follows`}
      </Text>
    </Box>
  );
}

/** A workload stream's prefix: its pod's short name and the container, in the pod's colour. */
function streamLabel(workload: WorkloadLogs, key: string): { text: string; color: number } | undefined {
  const pod = workload.podOf(key);
  return pod ? { text: `${pod.short}/${key.slice(key.lastIndexOf('/') + 1)}`, color: pod.color } : undefined;
}

/** Matches per pod (its name as the snapshot lists it) while a pattern applies. */
function podMatches(
  workload: WorkloadLogs | undefined,
  matcher: LineMatcher | undefined,
  buffer: LogSession['buffer'],
): ReadonlyMap<string, number> | undefined {
  if (!workload || !matcher) return undefined;
  const perPod = new Map<string, number>();
  for (const [key, count] of matchesPerStream(matcher, buffer)) {
    const pod = workload.podOf(key);
    if (pod) perPod.set(pod.label, (perPod.get(pod.label) ?? 0) + count);
  }
  return perPod;
}

function EventsPane({
  lines,
  width,
  height,
}: {
  lines: ReturnType<typeof eventLines>;
  width: number;
  height: number;
}) {
  const rows = wrapLines(lines, width);
  return (
    <TextPane
      lines={lines}
      rows={rows}
      scroll={0}
      height={height}
      matches={[]}
      current={undefined}
      colorOf={(kind) => (kind === 'warning' ? theme.warning : kind === 'muted' ? theme.muted : undefined)}
    />
  );
}
