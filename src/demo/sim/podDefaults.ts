/**
 * What the API server's defaulting adds to a pod as it decodes it, before admission: a re-expression of
 * SetObjectDefaults_Pod (pkg/apis/core/v1/zz_generated.defaults.go and defaults.go, Kubernetes v1.32) — pod
 * defaults (restartPolicy, dnsPolicy, grace period, schedulerName, securityContext, enableServiceLinks, host ports
 * on hostNetwork), container defaults (imagePullPolicy by tag, termination message, port protocol, requests
 * copied from limits, probes and their HTTP actions, env field references), volume defaults (emptyDir when no
 * source, file modes, hostPath type, token expiry) and resource quantities in canonical form.
 *
 * Before them, what decoding into Go types does to the JSON (./goDecode.ts); after them, the v1 conversion's
 * rules.
 */
import type { Pod } from '../../domain/wire.js';
import { dropEmpty } from './goDecode.js';
import { canonicalQuantity } from './quantity.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/**
 * `Always` for `:latest` (or no tag, which means latest), else `IfNotPresent` — the tag as parsers.ParseImageName
 * reads it, so `image:latest@sha256:…` is Always and a digest without a tag is IfNotPresent.
 */
export function defaultPullPolicy(image: string): string {
  const [name = ''] = image.split('@');
  const hasDigest = image.includes('@');
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : hasDigest ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function quantities(list: unknown, roundToMilli: boolean): Obj | undefined {
  if (!isObj(list)) return undefined;
  const out: Obj = {};
  // A quantity may be sent as a JSON number (`cpu: 1`): Quantity.UnmarshalJSON parses it as its text, and the
  // server writes it back as a canonical string.
  for (const [k, v] of Object.entries(list))
    out[k] = typeof v === 'string' || typeof v === 'number' ? canonicalQuantity(String(v), roundToMilli) : v;
  return out;
}

function defaultHttpGet(action: unknown): void {
  if (!isObj(action)) return;
  action['path'] ??= '/';
  action['scheme'] ??= 'HTTP';
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  probe['timeoutSeconds'] ||= 1;
  probe['periodSeconds'] ||= 10;
  probe['successThreshold'] ||= 1;
  probe['failureThreshold'] ||= 3;
  defaultHttpGet(probe['httpGet']);
  const grpc = probe['grpc'];
  if (isObj(grpc)) grpc['service'] ??= '';
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref)) ref['apiVersion'] ??= 'v1';
}

function defaultResourceFieldRef(ref: unknown): void {
  // A Quantity is a struct in Go: an unset divisor is written as "0".
  if (isObj(ref))
    ref['divisor'] = canonicalQuantity(typeof ref['divisor'] === 'string' ? ref['divisor'] : '0');
}

function defaultContainer(c: Obj, hostNetwork: boolean, copyLimits: boolean): void {
  c['imagePullPolicy'] ??= defaultPullPolicy(typeof c['image'] === 'string' ? c['image'] : '');
  c['terminationMessagePath'] ??= '/dev/termination-log';
  c['terminationMessagePolicy'] ??= 'File';
  for (const p of objects(c['ports'])) {
    p['protocol'] ??= 'TCP';
    if (hostNetwork) p['hostPort'] ??= p['containerPort'];
  }
  for (const m of objects(c['volumeMounts'])) if (m['readOnly'] === false) delete m['readOnly'];
  for (const e of objects(c['env'])) {
    const from = e['valueFrom'];
    if (!isObj(from)) continue;
    defaultFieldRef(from['fieldRef']);
    defaultResourceFieldRef(from['resourceFieldRef']);
  }
  // ResourceRequirements is a struct: always present, `{}` when empty.
  const res = isObj(c['resources']) ? c['resources'] : {};
  const limits = quantities(res['limits'], true);
  let requests = quantities(res['requests'], true);
  if (limits && copyLimits) requests = { ...limits, ...requests };
  c['resources'] = { ...res, ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  const lifecycle = c['lifecycle'];
  if (isObj(lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const h = lifecycle[hook];
      if (isObj(h)) defaultHttpGet(h['httpGet']);
    }
  }
}

const VOLUME_SOURCES = new Set([
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
]);

function defaultVolume(v: Obj): void {
  if (!Object.keys(v).some((k) => VOLUME_SOURCES.has(k))) v['emptyDir'] = {};
  const hostPath = v['hostPath'];
  if (isObj(hostPath)) hostPath['type'] ??= '';
  for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const source = v[kind];
    if (isObj(source)) source['defaultMode'] ??= 420;
  }
  const emptyDir = v['emptyDir'];
  if (isObj(emptyDir) && typeof emptyDir['sizeLimit'] === 'string') {
    emptyDir['sizeLimit'] = canonicalQuantity(emptyDir['sizeLimit']);
  }
  const downward = v['downwardAPI'];
  if (isObj(downward)) for (const item of objects(downward['items'])) defaultFieldRef(item['fieldRef']);
  const projected = v['projected'];
  if (isObj(projected)) {
    for (const source of objects(projected['sources'])) {
      const d = source['downwardAPI'];
      if (isObj(d)) for (const item of objects(d['items'])) defaultFieldRef(item['fieldRef']);
      const token = source['serviceAccountToken'];
      if (isObj(token)) token['expirationSeconds'] ??= 3600;
    }
  }
}

const INIT_CONTAINER_ANNOTATIONS = [
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
  'pod.beta.kubernetes.io/init-container-statuses',
  'pod.alpha.kubernetes.io/init-container-statuses',
];

/**
 * SetDefaults_PodSpec and the containers' and volumes' defaults; `pod` adds what only SetDefaults_Pod does
 * (requests copied from limits).
 */
function defaultSpec(spec: Obj, pod: boolean): void {
  const hostNetwork = spec['hostNetwork'] === true;
  for (const c of objects(spec['containers'])) defaultContainer(c, hostNetwork, pod);
  for (const c of objects(spec['initContainers'])) defaultContainer(c, hostNetwork, pod);
  for (const c of objects(spec['ephemeralContainers'])) defaultContainer(c, false, false);
  for (const v of objects(spec['volumes'])) defaultVolume(v);
  spec['dnsPolicy'] ??= 'ClusterFirst';
  spec['restartPolicy'] ??= 'Always';
  spec['securityContext'] ??= {};
  spec['terminationGracePeriodSeconds'] ??= 30;
  spec['schedulerName'] ??= 'default-scheduler';
  if (isObj(spec['overhead'])) spec['overhead'] = quantities(spec['overhead'], true);
}

/**
 * A pod template's spec as a workload's defaulting leaves it (SetObjectDefaults_StatefulSet, _DaemonSet, _Job…
 * reach SetDefaults_PodSpec but not SetDefaults_Pod: no enableServiceLinks, no requests from limits). A copy.
 */
export function defaultPodTemplateSpec(input: unknown): Record<string, unknown> {
  const spec = (isObj(input) ? dropEmpty(input) : {}) as Obj;
  defaultSpec(spec, false);
  return spec;
}

/** The pod as the API server holds it after decoding and defaulting (a copy; the input is not changed). */
export function defaultPod(input: Pod): Pod {
  // dropEmpty builds a new tree: the input is not changed.
  const pod = dropEmpty(input) as Obj;
  const spec = (isObj(pod['spec']) ? pod['spec'] : (pod['spec'] = {})) as Obj;
  defaultSpec(spec, true);
  spec['enableServiceLinks'] ??= true;
  // The v1 → internal conversion (pkg/apis/core/v1/conversion.go): a negative grace period becomes 1, the
  // long-gone init-container annotations are dropped, and the deprecated serviceAccount names the account when
  // serviceAccountName is empty.
  if (
    typeof spec['terminationGracePeriodSeconds'] === 'number' &&
    spec['terminationGracePeriodSeconds'] < 0
  ) {
    spec['terminationGracePeriodSeconds'] = 1;
  }
  const meta = pod['metadata'];
  if (isObj(meta) && isObj(meta['annotations'])) {
    const annotations = Object.fromEntries(
      Object.entries(meta['annotations']).filter(([k]) => !INIT_CONTAINER_ANNOTATIONS.includes(k)),
    );
    meta['annotations'] = annotations;
    if (Object.keys(annotations).length === 0) delete meta['annotations'];
  }
  if (!spec['serviceAccountName'] && typeof spec['serviceAccount'] === 'string') {
    spec['serviceAccountName'] = spec['serviceAccount'];
  }
  pod['status'] = isObj(pod['status']) ? pod['status'] : {};
  return pod as Pod;
}

/**
 * The internal → v1 conversion on the way out: `serviceAccount` mirrors `serviceAccountName` (and is absent when
 * it is empty).
 */
export function withDeprecatedServiceAccount(pod: Pod): Pod {
  const spec = { ...pod.spec! } as Obj;
  if (spec['serviceAccountName']) spec['serviceAccount'] = spec['serviceAccountName'];
  else delete spec['serviceAccount'];
  return { ...pod, spec: spec as Pod['spec'] };
}
