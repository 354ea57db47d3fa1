/**
 * What the dashboard's thread and the port-forward worker thread (forwardWorker.ts, workerRegistry.ts) say to each
 * other, and the checks that read it back: a structured clone arrives as `unknown`, so each message is read by its
 * shape here rather than trusted.
 */
import type { ForwardInfo, ForwardState } from '../../domain/portForwardView.js';
import type { Cluster, Context, KubeConfigParts, User } from '../plainKubeConfig.js';
import type { ForwardRequest } from './registry.js';

/** What the worker starts with. */
export interface WorkerInit {
  readonly kubeconfig: KubeConfigParts;
  readonly flushMs: number;
}

/** A question to the worker; its answer is the {@link WorkerReply} with the same `seq`. */
export type ToWorker =
  | { readonly op: 'start'; readonly seq: number; readonly request: ForwardRequest }
  | { readonly op: 'stop'; readonly seq: number; readonly id: string }
  | { readonly op: 'close'; readonly seq: number };

export interface WorkerReply {
  readonly kind: 'reply';
  readonly seq: number;
  /** A start's forward as first listed. */
  readonly info?: ForwardInfo;
  /** A stop's answer: whether there was such a forward. */
  readonly stopped?: boolean;
  /** Why the question failed: a one-line message for the user. */
  readonly error?: string;
}

/** The worker's forwards, sent each time its registry publishes. */
export interface WorkerSnapshot {
  readonly kind: 'snapshot';
  readonly forwards: readonly ForwardInfo[];
}

export type FromWorker = WorkerReply | WorkerSnapshot;

type Fields = Record<string, unknown>;

function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const optional =
  <T>(is: (v: unknown) => v is T) =>
  (v: unknown): v is T | undefined =>
    v === undefined || is(v);

function isState(v: unknown): v is ForwardState {
  if (!isFields(v)) return false;
  if (v['kind'] === 'active') return true;
  if (!isString(v['reason'])) return false;
  if (v['kind'] === 'reconnecting') return isNumber(v['attempt']);
  if (v['kind'] === 'failed') return optional(isNumber)(v['retryAt']);
  return v['kind'] === 'waiting';
}

function isFollow(v: unknown): v is ForwardInfo['follow'] {
  return v === undefined || (isFields(v) && isString(v['target']) && isNumber(v['switches']));
}

export function isForwardInfo(v: unknown): v is ForwardInfo {
  return (
    isFields(v) &&
    ['id', 'namespace', 'pod', 'address', 'url'].every((k) => isString(v[k])) &&
    ['localPort', 'remotePort', 'connections', 'bytesFromPod', 'bytesToPod', 'startedAt'].every((k) =>
      isNumber(v[k]),
    ) &&
    optional(isString)(v['container']) &&
    isState(v['state']) &&
    isFollow(v['follow'])
  );
}

/** A message from the worker, or undefined if it is none of ours. */
export function readFromWorker(m: unknown): FromWorker | undefined {
  if (!isFields(m)) return undefined;
  if (m['kind'] === 'snapshot') {
    const forwards = m['forwards'];
    return Array.isArray(forwards) && forwards.every(isForwardInfo)
      ? { kind: 'snapshot', forwards }
      : undefined;
  }
  const { seq, info, stopped, error } = m;
  if (m['kind'] !== 'reply' || !isNumber(seq)) return undefined;
  return {
    kind: 'reply',
    seq,
    ...(isForwardInfo(info) ? { info } : {}),
    ...(typeof stopped === 'boolean' ? { stopped } : {}),
    ...(isString(error) ? { error } : {}),
  };
}

function readRequest(v: unknown): ForwardRequest | undefined {
  if (!isFields(v)) return undefined;
  const { namespace, pod, remotePort, container, localPort, address } = v;
  if (!isString(namespace) || !isString(pod) || !isNumber(remotePort)) return undefined;
  if (!optional(isString)(container) || !optional(isNumber)(localPort) || !optional(isString)(address))
    return undefined;
  return {
    namespace,
    pod,
    remotePort,
    ...(container !== undefined ? { container } : {}),
    ...(localPort !== undefined ? { localPort } : {}),
    ...(address !== undefined ? { address } : {}),
  };
}

/** A question from the dashboard's thread, or undefined if it is none of ours. */
export function readToWorker(m: unknown): ToWorker | undefined {
  if (!isFields(m) || !isNumber(m['seq'])) return undefined;
  const seq = m['seq'];
  if (m['op'] === 'close') return { op: 'close', seq };
  if (m['op'] === 'stop') return isString(m['id']) ? { op: 'stop', seq, id: m['id'] } : undefined;
  const request = m['op'] === 'start' ? readRequest(m['request']) : undefined;
  return request ? { op: 'start', seq, request } : undefined;
}

const named = (v: unknown): boolean => isFields(v) && isString(v['name']);
const isNamedList = <T>(v: unknown): v is T[] => Array.isArray(v) && v.every(named);

/** The worker's start data, or undefined when it was started without it. */
export function readWorkerInit(v: unknown): WorkerInit | undefined {
  if (!isFields(v) || !isNumber(v['flushMs']) || !isFields(v['kubeconfig'])) return undefined;
  const { clusters, users, contexts, currentContext } = v['kubeconfig'];
  if (!isNamedList<Cluster>(clusters) || !isNamedList<User>(users) || !isNamedList<Context>(contexts))
    return undefined;
  if (!optional(isString)(currentContext)) return undefined;
  return {
    flushMs: v['flushMs'],
    kubeconfig: { clusters, users, contexts, ...(currentContext !== undefined ? { currentContext } : {}) },
  };
}
