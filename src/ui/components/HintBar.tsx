/** The bottom line: the keys that act on what is on screen, generated from the keymap. */
import { Text } from 'ink';
import type { Scope } from '../../keymap/bindings.js';
import { hints } from '../../keymap/resolve.js';
import { theme } from '../theme.js';

export interface HintBarProps {
  scopes: readonly Scope[];
  /** A reason shown instead of hints, e.g. read-only mode notes. */
  suffix?: string;
}

export function HintBar({ scopes, suffix }: HintBarProps) {
  const items = hints(scopes);
  return (
    <Text wrap="truncate">
      {items.map((h, i) => (
        <Text key={`${h.keys}-${h.title}`}>
          {i > 0 ? '  ' : ''}
          <Text color={theme.hintKey} bold>
            {h.keys}
          </Text>
          <Text color={theme.muted}> {h.title}</Text>
        </Text>
      ))}
      {suffix ? <Text color={theme.muted}>{'  ' + suffix}</Text> : null}
    </Text>
  );
}
