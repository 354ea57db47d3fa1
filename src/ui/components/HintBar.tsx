/**
 * The bottom line: the keys that act on what is on screen, generated from the keymap. A key whose command cannot
 * run now (read-only mode, or a permission the server denied) is struck through and marked ✗, and the line ends
 * with why.
 */
import { Text } from 'ink';
import type { Scope } from '../../keymap/bindings.js';
import { summarizeReasons } from '../../keymap/disabled.js';
import type { DisabledReason } from '../../keymap/disabled.js';
import type { DisabledFn } from '../../keymap/resolve.js';
import { hints } from '../../keymap/resolve.js';
import { theme } from '../theme.js';

export interface HintBarProps {
  scopes: readonly Scope[];
  /** A note shown after the hints, e.g. read-only mode's. */
  suffix?: string | undefined;
  /** Why a command cannot run now. */
  disabled?: DisabledFn;
}

export function HintBar({ scopes, suffix, disabled }: HintBarProps) {
  const items = hints(scopes, disabled);
  const reasons = items.flatMap((h) => (h.disabled && h.disabled.head !== suffix ? [h.disabled] : []));
  const why: DisabledReason[] = reasons;
  const summary = [suffix, why.length ? `✗ ${summarizeReasons(why)}` : undefined].filter(Boolean).join('  ');
  return (
    <Text wrap="truncate">
      {items.map((h, i) => (
        <Text key={`${h.keys}-${h.title}`}>
          {i > 0 ? '  ' : ''}
          <Text color={h.disabled ? theme.muted : theme.hintKey} bold={!h.disabled}>
            {h.keys}
          </Text>
          {h.disabled ? (
            <Text color={theme.muted} strikethrough>
              {' ✗' + h.title}
            </Text>
          ) : (
            <Text color={theme.muted}> {h.title}</Text>
          )}
        </Text>
      ))}
      {summary ? <Text color={theme.muted}>{'  ' + summary}</Text> : null}
    </Text>
  );
}
