/**
 * The bottom line: the keys that act on what is on screen, generated from the keymap. A key whose command cannot
 * run now (read-only mode, or a permission the server denied) is struck through and marked ✗, and the line ends
 * with why (right after quit and help). The line fits the terminal's width: the least useful hints are dropped
 * whole (see HintBarFit), `?` last.
 */
import { Text, useWindowSize } from 'ink';
import type { Scope } from '../../keymap/bindings.js';
import { summarizeReasons } from '../../keymap/disabled.js';
import type { DisabledFn } from '../../keymap/resolve.js';
import { hints } from '../../keymap/resolve.js';
import { theme } from '../theme.js';
import { fitHints } from './HintBarFit.js';

export interface HintBarProps {
  scopes: readonly Scope[];
  /** A note shown after the hints, e.g. read-only mode's. */
  suffix?: string | undefined;
  /** Why a command cannot run now. */
  disabled?: DisabledFn;
  /** Columns to fit in; the terminal's width by default. */
  width?: number;
}

export function HintBar({ scopes, suffix, disabled, width }: HintBarProps) {
  const { columns } = useWindowSize();
  const all = hints(scopes, disabled);
  const reasons = all.flatMap((h) => (h.disabled && h.disabled.head !== suffix ? [h.disabled] : []));
  const wanted = [suffix, reasons.length ? `✗ ${summarizeReasons(reasons)}` : undefined]
    .filter(Boolean)
    .join('  ');
  const fitted = fitHints(all, wanted || undefined, width ?? columns);
  const items = fitted.hints;
  const summary = fitted.summary;
  // After quit and help (a narrow terminal still shows how to get out), before the view's keys: why keys are
  // unavailable matters more than the view's hints.
  const globalCommands = new Set(hints(['global']).map((h) => h.command));
  const globals = items.filter((h) => globalCommands.has(h.command)).length;
  const item = (h: (typeof items)[number], i: number) => (
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
  );
  return (
    <Text wrap="truncate">
      {items.slice(0, globals).map(item)}
      {summary ? <Text color={theme.health.warning}>{'  ' + summary}</Text> : null}
      {items.slice(globals).map((h, i) => item(h, i + globals))}
    </Text>
  );
}
