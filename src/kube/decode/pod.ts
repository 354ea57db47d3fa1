/**
 * A pod as the API sends it (GET, a list's item, a watch event's object), checked in every field podscope reads —
 * the list's columns, colours and filters (`slimPod`), a pod's detail, the shell's and the debug container's
 * checks — and passed on uncopied. The pods list keeps `slimPod(decodePod(raw))`.
 */
import type { NamespacedNamed, Pod } from '../../domain/wire.js';
import { decodeList, type DecodedList } from './list.js';
import {
  below,
  checked,
  eachObject,
  object,
  optBoolean,
  optNumber,
  optObject,
  optString,
  optStringMap,
  string,
  topObject,
  type JsonObject,
  type Path,
  type Subject,
} from './read.js';

const A_POD = 'a pod';

function checkMetadata(pod: JsonObject, s: Subject): void {
  const m = object(pod, 'metadata', s);
  string(m, 'name', s, 'metadata');
  string(m, 'namespace', s, 'metadata');
  optString(m, 'uid', s, 'metadata');
  optString(m, 'resourceVersion', s, 'metadata');
  optString(m, 'creationTimestamp', s, 'metadata');
  optString(m, 'deletionTimestamp', s, 'metadata');
  optNumber(m, 'deletionGracePeriodSeconds', s, 'metadata');
  optStringMap(m, 'labels', s, 'metadata');
  optStringMap(m, 'annotations', s, 'metadata');
  eachObject(m, 'ownerReferences', s, 'metadata', (o, at) => {
    optString(o, 'kind', s, at);
    optString(o, 'name', s, at);
    optBoolean(o, 'controller', s, at);
  });
}

function checkContainers(spec: JsonObject, key: string, s: Subject): void {
  eachObject(spec, key, s, 'spec', (c, at) => {
    // The name is the container's key everywhere (statuses, logs, exec): the one field it cannot do without.
    if (typeof c['name'] !== 'string') string(c, 'name', s, at);
    optString(c, 'image', s, at);
    optString(c, 'restartPolicy', s, at);
    eachObject(c, 'ports', s, at, (p, pat) => {
      optNumber(p, 'containerPort', s, pat);
      optString(p, 'name', s, pat);
      optString(p, 'protocol', s, pat);
    });
  });
}

function checkSpec(pod: JsonObject, s: Subject): void {
  const spec = optObject(pod, 'spec', s);
  if (!spec) return;
  optString(spec, 'nodeName', s, 'spec');
  optString(spec, 'serviceAccountName', s, 'spec');
  optNumber(spec, 'priority', s, 'spec');
  checkContainers(spec, 'containers', s);
  checkContainers(spec, 'initContainers', s);
  checkContainers(spec, 'ephemeralContainers', s);
  eachObject(spec, 'readinessGates', s, 'spec', (g, at) => optString(g, 'conditionType', s, at));
}

function checkState(c: JsonObject, key: string, s: Subject, path: Path): void {
  const state = optObject(c, key, s, path);
  if (!state) return;
  const at = below(path, key);
  const waiting = optObject(state, 'waiting', s, at);
  if (waiting) {
    optString(waiting, 'reason', s, below(at, 'waiting'));
    optString(waiting, 'message', s, below(at, 'waiting'));
  }
  const running = optObject(state, 'running', s, at);
  if (running) optString(running, 'startedAt', s, below(at, 'running'));
  const t = optObject(state, 'terminated', s, at);
  if (t) {
    const tat = below(at, 'terminated');
    optNumber(t, 'exitCode', s, tat);
    optNumber(t, 'signal', s, tat);
    optString(t, 'reason', s, tat);
    optString(t, 'message', s, tat);
    optString(t, 'startedAt', s, tat);
    optString(t, 'finishedAt', s, tat);
  }
}

function checkContainerStatuses(status: JsonObject, key: string, s: Subject): void {
  eachObject(status, key, s, 'status', (c, at) => {
    if (typeof c['name'] !== 'string') string(c, 'name', s, at);
    optBoolean(c, 'ready', s, at);
    optBoolean(c, 'started', s, at);
    optNumber(c, 'restartCount', s, at);
    if (c['state'] !== undefined) checkState(c, 'state', s, at);
    if (c['lastState'] !== undefined) checkState(c, 'lastState', s, at);
  });
}

function checkStatus(pod: JsonObject, s: Subject): void {
  const status = optObject(pod, 'status', s);
  if (!status) return;
  for (const key of [
    'phase',
    'reason',
    'message',
    'podIP',
    'hostIP',
    'nominatedNodeName',
    'qosClass',
    'startTime',
  ])
    optString(status, key, s, 'status');
  eachObject(status, 'podIPs', s, 'status', (p, at) => optString(p, 'ip', s, at));
  eachObject(status, 'conditions', s, 'status', (c, at) => {
    string(c, 'type', s, at);
    optString(c, 'status', s, at);
    optString(c, 'reason', s, at);
  });
  checkContainerStatuses(status, 'containerStatuses', s);
  checkContainerStatuses(status, 'initContainerStatuses', s);
  checkContainerStatuses(status, 'ephemeralContainerStatuses', s);
}

/**
 * The pod, checked; the same object, not a copy.
 * @param raw a parsed pod
 * @param where the request it came from, e.g. `GET /api/v1/namespaces/shop/pods/web-1`
 * @throws DecodeError, e.g. `the server sent a pod without metadata.name (GET …)`
 */
export function decodePod(raw: unknown, where?: string): NamespacedNamed<Pod> {
  const s: Subject = { what: A_POD, where };
  const pod = topObject(raw, s);
  checkMetadata(pod, s);
  checkSpec(pod, s);
  checkStatus(pod, s);
  return checked<NamespacedNamed<Pod>>(pod);
}

/**
 * A PodList page, each pod checked.
 * @param raw the parsed body
 * @param where the request, e.g. `GET /api/v1/pods`
 */
export function decodePodList(raw: unknown, where?: string): DecodedList<NamespacedNamed<Pod>> {
  return decodeList(raw, 'a pod list', decodePod, where);
}
