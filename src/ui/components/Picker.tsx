/** A modal list with type-to-filter (namespaces, contexts): the query line, then a window of matches. */
import { Box, Text } from 'ink';
import { theme } from '../theme.js';

export interface PickerProps {
  title: string;
  query: string;
  items: readonly string[];
  index: number;
  height: number;
  /** The item in use now, marked with a dot. */
  current?: string | undefined;
}

/** Items matching the query: case-insensitive substring, in their order. */
export function pickerMatches(items: readonly string[], query: string): string[] {
  const q = query.toLowerCase();
  return q ? items.filter((i) => i.toLowerCase().includes(q)) : [...items];
}

export function Picker({ title, query, items, index, height, current }: PickerProps) {
  const matches = pickerMatches(items, query);
  const rows = Math.max(1, height - 2);
  const offset = Math.max(0, Math.min(index - Math.floor(rows / 2), matches.length - rows));
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">
        <Text color={theme.accent} bold>
          {title}
        </Text>{' '}
        {query}
        <Text inverse> </Text>
        <Text color={theme.muted}>
          {'  '}
          {matches.length} of {items.length}
        </Text>
      </Text>
      {matches.length === 0 ? <Text color={theme.muted}>no match</Text> : null}
      {matches.slice(offset, offset + rows).map((m, i) => (
        <Text key={m} inverse={offset + i === index} wrap="truncate">
          {m === current ? '● ' : '  '}
          {m}
        </Text>
      ))}
    </Box>
  );
}
