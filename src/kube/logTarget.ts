/**
 * What `:logs deploy/NAME` and `:logs -l SELECTOR` follow, resolved as `kubectl logs` resolves it before any
 * stream opens: a workload is read (GET) for its `spec.selector` (kubectl's polymorphichelpers, which select the
 * pods by that selector), and a selector is checked by the server with a one-item list, so a malformed one is
 * refused in the API server's words, the words kubectl prints. Errors are one line, worded as kubectl's.
 */
import { selectorString, type LogTarget, type ResolvedLogTarget } from '../domain/workloadLogs.js';

export type { ResolvedLogTarget } from '../domain/workloadLogs.js';
import { decodeWorkloadSelector } from './decode/workloadSelector.js';
import { describeFailure, KubeHttpError } from './errors.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { getJson, serverUrl } from './request.js';

/** The API server's words for a path it does not serve (an unknown resource type). */
const NOT_SERVED = 'the server could not find the requested resource';

const apiPath = (group: string, ns: string | undefined, rest: string): string =>
  `/${group === '' ? 'api/v1' : `apis/${group}/v1`}${ns === undefined ? '' : `/namespaces/${encodeURIComponent(ns)}`}/${rest}`;

/** kubectl's line for a failed request: `error from server (NotFound): …`, or the failure as podscope words it. */
function failure(kc: KubeConfigLike, e: unknown, ns: string | undefined): Error {
  if (e instanceof KubeHttpError && e.reason) {
    const where = e.status === 404 && ns !== undefined ? ` in namespace "${ns}"` : '';
    return new Error(`error from server (${e.reason}): ${e.statusMessage}${where}`);
  }
  return new Error(describeFailure(e, serverUrl(kc)).message);
}

/**
 * Resolves the target in `namespace` (a workload needs one: the view's namespace, or `default` when it shows all).
 * @throws Error with one line: `error from server (NotFound): deployments.apps "x" not found in namespace "y"`,
 *   `the server doesn't have a resource type "statefulsets"`, a selector the server refuses, a workload without
 *   a selector
 */
export async function resolveLogTarget(
  kc: KubeConfigLike,
  target: LogTarget,
  namespace: string | undefined,
  signal?: AbortSignal,
): Promise<ResolvedLogTarget> {
  if (target.kind === 'selector') {
    try {
      await getJson(kc, apiPath('', namespace, 'pods'), {
        query: { labelSelector: target.selector, limit: '1' },
        ...(signal ? { signal } : {}),
        timeoutMs: 15_000,
      });
    } catch (e) {
      throw failure(kc, e, undefined);
    }
    return { label: `-l ${target.selector}`, workload: undefined, selector: target.selector, namespace };
  }
  const ns = namespace ?? 'default';
  const { resource, name } = target;
  const path = apiPath(resource.group, ns, `${resource.plural}/${encodeURIComponent(name)}`);
  let raw: unknown;
  try {
    raw = await getJson(kc, path, { ...(signal ? { signal } : {}), timeoutMs: 15_000 });
  } catch (e) {
    if (e instanceof KubeHttpError && e.status === 404 && e.statusMessage === NOT_SERVED)
      throw new Error(`the server doesn't have a resource type "${resource.plural}"`);
    throw failure(kc, e, ns);
  }
  const selector = selectorString(decodeWorkloadSelector(raw, `GET ${path}`));
  if (selector === undefined || selector === '')
    throw new Error(
      `${resource.plural}.${resource.group} "${name}" has no selector: its pods cannot be found`,
    );
  return { label: `${resource.short}/${name}`, workload: name, selector, namespace: ns };
}
