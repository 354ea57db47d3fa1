/**
 * A text view (describe, YAML, events): a title line saying what it is and its state (live / paused, deleted,
 * matches), then the wrapped text, scrolled and searched. With auto-refresh off the text stays as it was when it
 * was turned off, so it can be read while the pod changes.
 */
import { Box, Text } from 'ink';
import type { RefObject } from 'react';
import { useMemo, useRef } from 'react';
import type { TextLine } from '../../domain/textLayout.js';
import { rowOfLine, wrapLines } from '../../domain/textLayout.js';
import { compileSearch, findMatches } from '../../domain/textSearch.js';
import type { ViewEntry } from '../../state/views.js';
import { TextPane } from '../components/TextPane.js';
import type { Color } from '../theme.js';
import { theme } from '../theme.js';
import type { ViewData } from './viewData.js';

export interface TextViewProps {
  entry: Extract<ViewEntry, { kind: 'text' }>;
  title: string;
  lines: readonly TextLine[];
  /** Something the user must know about the content (the pod is gone, events are forbidden). */
  notice: string | undefined;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
  colorOf: (kind: string) => Color | undefined;
}

const NO_MATCHES: never[] = [];

export function TextView({
  entry,
  title,
  lines: live,
  notice,
  width,
  height,
  viewData,
  colorOf,
}: TextViewProps) {
  const shown = useRef(live);
  if (entry.autoRefresh || shown.current.length === 0) shown.current = live;
  const lines = shown.current;
  const bodyHeight = Math.max(1, height - 1);
  const rows = useMemo(() => wrapLines(lines, width), [lines, width]);
  const texts = useMemo(() => lines.map((l) => l.text), [lines]);
  const pattern = entry.search?.pattern;
  const matches = useMemo(() => {
    if (!pattern) return NO_MATCHES;
    const parsed = compileSearch(pattern);
    return parsed.ok ? findMatches(texts, parsed.regex) : NO_MATCHES;
  }, [texts, pattern]);
  const current = entry.search ? matches[entry.search.current] : undefined;

  viewData.current = {
    kind: 'text',
    rowCount: rows.length,
    lines: texts,
    matches,
    rowOf: (m) => rowOfLine(rows, m.line, m.start),
    lineOfRow: (row) => rows[Math.max(0, Math.min(row, rows.length - 1))]?.line ?? 0,
    text: () => texts.join('\n') + '\n',
    saveName: `${entry.text}-${entry.pod.namespace}-${entry.pod.name}`,
  };

  const scroll = Math.max(0, Math.min(entry.scroll, rows.length - bodyHeight));
  const position =
    rows.length <= bodyHeight ? 'all' : `${Math.round(((scroll + bodyHeight) / rows.length) * 100)}%`;
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">
        <Text color={theme.accent} bold>
          {title}
        </Text>
        <Text color={theme.muted}>
          {'  '}
          {entry.autoRefresh ? '● live' : '⏸ paused (r resumes)'} · {position}
          {entry.search
            ? ` · /${entry.search.pattern}: ${matches.length ? `${entry.search.current + 1}/${matches.length}` : 'no match'}`
            : ''}
        </Text>
        {notice ? <Text color={theme.warning}>{'  ' + notice}</Text> : null}
      </Text>
      <TextPane
        lines={lines}
        rows={rows}
        scroll={scroll}
        height={bodyHeight}
        matches={matches}
        current={current}
        colorOf={colorOf}
      />
    </Box>
  );
}
