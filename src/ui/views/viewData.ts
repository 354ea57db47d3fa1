/**
 * What the view on screen publishes for the key handlers: the text view's rows and search matches, the containers
 * view's names, the forwards list's ids. Views write it as they render; commands read it when the next key comes,
 * so they act on exactly what the user sees.
 */
import type { ForwardInfo } from '../../domain/portForwardView.js';
import type { LogList } from '../../domain/logWindow.js';
import type { TextMatch } from '../../domain/textSearch.js';
import type { LogSession } from '../../logs/logSession.js';
import type { LineMatcher } from '../../logs/matcher.js';

export type ViewData =
  | {
      readonly kind: 'text';
      /** Screen rows after wrapping (what scrolling counts). */
      readonly rowCount: number;
      /** Logical lines' text, which search runs over. */
      readonly lines: readonly string[];
      readonly matches: readonly TextMatch[];
      /** The screen row of a match. */
      readonly rowOf: (match: TextMatch) => number;
      /** The logical line shown on a screen row. */
      readonly lineOfRow: (row: number) => number;
      /** The whole text, for saving. */
      readonly text: () => string;
      /** A file name stem for saving: `describe-default-webserver`. */
      readonly saveName: string;
    }
  | { readonly kind: 'containers'; readonly names: readonly string[] }
  | {
      readonly kind: 'logs';
      readonly session: LogSession;
      /** The lines scrolled through: all retained ones, or the filter's. */
      readonly list: LogList;
      /** The first line on screen, and the first line the follow window would show. */
      readonly topSeq: number | undefined;
      readonly bottomSeq: number | undefined;
      readonly followTopSeq: number | undefined;
      readonly nextSeq: number;
      /** Rows of log lines on screen (a page). */
      readonly height: number;
      /** The applied search, updated to every retained line. */
      readonly search: LineMatcher | undefined;
    }
  | { readonly kind: 'forwards'; readonly ids: readonly string[]; readonly forwards: readonly ForwardInfo[] };
