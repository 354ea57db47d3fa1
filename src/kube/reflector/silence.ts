/**
 * Silence on an open watch: a stalled connection (a network that drops packets, a proxy that holds them) delivers
 * nothing and does not end, so nothing else notices. A healthy watch that allows bookmarks hears at least one per
 * bookmark interval, even when nothing changes; silence well past that interval means the watch may be stale.
 */

/**
 * How often kube-apiserver sends a bookmark to a watch that allows them: every minute (staging/src/k8s.io/
 * apiserver/pkg/storage/cacher/cacher.go, defaultBookmarkFrequency), and 2 s before the watch's deadline. Assumed
 * until two bookmarks on one watch show the server's own interval (the demo server's is 10 s).
 */
const SERVER_BOOKMARK_MS = 60_000;
/** How often the silence is measured (the header counts seconds). */
const TICK_MS = 1000;

/** Silence allowed beyond the bookmark interval before a watch is called quiet: half an interval, at least 2 s. */
function quietAfterMs(intervalMs: number): number {
  return intervalMs + Math.max(2000, intervalMs / 2);
}

/** Measures one open watch at a time and says when it has gone quiet, and for how long. */
export class Silence {
  private lastHeard = 0;
  private lastBookmarkAt: number | undefined;
  private intervalMs = SERVER_BOOKMARK_MS;
  private timer: NodeJS.Timeout | undefined;

  /** @param onQuiet called every tick while the watch is quiet, with the silence in whole seconds (ms) */
  constructor(private readonly onQuiet: (silentMs: number) => void) {}

  /** A watch opened: its silence starts now. The interval learned from earlier watches is kept. */
  opened(): void {
    this.lastHeard = performance.now();
    this.lastBookmarkAt = undefined;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.check(), TICK_MS);
    this.timer.unref();
  }

  /** Something came on the watch. */
  heard(): void {
    this.lastHeard = performance.now();
  }

  /** A bookmark came: the gap since the last one on this watch is the server's interval (1 s to 5 min). */
  bookmark(): void {
    const now = performance.now();
    if (this.lastBookmarkAt !== undefined) {
      this.intervalMs = Math.min(300_000, Math.max(1000, now - this.lastBookmarkAt));
    }
    this.lastBookmarkAt = now;
  }

  /** The watch ended: stop measuring. */
  closed(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const silentMs = performance.now() - this.lastHeard;
    if (silentMs > quietAfterMs(this.intervalMs)) this.onQuiet(Math.floor(silentMs / 1000) * 1000);
  }
}
