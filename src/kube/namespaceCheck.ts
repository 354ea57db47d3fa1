/**
 * Whether the namespace the dashboard is asked to open on (`-n NS`) exists. Listing pods in a namespace that does
 * not exist is not an error to the API server (an empty list, as `kubectl get pods -n nosuchns` shows with "No
 * resources found"), so `GET /api/v1/namespaces/NS` asks: 404 means it does not exist (the server's Status says
 * `namespaces "NS" not found`). Anything else — 200, 403 (a user without `get namespaces` may still list pods
 * there), a timeout — means it exists or can't be told, and the dashboard opens.
 */
import { ConnectError } from './connectError.js';
import { KubeHttpError } from './errors.js';
import { listNamespaces } from './namespaces.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { getJson } from './request.js';

/** How many existing namespaces the message names at most. */
const NAMED = 8;

/**
 * Throws `ConnectError` with one line when the server says the namespace does not exist, naming the namespaces
 * there are when the user may list them.
 * @param kc the kubeconfig, current context selected
 * @param namespace the namespace asked for
 * @param timeoutMs how long to wait for each answer
 */
export async function checkNamespaceExists(
  kc: KubeConfigLike,
  namespace: string,
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await getJson(kc, `/api/v1/namespaces/${encodeURIComponent(namespace)}`, { timeoutMs });
    return;
  } catch (e) {
    if (!(e instanceof KubeHttpError) || e.status !== 404) return;
  }
  throw new ConnectError(`namespace "${namespace}" does not exist${await existingNamespaces(kc, timeoutMs)}`);
}

/** ` (namespaces: a, b, …)`, or nothing when they can't be listed. */
async function existingNamespaces(kc: KubeConfigLike, timeoutMs: number): Promise<string> {
  try {
    const names = await listNamespaces(kc, AbortSignal.timeout(timeoutMs));
    if (names.length === 0) return '';
    const shown = names.slice(0, NAMED).join(', ');
    return ` (namespaces: ${shown}${names.length > NAMED ? `, and ${names.length - NAMED} more` : ''})`;
  } catch {
    return '';
  }
}
