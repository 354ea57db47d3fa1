/**
 * Semantic colour tokens: views say what a thing is (`theme.health.failed`, `theme.muted`), never which colour it
 * is, so the palette lives in one place. Every token is a colour Ink's `<Text color>` / `backgroundColor` accepts.
 * Only the 16 basic ANSI colours are used: they follow the user's terminal palette (light or dark) and need no
 * true-colour support.
 */
import type { TextProps } from 'ink';
import type { PodHealth } from '../domain/podHealth.js';

/** A colour as Ink's `<Text>` takes it. */
export type Color = NonNullable<TextProps['color']>;

/** The palette's tokens. */
export interface Theme {
  /** A pod's STATUS (and anything else that shows a health), by podHealth's category. */
  readonly health: Readonly<Record<PodHealth, Color>>;
  /** The selection bar: the selected row is drawn inverse in this colour. */
  readonly selection: Color;
  /** Column headers and section titles. */
  readonly header: Color;
  /** Secondary text: labels, counts, placeholders. */
  readonly muted: Color;
  /** What is active or in focus: the current namespace, the prompt, the focused column. */
  readonly accent: Color;
  /** Data that may be out of date while the watch reconnects. */
  readonly stale: Color;
  /** Rows marked (Space) for a bulk action, and their marker. */
  readonly marked: Color;
  /** The ↑/↓ beside the sorted column's title. */
  readonly sortIndicator: Color;
  /** Error messages. */
  readonly error: Color;
  /** Key names in the hint bar and help. */
  readonly hintKey: Color;
  /** Search hits in text views (background), and the one n/N went to. */
  readonly searchMatch: Color;
  readonly searchCurrent: Color;
  /** Text drawn on a search highlight. */
  readonly onHighlight: Color;
  /** Warning events and the "why isn't it running" line. */
  readonly warning: Color;
  /** Syntax colours of the YAML view, by token. */
  readonly syntax: Readonly<
    Record<'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'comment', Color>
  >;
}

/** The one palette. */
export const theme: Theme = {
  health: {
    healthy: 'green',
    pending: 'blueBright',
    warning: 'yellow',
    failed: 'red',
    completed: 'gray',
    terminating: 'magenta',
  },
  selection: 'cyan',
  header: 'white',
  muted: 'gray',
  accent: 'cyan',
  stale: 'gray',
  marked: 'magentaBright',
  sortIndicator: 'cyan',
  error: 'red',
  hintKey: 'blueBright',
  searchMatch: 'yellow',
  searchCurrent: 'cyan',
  onHighlight: 'black',
  warning: 'yellow',
  syntax: {
    key: 'cyan',
    string: 'green',
    number: 'magenta',
    literal: 'yellow',
    punctuation: 'gray',
    comment: 'gray',
  },
};
