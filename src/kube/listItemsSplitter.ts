/**
 * A list's JSON body (`{"kind":"PodList",…,"items":[{…},{…}]}`) split into its items as the bytes arrive, each item
 * parsed on its own as soon as its closing brace has come, and the rest of the body (kind, metadata) kept aside
 * with `items` emptied. An unpaged list of 100,000 real-size pods is over 600 MB of JSON: more than V8's longest
 * string (2^29 − 24 characters), so it cannot be read whole and `JSON.parse`d at all, and reading it whole would
 * hold the text and every full object at once. Split, the items can be slimmed page by page while the rest is still
 * on the wire.
 *
 * The scan only tracks what JSON's grammar needs to find an item's end: nesting depth, and strings (whose bytes are
 * skipped with `indexOf`, escapes included). Anything malformed surfaces from `JSON.parse` of an item or of the rest.
 */

import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './decode/jsonChars.js';

export class ListItemsSplitter {
  /** Nesting depth after the bytes scanned so far: 1 inside the list object, 2 inside its items array. */
  private depth = 0;
  private inString = false;
  /** A backslash ended the last chunk inside a string: the next chunk's first byte is escaped. */
  private escapeCarried = false;
  /** Inside the items array (depth ≥ 2 below it). */
  private inItems = false;
  /** The last string completed at depth 1 (a key, or a value), to know the array that follows `"items":`. */
  private lastTopString = '';
  /** Bytes of a depth-1 string being read (keys are short; a value may span chunks). */
  private topString: Buffer[] | undefined;
  /** Bytes of the item being read, from earlier chunks. */
  private itemParts: Buffer[] = [];
  /** Whether an item (an object in the items array) is being read. */
  private inItem = false;
  /** The body without its items, as pieces. */
  private readonly rest: Buffer[] = [];
  private restBytes = 0;

  /**
   * Scans one chunk of the body.
   * @returns the items completed in it, parsed, in order
   */
  push(chunk: Buffer): unknown[] {
    const items: unknown[] = [];
    const n = chunk.length;
    let i = 0;
    /** Where the part of this chunk that belongs to the current item, or to the rest, starts. */
    let itemFrom = 0;
    let restFrom = this.inItems ? -1 : 0;
    if (this.escapeCarried) {
      this.escapeCarried = false;
      i = 1;
    }
    while (i < n) {
      if (this.inString) {
        const quote = chunk.indexOf(QUOTE, i);
        const backslash = chunk.indexOf(BACKSLASH, i);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          if (backslash + 1 >= n) this.escapeCarried = true;
          i = backslash + 2;
          continue;
        }
        if (quote === -1) {
          i = n;
          continue;
        }
        this.inString = false;
        i = quote + 1;
        if (this.topString) {
          this.topString.push(chunk.subarray(itemFrom, quote));
          this.lastTopString = Buffer.concat(this.topString).toString('utf8');
          this.topString = undefined;
        }
        continue;
      }
      const c = chunk[i] ?? 0;
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1) {
          this.topString = [];
          itemFrom = i + 1; // the string's own bytes, for a depth-1 string
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.depth++;
        if (this.depth === 2 && c === OPEN_ARRAY && this.lastTopString === 'items' && !this.inItems) {
          // The items array opens: the rest takes its '[' and resumes at its ']'.
          this.inItems = true;
          this.keepRest(chunk.subarray(restFrom, i + 1));
          restFrom = -1;
        } else if (this.inItems && this.depth === 3 && c === OPEN_OBJECT) {
          this.inItem = true;
          this.itemParts = [];
          itemFrom = i;
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.inItems && this.inItem && this.depth === 2) {
          this.inItem = false;
          const last = chunk.subarray(itemFrom, i + 1);
          const text =
            this.itemParts.length === 0
              ? last.toString('utf8')
              : Buffer.concat([...this.itemParts, last]).toString('utf8');
          this.itemParts = [];
          items.push(JSON.parse(text));
        } else if (this.inItems && this.depth === 1) {
          this.inItems = false;
          restFrom = i;
        }
      }
      i++;
    }
    if (this.topString && this.inString) this.topString.push(chunk.subarray(itemFrom));
    if (this.inItem) this.itemParts.push(chunk.subarray(itemFrom));
    if (restFrom >= 0) this.keepRest(chunk.subarray(restFrom));
    return items;
  }

  /**
   * The body without its items, parsed: the list's kind and metadata with `items: []` (or without `items` when it
   * had none). Call after the last chunk.
   */
  end(): unknown {
    if (this.inString || this.depth !== 0)
      throw new SyntaxError('the list ended before its JSON was complete');
    return JSON.parse(Buffer.concat(this.rest, this.restBytes).toString('utf8'));
  }

  private keepRest(bytes: Buffer): void {
    if (bytes.length === 0) return;
    // A copy: the chunk's memory is the socket's, and the rest is kept until the end.
    this.rest.push(Buffer.from(bytes));
    this.restBytes += bytes.length;
  }
}
