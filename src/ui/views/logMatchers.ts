/**
 * The search and filter matchers of a log session, shared by the view (which highlights and filters with them)
 * and the key handlers (which jump to matches as soon as a pattern is applied): one matcher per session and
 * pattern, so every retained line is scanned once, then only the lines appended since.
 */
import type { LogSession } from '../../logs/logSession.js';
import { LineMatcher } from '../../logs/matcher.js';

/** Matchers kept per session: the search and the filter, and the ones just replaced. */
const KEPT = 4;
const bySession = new WeakMap<LogSession, Map<string, LineMatcher>>();

/**
 * The matcher for `pattern` with `context` lines, updated to every line the session retains now.
 * Throws an Error with a one-line message for an invalid pattern.
 */
export function matcherFor(session: LogSession, pattern: string, context: number): LineMatcher {
  let kept = bySession.get(session);
  if (!kept) {
    kept = new Map();
    bySession.set(session, kept);
  }
  const key = `${context}\n${pattern}`;
  let matcher = kept.get(key);
  if (!matcher) {
    matcher = new LineMatcher(pattern, context);
    kept.set(key, matcher);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  }
  matcher.update(session.buffer);
  return matcher;
}
