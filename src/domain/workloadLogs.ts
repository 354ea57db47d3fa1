/**
 * A workload's logs, the pure parts: what `:logs` was given (`deploy/NAME` and the other forms kubectl logs
 * accepts, or `-l SELECTOR`), the selector a workload's `spec.selector` stands for, the short name each pod's lines
 * are prefixed with and its colour, and which streams are followed under the cap.
 */
import { formatLabelSelector } from './describe/metadata.js';
import { takeNamespaceFlag } from './namespaceFlag.js';

/** A workload kind whose pods `:logs` can follow, with the API path of its collection. */
export interface WorkloadResource {
  /** kubectl's resource name, as its messages print it (`deployments.apps`). */
  readonly plural: string;
  readonly group: string;
  readonly kind: string;
  /** kubectl's short name (`deploy`), as a title shows the target. */
  readonly short: string;
}

const APPS = (plural: string, kind: string, short: string): WorkloadResource => ({
  plural,
  group: 'apps',
  kind,
  short,
});
const DEPLOYMENTS = APPS('deployments', 'Deployment', 'deploy');
const STATEFULSETS = APPS('statefulsets', 'StatefulSet', 'sts');
const DAEMONSETS = APPS('daemonsets', 'DaemonSet', 'ds');
const REPLICASETS = APPS('replicasets', 'ReplicaSet', 'rs');
const JOBS: WorkloadResource = { plural: 'jobs', group: 'batch', kind: 'Job', short: 'job' };

/**
 * The names kubectl resolves to each kind through discovery: the short name, the singular, the plural, and each
 * of those qualified by the group (`deployment.apps`), in any case (kubectl lowercases the resource).
 */
const NAMES: ReadonlyMap<string, WorkloadResource> = new Map(
  (
    [
      [DEPLOYMENTS, ['deploy', 'deployment', 'deployments']],
      [STATEFULSETS, ['sts', 'statefulset', 'statefulsets']],
      [DAEMONSETS, ['ds', 'daemonset', 'daemonsets']],
      [REPLICASETS, ['rs', 'replicaset', 'replicasets']],
      [JOBS, ['job', 'jobs']],
    ] as const
  ).flatMap(([r, names]) => names.flatMap((n) => [[n, r] as const, [`${n}.${r.group}`, r] as const])),
);

/** The resource a kind names (a pod's owner reference), if `:logs` follows it. */
export function resourceOfKind(kind: string): WorkloadResource | undefined {
  return [DEPLOYMENTS, STATEFULSETS, DAEMONSETS, REPLICASETS, JOBS].find((r) => r.kind === kind);
}

/** What `:logs` follows. */
export type LogTarget = (
  | { readonly kind: 'workload'; readonly resource: WorkloadResource; readonly name: string }
  | { readonly kind: 'selector'; readonly selector: string }
) & {
  /** `-n NAMESPACE` when given (kubectl's flag); else the caller's namespace. */
  readonly namespace?: string;
};

/** The pods a workload's logs follow: by `selector`, in `namespace` (undefined: all namespaces). */
export interface ResolvedLogTarget {
  /** As the user would write it: `deploy/web-app`, `-l app=web-app`. */
  readonly label: string;
  /** The workload's name (its pods' names start with it), for short prefixes. */
  readonly workload: string | undefined;
  readonly selector: string;
  readonly namespace: string | undefined;
}

/** The argument's forms, for the usage line. */
export const LOGS_USAGE = ':logs deploy/NAME (or sts/, ds/, rs/, job/), or :logs -l SELECTOR, [-n NAMESPACE]';

/**
 * `deploy/web-app`, `deployment.apps/web-app`, `-l app=web`, `-lapp=web`, `--selector app=web`,
 * `--selector=app=web` → the target; anything else → a one-line error. An unknown resource is refused in
 * kubectl's words (`the server doesn't have a resource type "foo"`); a selector is checked by the server.
 */
export function parseLogTarget(arg: string | undefined): LogTarget | { error: string } {
  const flag = takeNamespaceFlag(arg ?? '');
  if ('error' in flag) return flag;
  const target = parseTarget(flag.rest);
  return 'error' in target || flag.namespace === undefined
    ? target
    : { ...target, namespace: flag.namespace };
}

function parseTarget(text: string): LogTarget | { error: string } {
  if (text === '') return { error: `which pods? ${LOGS_USAGE}` };
  const flag = /^(?:-l|--selector)(?:=|\s+)?(.*)$/s.exec(text);
  if (flag) {
    const selector = stripQuotes(flag[1]!.trim());
    if (selector === '') return { error: 'flag needs an argument: -l (e.g. :logs -l app=web-app)' };
    return { kind: 'selector', selector };
  }
  const slash = text.indexOf('/');
  if (slash < 0) return { error: `"${text}" is not a workload: ${LOGS_USAGE} (l shows one pod's logs)` };
  const type = text.slice(0, slash).toLowerCase();
  const name = text.slice(slash + 1);
  const resource = NAMES.get(type);
  if (!resource) return { error: `the server doesn't have a resource type "${type}"` };
  if (name === '' || name.includes('/')) return { error: `invalid resource name "${text}"` };
  return { kind: 'workload', resource, name };
}

function stripQuotes(s: string): string {
  return /^(['"]).*\1$/s.test(s) ? s.slice(1, -1) : s;
}

/** What a workload's `spec.selector` holds (metav1.LabelSelector). */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * The selector as a query string, as apimachinery's `LabelSelectorAsSelector(...).String()` writes it — the same
 * text as `metav1.FormatLabelSelector` (formatLabelSelector, which describe uses): one requirement per label and
 * expression, sorted by key (`app=web,tier in (a,b)`); '' for an empty selector (everything). Undefined for none,
 * as LabelSelectorAsSelector returns labels.Nothing() for nil.
 */
export function selectorString(spec: LabelSelectorSpec | undefined): string | undefined {
  if (!spec) return undefined;
  const text = formatLabelSelector(spec);
  return text === '<none>' ? '' : text;
}

/**
 * The part of a pod's name that tells it from its siblings, for the prefix of its lines: a Deployment's pod
 * `web-app-7d9f8c6b5-x2kq9` → `7d9f-x2kq9` (the template hash cut to four, the random suffix whole), a
 * ReplicaSet's, DaemonSet's or Job's `NAME-x2kq9` → `x2kq9`, a StatefulSet's `web-0` and anything else whole.
 * @param workload the workload's name when one was asked for (its pods start with it)
 */
export function shortPodName(pod: string, workload?: string): string {
  const rest = workload && pod.startsWith(`${workload}-`) ? pod.slice(workload.length + 1) : undefined;
  const deploymentPod = /^([a-z0-9]{6,10})-([a-z0-9]{5})$/.exec(rest ?? '');
  if (deploymentPod) return `${deploymentPod[1]!.slice(0, 4)}-${deploymentPod[2]!}`;
  if (rest !== undefined && /^[a-z0-9]{5}$/.test(rest)) return rest;
  const generated = /-([a-z0-9]{6,10})-([a-z0-9]{5})$/.exec(pod);
  if (!workload && generated)
    return `${pod.slice(0, generated.index)}-${generated[1]!.slice(0, 4)}-${generated[2]!}`;
  return pod;
}

/**
 * xterm-256 colours for the pods' prefixes, each readable on a dark and on a light background: every one has a
 * contrast ratio (WCAG) of at least 3.5 against black and against white (luminance between about 0.13 and
 * 0.25), and their hues go round the wheel. Red is left out (it reads as an error).
 */
export const POD_COLORS: readonly number[] = [166, 130, 100, 64, 28, 29, 30, 31, 32, 62, 98, 134, 164, 162];

/** The colour of a pod's prefix: the same for the same pod name, in every session (FNV-1a of the name). */
export function podColor(pod: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < pod.length; i++) {
    h ^= pod.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return POD_COLORS[h % POD_COLORS.length]!;
}

/** Streams followed at most at once: stern's and `kubectl logs`' --max-log-requests default. */
export const MAX_LOG_STREAMS = 50;
