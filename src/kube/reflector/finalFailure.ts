/**
 * The failures a reflector stops on for good, because retrying cannot fix them: a request the server calls
 * malformed (400), and — until a list has succeeded — credentials it refuses (401) or a permission it denies
 * (403). After a list has worked, a 401 may be an expired token that a credential plugin renews, and a 403 a role
 * binding being changed: those are retried with back-off like any outage.
 */
import type { Failure } from '../errors.js';

/**
 * Whether to stop for good after `failure`.
 * @param failure what the attempt failed with
 * @param listed whether any list (or a given resourceVersion) has succeeded before
 */
export function isFinalFailure(failure: Failure, listed: boolean): boolean {
  if (failure.kind === 'bad-request') return true;
  return !listed && (failure.kind === 'unauthorized' || failure.kind === 'forbidden');
}
