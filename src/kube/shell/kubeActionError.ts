/** One readable line for a failed request about one pod: `pod x not found`, 403 in the server's words, … */
import { describeFailure, KubeHttpError } from '../errors.js';

/**
 * @param err what the request threw
 * @param server the API server URL (network errors name it)
 * @param pod the pod the request was about
 * @param action for a 403 the server didn't word, e.g. `delete pod "x" in namespace "y"`
 */
export function podActionError(err: unknown, server: string, pod: string, action: string): string {
  if (err instanceof KubeHttpError && err.status === 404) return `pod ${pod} not found`;
  return describeFailure(err, server, action).message;
}
