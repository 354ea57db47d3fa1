/**
 * The reach view (`R`, `:reach [PORT]`, issue 15 §2): the client pod's progress, then per port what the target
 * answered from inside the cluster (status line and first body lines, or refused / timed out, with the time), and
 * that the client pod was deleted. `r` runs it again (after a new confirm), Esc leaves (deleting the client pod).
 */
import { Box, Text } from 'ink';
import type { RefObject } from 'react';
import type { ReachLine } from '../../domain/reach/reachReport.js';
import { reachLines } from '../../domain/reach/reachReport.js';
import type { ReachEntry } from '../../state/views.js';
import { useReachRun } from '../hooks/useReachRun.js';
import type { Session } from '../session.js';
import { theme } from '../theme.js';
import type { ViewData } from './viewData.js';

export interface ReachViewProps {
  entry: ReachEntry;
  session: Session;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
}

function color(tone: ReachLine['tone']): string | undefined {
  switch (tone) {
    case 'title':
      return theme.accent;
    case 'muted':
      return theme.muted;
    case 'ok':
      return theme.health.healthy;
    case 'bad':
      return theme.error;
    case 'plain':
      return undefined;
  }
}

export function ReachView({ entry, session, width, height }: ReachViewProps) {
  const report = useReachRun(session, entry);
  const lines = reachLines(report);
  return (
    <Box flexDirection="column" height={height} width={width}>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} color={color(l.tone)} bold={l.tone === 'title'} wrap="truncate">
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
