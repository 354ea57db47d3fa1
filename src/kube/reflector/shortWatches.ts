/**
 * The "very short watch" rule (client-go tools/cache/reflector.go, watchHandler): a watch the server accepted and
 * closed within a second with nothing in it did not work. A server or proxy that does that to every watch would
 * otherwise be asked again at once, forever. Two in a row are forgiven (a watch can end early for an ordinary
 * reason, e.g. the server's own timeout coming round); from the third, each one is a failure, backed off like any
 * other, until a watch proves itself.
 */

/** A watch that ends sooner than this with no events is short. */
const SHORT_WATCH_MS = 1000;
/** Short watches in a row that are resumed at once; the next one is a failure. */
const SHORT_WATCHES_FORGIVEN = 2;

/**
 * What a watch that closed says about the connection: `proved` (it lasted or delivered: the back-off starts
 * afresh), `forgiven` (short, but resume at once) or `failing` (short too often: back off).
 */
export type ShortWatchVerdict = 'proved' | 'forgiven' | 'failing';

/** Counts short watches in a row. */
export class ShortWatches {
  private inARow = 0;

  /**
   * Judges a watch that closed.
   * @param events what it delivered (bookmarks included)
   * @param lastedMs from the request to its end
   */
  closed(events: number, lastedMs: number): ShortWatchVerdict {
    if (events > 0 || lastedMs >= SHORT_WATCH_MS) {
      this.inARow = 0;
      return 'proved';
    }
    return ++this.inARow > SHORT_WATCHES_FORGIVEN ? 'failing' : 'forgiven';
  }
}
