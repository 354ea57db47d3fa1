/**
 * A scrolling text pane (describe, YAML, events): only the rows in the window are rendered, each a single `<Text>`
 * of coloured segments, search hits highlighted in place (the current one stronger).
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { TextLine, TextRow } from '../../domain/textLayout.js';
import { rowSegments } from '../../domain/textLayout.js';
import type { TextMatch } from '../../domain/textSearch.js';
import type { Color } from '../theme.js';
import { theme } from '../theme.js';

export interface TextPaneProps {
  readonly lines: readonly TextLine[];
  readonly rows: readonly TextRow[];
  readonly scroll: number;
  readonly height: number;
  readonly matches: readonly TextMatch[];
  readonly current: TextMatch | undefined;
  /** Colour of a span kind (YAML keys, Warning events…). */
  readonly colorOf: (kind: string) => Color | undefined;
}

function TextPaneView({ lines, rows, scroll, height, matches, current, colorOf }: TextPaneProps) {
  const visible = rows.slice(scroll, scroll + Math.max(1, height));
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((row, i) => {
        const line = lines[row.line]!;
        const segments = rowSegments(row, line, matches, current);
        return (
          <Text key={i} wrap="truncate">
            {row.indent ? ' '.repeat(row.indent) : null}
            {segments.length === 0
              ? ' '
              : segments.map((s, j) => (
                  <Text
                    key={j}
                    inverse={s.highlight !== undefined && !theme.colored}
                    bold={s.highlight === 'current' && !theme.colored}
                    color={s.highlight ? theme.onHighlight : s.kind ? colorOf(s.kind) : undefined}
                    backgroundColor={
                      s.highlight === 'current'
                        ? theme.searchCurrent
                        : s.highlight
                          ? theme.searchMatch
                          : undefined
                    }
                  >
                    {s.text}
                  </Text>
                ))}
          </Text>
        );
      })}
    </Box>
  );
}

export const TextPane = memo(TextPaneView);
