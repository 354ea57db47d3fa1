/**
 * What the API server does to a workload on create and update besides storing it. Deployments and ReplicaSets
 * (pkg/registry/apps/deployment/strategy.go and its siblings): `metadata.generation` starts at 1 and grows when
 * the spec changes — for a Deployment also when its annotations change, since they are copied to its
 * ReplicaSets — and a Deployment's spec gets SetDefaults_Deployment's defaults. A StatefulSet, DaemonSet, Job or
 * CronJob:
 * the defaults of pkg/apis/{apps,batch}/v1/defaults.go (SetDefaults_StatefulSet, _DaemonSet, _Job, _CronJob and
 * the pod template's SetDefaults_PodSpec), the strategies' PrepareForCreate / PrepareForUpdate
 * (pkg/registry/apps/{statefulset,daemonset}/strategy.go, pkg/registry/batch/{job,cronjob}/strategy.go: status
 * reset, generation 1 then +1 on a spec change, the DaemonSet's template generation, the Job's generated
 * selector and labels), and the part of their validation clients meet first (selector against template labels,
 * containers, a Job's restart policy, a CronJob's schedule). Checked against a 1.32 kube-apiserver's answers.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../domain/wire.js';
import type { FieldError } from '../sim/fieldErrors.js';
import { invalid, invalidStatus, notSupported, required } from '../sim/fieldErrors.js';
import { defaultPodTemplateSpec } from '../sim/podDefaults.js';
import { parseCron } from '../sim/cron.js';
import { StoreError } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { CRONJOBS, DAEMONSETS, isWorkloadType, JOBS, STATEFULSETS } from '../store/workloadTypes.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objAt = (o: Obj, k: string): Obj => (isObj(o[k]) ? o[k] : (o[k] = {}));

/** The template with its spec defaulted; `creationTimestamp: null` is how Go writes an unset ObjectMeta time. */
function defaultTemplate(template: Obj): void {
  template['metadata'] = {
    creationTimestamp: null,
    ...(isObj(template['metadata']) ? template['metadata'] : {}),
  };
  template['spec'] = defaultPodTemplateSpec(template['spec']);
}

function defaultStatefulSet(spec: Obj): void {
  spec['podManagementPolicy'] ??= 'OrderedReady';
  const strategy = objAt(spec, 'updateStrategy');
  strategy['type'] ??= 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    const ru = objAt(strategy, 'rollingUpdate');
    ru['partition'] ??= 0;
  }
  spec['replicas'] ??= 1;
  spec['revisionHistoryLimit'] ??= 10;
  const retention = objAt(spec, 'persistentVolumeClaimRetentionPolicy');
  retention['whenDeleted'] ??= 'Retain';
  retention['whenScaled'] ??= 'Retain';
}

function defaultDaemonSet(spec: Obj): void {
  const strategy = objAt(spec, 'updateStrategy');
  strategy['type'] ??= 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    const ru = objAt(strategy, 'rollingUpdate');
    ru['maxUnavailable'] ??= 1;
    ru['maxSurge'] ??= 0;
  }
  spec['revisionHistoryLimit'] ??= 10;
}

/** SetDefaults_Job: both counts 1 when neither is set, else parallelism 1; the rest as a 1.32 server has it. */
function defaultJobSpec(spec: Obj): void {
  if (spec['completions'] === undefined && spec['parallelism'] === undefined) {
    spec['completions'] = 1;
    spec['parallelism'] = 1;
  }
  spec['parallelism'] ??= 1;
  spec['backoffLimit'] ??= spec['backoffLimitPerIndex'] === undefined ? 6 : 2147483647;
  spec['completionMode'] ??= 'NonIndexed';
  spec['suspend'] ??= false;
  spec['podReplacementPolicy'] ??= spec['podFailurePolicy'] === undefined ? 'TerminatingOrFailed' : 'Failed';
  spec['manualSelector'] ??= false;
}

function defaultCronJob(spec: Obj): void {
  spec['concurrencyPolicy'] ??= 'Allow';
  spec['suspend'] ??= false;
  spec['successfulJobsHistoryLimit'] ??= 3;
  spec['failedJobsHistoryLimit'] ??= 1;
  // The job template's pod template gets pod-spec defaults only: no Job defaults until a Job is made from it.
  const jobTemplate = objAt(spec, 'jobTemplate');
  jobTemplate['metadata'] = {
    creationTimestamp: null,
    ...(isObj(jobTemplate['metadata']) ? jobTemplate['metadata'] : {}),
  };
  defaultTemplate(objAt(objAt(jobTemplate, 'spec'), 'template'));
}

/** The spec with the kind's defaults (a copy). */
export function defaultWorkloadSpec(type: ResourceType, input: unknown): Obj {
  const spec = structuredClone(isObj(input) ? input : {});
  if (type === CRONJOBS) defaultCronJob(spec);
  else {
    defaultTemplate(objAt(spec, 'template'));
    if (type === STATEFULSETS) defaultStatefulSet(spec);
    else if (type === DAEMONSETS) defaultDaemonSet(spec);
    else if (type === JOBS) defaultJobSpec(spec);
  }
  return spec;
}

/**
 * The Job strategy's generateSelector (unless manualSelector): the controller-uid selector and the four labels on
 * the template; SetDefaults_Job then gives an unlabelled Job its template's labels.
 */
function generateJobSelector(job: KubeObject, spec: Obj): void {
  const uid = job.metadata!.uid!;
  const name = job.metadata?.name ?? '';
  if (spec['manualSelector'] !== true) {
    const tpl = objAt(spec, 'template');
    const meta = objAt(tpl, 'metadata');
    meta['labels'] = {
      ...(isObj(meta['labels']) ? meta['labels'] : {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    spec['selector'] = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  const labels = (spec['template'] as Obj)['metadata'] as Obj | undefined;
  if (!job.metadata?.labels || Object.keys(job.metadata.labels).length === 0) {
    const tplLabels = labels?.['labels'];
    if (isObj(tplLabels))
      job.metadata = { ...job.metadata, labels: { ...(tplLabels as Record<string, string>) } };
  }
}

/** Go's %#v of a map[string]string, as the selector error quotes the template's labels. */
function goMap(m: Record<string, string>): string {
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function selectorMatches(selector: Obj, labels: Record<string, string>): boolean {
  const ml = isObj(selector['matchLabels']) ? (selector['matchLabels'] as Record<string, string>) : {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  const exprs = Array.isArray(selector['matchExpressions']) ? (selector['matchExpressions'] as Obj[]) : [];
  return exprs.every((e) => {
    const key = String(e['key']);
    const values = Array.isArray(e['values']) ? (e['values'] as string[]) : [];
    switch (e['operator']) {
      case 'In':
        return key in labels && values.includes(labels[key]!);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]!);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
}

/** ValidatePodTemplateSpecForStatefulSet / ValidateDaemonSetSpec / ValidateJobSpec: what clients meet first. */
function templateErrors(
  type: ResourceType,
  spec: Obj,
  path: string,
  selectorRequired: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const tpl = isObj(spec['template']) ? spec['template'] : {};
  const labels = ((tpl['metadata'] as Obj | undefined)?.['labels'] ?? {}) as Record<string, string>;
  const selector = spec['selector'];
  if (!isObj(selector)) {
    if (selectorRequired) errors.push(required(`${path}.selector`));
  } else if (
    Object.keys(selector['matchLabels'] ?? {}).length === 0 &&
    !(selector['matchExpressions'] as unknown[] | undefined)?.length
  ) {
    errors.push(invalid(`${path}.selector`, 'null', `empty selector is invalid for ${type.singular}`));
  } else if (!selectorMatches(selector, labels)) {
    // The value is a Go map, printed with %#v (unquoted), so it goes before the detail rather than as a value.
    errors.push({
      type: 'Invalid',
      field: `${path}.template.metadata.labels`,
      detail: `${goMap(labels)}: \`selector\` does not match template \`labels\``,
    });
  }
  const podSpec = isObj(tpl['spec']) ? tpl['spec'] : {};
  const containers = podSpec['containers'];
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push(required(`${path}.template.spec.containers`));
  }
  return errors;
}

function restartPolicyErrors(podSpec: Obj, path: string, allowed: readonly string[]): FieldError[] {
  const policy = String(podSpec['restartPolicy']);
  return allowed.includes(policy) ? [] : [notSupported(path, policy, allowed)];
}

/** The kind's validation errors for a defaulted object. */
function validate(type: ResourceType, o: KubeObject): FieldError[] {
  const spec = o['spec'] as Obj;
  if (type === STATEFULSETS || type === DAEMONSETS) {
    const errors = templateErrors(type, spec, 'spec', true);
    const tplSpec = (spec['template'] as Obj)['spec'] as Obj;
    return [...errors, ...restartPolicyErrors(tplSpec, 'spec.template.spec.restartPolicy', ['Always'])];
  }
  if (type === JOBS) {
    const errors = templateErrors(type, spec, 'spec', false);
    const tplSpec = (spec['template'] as Obj)['spec'] as Obj;
    return [
      ...errors,
      ...restartPolicyErrors(tplSpec, 'spec.template.spec.restartPolicy', ['OnFailure', 'Never']),
    ];
  }
  if (type === CRONJOBS) {
    const errors: FieldError[] = [];
    const schedule = spec['schedule'];
    if (typeof schedule !== 'string' || schedule === '') errors.push(required('spec.schedule'));
    else {
      const parsed = parseCron(schedule);
      if (typeof parsed === 'string') errors.push(invalid('spec.schedule', schedule, parsed));
    }
    const jobSpec = (spec['jobTemplate'] as Obj)['spec'] as Obj;
    const tplSpec = (jobSpec['template'] as Obj)['spec'] as Obj;
    const containers = tplSpec['containers'];
    if (!Array.isArray(containers) || containers.length === 0)
      errors.push(required('spec.jobTemplate.spec.template.spec.containers'));
    errors.push(
      ...restartPolicyErrors(tplSpec, 'spec.jobTemplate.spec.template.spec.restartPolicy', [
        'OnFailure',
        'Never',
      ]),
    );
    return errors;
  }
  return [];
}

function throwIfInvalid(type: ResourceType, o: KubeObject): void {
  const errors = validate(type, o);
  if (errors.length === 0) return;
  const name = o.metadata?.name ?? '';
  const s = invalidStatus(`${type.kind}.${type.group}`, name, errors);
  throw new StoreError(422, 'Invalid', s.message, s.causes, name);
}

/** A create: defaults, generation 1, no status, the Job's selector; throws the 422 Invalid a server sends. */
function prepareAppsBatchCreate(type: ResourceType, input: KubeObject): KubeObject {
  const spec = defaultWorkloadSpec(type, input['spec']);
  const o: KubeObject = { ...input, metadata: { ...input.metadata, generation: 1 }, spec, status: {} };
  if (type === JOBS) {
    // The uid is the selector's, so it is chosen here rather than by the store (which keeps one given to it).
    o.metadata = { ...o.metadata, uid: o.metadata?.uid ?? randomUUID() };
    generateJobSelector(o, spec);
  }
  if (type === DAEMONSETS) {
    o.metadata = {
      ...o.metadata,
      annotations: { ...o.metadata?.annotations, 'deprecated.daemonset.template.generation': '1' },
    };
  }
  throwIfInvalid(type, o);
  return o;
}

/**
 * An update of the main resource (`after` is what will be stored, edited in place): defaults again, generation
 * +1 when the spec changed (the DaemonSet's template generation too when its template did), and validation.
 * Status updates keep the generation.
 */
function prepareAppsBatchUpdate(type: ResourceType, before: KubeObject, after: KubeObject): void {
  after['spec'] = defaultWorkloadSpec(type, after['spec']);
  const generation = before.metadata?.generation ?? 1;
  const changed = !isDeepStrictEqual(before['spec'], after['spec']);
  after.metadata = { ...after.metadata, generation: changed ? generation + 1 : generation };
  if (type === DAEMONSETS) {
    const key = 'deprecated.daemonset.template.generation';
    const tplChanged = !isDeepStrictEqual(
      (before['spec'] as Obj)['template'],
      (after['spec'] as Obj)['template'],
    );
    const old = Number(before.metadata?.annotations?.[key] ?? '1');
    after.metadata = {
      ...after.metadata,
      annotations: { ...after.metadata?.annotations, [key]: String(tplChanged ? old + 1 : old) },
    };
  }
  throwIfInvalid(type, after);
}

const REPLICATED = new Set(['Deployment', 'ReplicaSet']);

/** PrepareForCreate of any kind: a workload's defaults and generation 1; other kinds as they are. */
export function prepareWorkloadCreate(type: ResourceType, o: KubeObject): KubeObject {
  if (isWorkloadType(type)) return prepareAppsBatchCreate(type, o);
  if (!REPLICATED.has(type.kind)) return o;
  const spec = type.kind === 'Deployment' ? deploymentDefaults(o['spec']) : o['spec'];
  return { ...o, metadata: { ...o.metadata, generation: 1 }, ...(spec !== undefined ? { spec } : {}) };
}

/** PrepareForUpdate of any kind: a workload's generation grows when its spec changed. Mutates `after`. */
export function prepareWorkloadUpdate(type: ResourceType, before: KubeObject, after: KubeObject): void {
  if (isWorkloadType(type)) return prepareAppsBatchUpdate(type, before, after);
  if (!REPLICATED.has(type.kind)) return;
  if (type.kind === 'Deployment') after['spec'] = deploymentDefaults(after['spec']);
  const generation = before.metadata?.generation ?? 1;
  const changed =
    !isDeepStrictEqual(before['spec'], after['spec']) ||
    (type.kind === 'Deployment' &&
      !isDeepStrictEqual(before.metadata?.annotations, after.metadata?.annotations));
  after.metadata = { ...after.metadata, generation: changed ? generation + 1 : generation };
}

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25 %/25 %, 10 revisions kept, a 600 s progress deadline. */
function deploymentDefaults(spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  const s = { ...spec };
  s['replicas'] ??= 1;
  const strategy: Obj = { ...(isObj(s['strategy']) ? s['strategy'] : {}) };
  strategy['type'] ??= 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    strategy['rollingUpdate'] = {
      maxUnavailable: '25%',
      maxSurge: '25%',
      ...(isObj(strategy['rollingUpdate']) ? strategy['rollingUpdate'] : {}),
    };
  }
  s['strategy'] = strategy;
  s['revisionHistoryLimit'] ??= 10;
  s['progressDeadlineSeconds'] ??= 600;
  return s;
}
