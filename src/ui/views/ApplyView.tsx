/**
 * The apply view (`A`, `:apply FILE`): the dry run's preview — per object "create", "unchanged", a diff, or the
 * server's refusal with its causes — scrolled above two buttons, Cancel (focused first) and Apply; then the report
 * of what was applied. Lines are cut at the edge, never wrapped, so scrolling counts lines.
 */
import { Box, Text } from 'ink';
import type { ApplyLine } from '../../domain/manifest/plan.js';
import type { ApplyEntry } from '../../state/applyView.js';
import { Button } from '../components/DialogBox.js';
import { theme, type Color } from '../theme.js';

export interface ApplyViewProps {
  entry: ApplyEntry;
  width: number;
  height: number;
}

function colorOf(kind: ApplyLine['kind']): Color | undefined {
  switch (kind) {
    case 'added':
    case 'ok':
      return theme.health.healthy;
    case 'removed':
    case 'error':
      return theme.error;
    case 'hunk':
    case 'title':
      return theme.accent;
    case 'header':
    case 'muted':
      return theme.muted;
    case 'context':
      return undefined;
  }
}

/** The buttons' line: what Enter does now. */
function Buttons({ entry }: { entry: ApplyEntry }) {
  if (entry.phase === 'planning' || entry.phase === 'applying')
    return <Text color={theme.muted}>{entry.phase === 'planning' ? 'dry run…' : 'applying…'}</Text>;
  if (entry.phase === 'done') return <Button label="Back" focused />;
  return (
    <Text>
      <Button label="Cancel" focused={entry.focus === 'cancel'} />
      {'  '}
      {entry.applicable ? (
        <Button label="Apply" focused={entry.focus === 'apply'} danger />
      ) : (
        <Text color={theme.muted}>(nothing to apply)</Text>
      )}
    </Text>
  );
}

export function ApplyView({ entry, width, height }: ApplyViewProps) {
  const rows = Math.max(1, height - 2);
  const scroll = Math.max(0, Math.min(entry.scroll, entry.lines.length - rows));
  const shown = entry.lines.slice(scroll, scroll + rows);
  const more = entry.lines.length - scroll - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" height={rows}>
        {shown.map((line, i) => (
          <Text key={scroll + i} color={colorOf(line.kind)} bold={line.kind === 'title'} wrap="truncate">
            {line.text || ' '}
          </Text>
        ))}
      </Box>
      <Text color={theme.muted} wrap="truncate">
        {more > 0 ? `↓ ${more} more line${more === 1 ? '' : 's'} (j, PgDn)` : ' '}
      </Text>
      <Buttons entry={entry} />
    </Box>
  );
}
