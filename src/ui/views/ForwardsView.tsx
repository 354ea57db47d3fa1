/**
 * The port-forwards list (`f`, `:pf`): every forward of the registry with its true state — failed forwards say why
 * and never look active — connections, bytes both ways and age; the last HTTP probe's answer below, its headers
 * in a small static table (ink-table: fine for a few rows drawn once, too slow for the live pod list).
 */
import { Table } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import type { RefObject } from 'react';
import type { ForwardInfo } from '../../domain/portForwardView.js';
import { forwardCells } from '../../domain/portForwardView.js';
import type { ViewEntry } from '../../state/views.js';
import { useNow } from '../hooks/useNow.js';
import { theme } from '../theme.js';
import type { ViewData } from './viewData.js';

export interface ForwardsViewProps {
  entry: Extract<ViewEntry, { kind: 'forwards' }>;
  forwards: readonly ForwardInfo[];
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
}

const COLUMNS = ['target', 'pod', 'container', 'ports', 'url', 'conns', 'in', 'out', 'age', 'state'] as const;
const TITLES: Record<(typeof COLUMNS)[number], string> = {
  target: 'TARGET',
  pod: 'POD',
  container: 'CONTAINER',
  ports: 'PORTS',
  url: 'URL',
  conns: 'CONNS',
  in: 'IN',
  out: 'OUT',
  age: 'AGE',
  state: 'STATE',
};

function stateColor(f: ForwardInfo) {
  return f.state.kind === 'active'
    ? theme.health.healthy
    : f.state.kind === 'reconnecting' || f.state.kind === 'waiting'
      ? theme.warning
      : theme.error;
}

export function ForwardsView({ entry, forwards, width, height, viewData }: ForwardsViewProps) {
  const now = useNow(1000);
  viewData.current = { kind: 'forwards', ids: forwards.map((f) => f.id), forwards };
  const selected = entry.selected ?? forwards[0]?.id;
  const cells = forwards.map((f) => forwardCells(f, now));
  // TARGET (what a forward follows, issue 16) only when one does.
  const columns = COLUMNS.filter((c) => c !== 'target' || forwards.some((f) => f.follow));
  const widths = columns.map((c) => Math.max(TITLES[c].length, ...cells.map((x) => x[c].length)));
  const line = (get: (c: (typeof COLUMNS)[number]) => string): string =>
    columns.map((c, i) => (i === columns.length - 1 ? get(c) : get(c).padEnd(widths[i]! + 2))).join('');
  const shown = entry.probe && entry.probe.id === selected ? entry.probe : undefined;
  const probe = shown?.lines ?? [];
  const headers = shown?.headers ?? [];
  // The headers table: ink-table draws a border line above, below and between its rows.
  const headerLines = headers.length ? 2 * headers.length + 3 : 0;
  const listHeight = Math.max(1, height - 2 - (probe.length ? probe.length + 1 : 0) - headerLines);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text color={theme.accent} bold wrap="truncate">
        Port-forwards ({forwards.length}) <Text color={theme.muted}>— they stop when podscope exits</Text>
      </Text>
      <Text color={theme.header} bold wrap="truncate">
        {'  ' + line((c) => TITLES[c])}
      </Text>
      {forwards.length === 0 ? (
        <Text color={theme.muted}>{'  no forwards: F on a pod or a container starts one'}</Text>
      ) : null}
      {forwards.slice(0, listHeight).map((f, i) => (
        <Text key={f.id} wrap="truncate" inverse={f.id === selected}>
          {f.id === selected ? '› ' : '  '}
          {line((c) => (c === 'state' ? '' : cells[i]![c]))}
          <Text color={stateColor(f)}>{cells[i]!.state}</Text>
        </Text>
      ))}
      {probe.length ? <Text> </Text> : null}
      {probe.slice(0, 1).map((l) => (
        <Text key="status" wrap="truncate" color={theme.accent}>
          {l}
        </Text>
      ))}
      {headers.length ? <Table data={[...headers]} /> : null}
      {probe.slice(1).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
