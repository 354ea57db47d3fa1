/**
 * Semantic colour tokens: views say what a thing is (`theme.health.failed`, `theme.muted`), never which colour it
 * is, so the palette lives in one place. Every token is a colour Ink's `<Text color>` / `backgroundColor` accepts,
 * or NONE for the terminal's own.
 *
 * One palette reads on a dark and on a light background: the basic ANSI colours follow the user's terminal
 * palette; none is white or black text (white vanishes on a light background, black on a dark one), and the
 * selection is plain inverse video, the terminal's own foreground and background swapped, which reads on any
 * palette. The one colour that does not read on both is yellow text (pale on white): where the terminal says its
 * background is light (`COLORFGBG`, set by rxvt, Konsole and iTerm2), or `PODSCOPE_THEME=light`, warnings use a
 * dark amber instead. The background is never queried (OSC 11): a terminal that does not answer would make
 * start-up wait, and a late answer would arrive as keystrokes.
 *
 * `NO_COLOR` (https://no-color.org), set and not empty, removes every colour: selection, marks and search hits
 * still show, as inverse video, bold and the row markers, which are not colours.
 */
import type { TextProps } from 'ink';
import type { PodHealth } from '../domain/podHealth.js';

/**
 * A colour as Ink's `<Text>` takes it. `NONE` ('') leaves the terminal's own: Ink treats any falsy colour as unset
 * (ink/build/colorize.js); it is every token under NO_COLOR.
 */
export type Color = NonNullable<TextProps['color']>;

/** The terminal's own colour. */
export const NONE: Color = '';

/** The palette's tokens. */
export interface Theme {
  /** A pod's STATUS (and anything else that shows a health), by podHealth's category. */
  readonly health: Readonly<Record<PodHealth, Color>>;
  /** The selection bar: the selected row is drawn inverse in this colour (NONE: the terminal's own). */
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
  /** False under NO_COLOR: highlights that are normally a background colour are drawn inverse instead. */
  readonly colored: boolean;
}

/** The palette, for a dark or a light background (they differ only in the yellow text; see the file comment). */
function palette(light: boolean): Theme {
  const warning: Color = light ? '#af8700' : 'yellow';
  return {
    health: {
      healthy: 'green',
      pending: 'blueBright',
      warning,
      failed: 'red',
      completed: 'gray',
      terminating: 'magenta',
    },
    selection: NONE,
    header: NONE,
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
    warning,
    syntax: {
      key: 'cyan',
      string: 'green',
      number: 'magenta',
      literal: light ? '#af8700' : 'yellow',
      punctuation: 'gray',
      comment: 'gray',
    },
    colored: true,
  };
}

/** Every token NONE: the terminal's own colours only. */
function monochrome(): Theme {
  const dark = palette(false);
  const blank = <K extends string>(r: Readonly<Record<K, Color>>): Record<K, Color> =>
    Object.fromEntries(Object.keys(r).map((k) => [k, NONE])) as Record<K, Color>;
  const { health, syntax, colored: _, ...flat } = dark;
  return { ...blank(flat), health: blank(health), syntax: blank(syntax), colored: false };
}

/**
 * Whether the terminal says its background is light: `COLORFGBG` is `fg;bg` (or `fg;default;bg`) in ANSI colour
 * numbers; 7 (white) and 9–15 except 8 are light backgrounds (rxvt's and Konsole's convention).
 */
export function lightBackground(env: NodeJS.ProcessEnv): boolean {
  const forced = env['PODSCOPE_THEME'];
  if (forced === 'light') return true;
  if (forced === 'dark') return false;
  const bg = Number((env['COLORFGBG'] ?? '').split(';').pop());
  return Number.isInteger(bg) && (bg === 7 || (bg >= 9 && bg <= 15));
}

/**
 * The theme for an environment: none under NO_COLOR (set and not empty, as no-color.org says), else the palette
 * for the background.
 */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  if (env['NO_COLOR']) return monochrome();
  return palette(lightBackground(env));
}

/** The theme of this process. */
export const theme: Theme = themeFor(process.env);
