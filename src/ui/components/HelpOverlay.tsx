/** `?`: every key of every view, from the same table the handlers and the hint bar use. */
import { Box, Text } from 'ink';
import { helpSections } from '../../keymap/resolve.js';
import { theme } from '../theme.js';

export interface HelpOverlayProps {
  height: number;
  width: number;
  /** First line shown (the help scrolls when the terminal is short). */
  scroll: number;
}

/** All help lines, so the caller knows how far it can scroll. */
export function helpLines(): { text: string; kind: 'title' | 'row' | 'blank'; keys?: string }[] {
  const out: { text: string; kind: 'title' | 'row' | 'blank'; keys?: string }[] = [];
  for (const s of helpSections()) {
    if (out.length) out.push({ text: '', kind: 'blank' });
    out.push({ text: s.title, kind: 'title' });
    for (const r of s.rows) out.push({ text: r.help, kind: 'row', keys: r.keys });
  }
  return out;
}

export function HelpOverlay({ height, width, scroll }: HelpOverlayProps) {
  const lines = helpLines();
  const keyWidth = Math.max(...lines.map((l) => (l.keys ?? '').length)) + 2;
  const visible = lines.slice(scroll, scroll + Math.max(1, height - 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.accent} bold wrap="truncate">
        Keys — Esc or ? closes{lines.length > height - 1 ? ' · ↑/↓ scroll' : ''}
      </Text>
      {visible.map((l, i) =>
        l.kind === 'title' ? (
          <Text key={i} color={theme.header} bold wrap="truncate">
            {l.text}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            <Text color={theme.hintKey}>{'  ' + (l.keys ?? '').padEnd(keyWidth)}</Text>
            {l.text}
          </Text>
        ),
      )}
    </Box>
  );
}
