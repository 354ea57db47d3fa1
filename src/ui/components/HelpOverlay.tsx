/** `?`: every key of every view, from the same table the handlers and the hint bar use. */
import { Box, Text } from 'ink';
import type { DisabledFn } from '../../keymap/resolve.js';
import { helpSections } from '../../keymap/resolve.js';
import { theme } from '../theme.js';

export interface HelpOverlayProps {
  height: number;
  width: number;
  /** First line shown (the help scrolls when the terminal is short). */
  scroll: number;
  /** Why a command cannot run now: its row says so. */
  disabled?: DisabledFn;
}

/** All help lines, so the caller knows how far it can scroll. */
export function helpLines(
  disabled?: DisabledFn,
): { text: string; kind: 'title' | 'row' | 'blank'; keys?: string; disabled?: string }[] {
  const out: { text: string; kind: 'title' | 'row' | 'blank'; keys?: string; disabled?: string }[] = [];
  for (const s of helpSections(disabled)) {
    if (out.length) out.push({ text: '', kind: 'blank' });
    out.push({ text: s.title, kind: 'title' });
    for (const r of s.rows)
      out.push({ text: r.help, kind: 'row', keys: r.keys, ...(r.disabled ? { disabled: r.disabled } : {}) });
  }
  return out;
}

export function HelpOverlay({ height, width, scroll, disabled }: HelpOverlayProps) {
  const lines = helpLines(disabled);
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
            {l.disabled ? <Text color={theme.muted}>{l.text}</Text> : l.text}
            {l.disabled ? <Text color={theme.error}>{`  ✗ unavailable: ${l.disabled}`}</Text> : null}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            <Text color={theme.hintKey}>{'  ' + (l.keys ?? '').padEnd(keyWidth)}</Text>
            {l.disabled ? <Text color={theme.muted}>{l.text}</Text> : l.text}
            {l.disabled ? <Text color={theme.error}>{`  ✗ unavailable: ${l.disabled}`}</Text> : null}
          </Text>
        ),
      )}
    </Box>
  );
}
