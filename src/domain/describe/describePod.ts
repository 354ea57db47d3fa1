/**
 * `kubectl describe pod` as lines of text: the same fields in the same order and wording as kubectl 1.32's
 * `describePod` (k8s.io/kubectl/pkg/describe), aligned by a port of Go's tabwriter, so the describe view reads
 * exactly like the tool people know. Pure: the pod and its events in, lines out.
 */
import { humanDuration, parseTimestamp } from '../duration.js';
import type { Container, KubeEvent, Pod } from '../wire.js';
import { writeContainers, writeResources } from './containers.js';
import { writeEvents } from './events.js';
import { writeAnnotations, writeLabels, writeSpreadConstraints, writeTolerations } from './metadata.js';
import { PrefixWriter } from './prefixWriter.js';
import { rfc1123z } from './goFormat.js';
import { podQos } from './qos.js';
import { writeVolumes } from './volumes.js';

export interface DescribeOptions {
  /**
   * Printed after `Events:` instead of the table, e.g. when RBAC forbids listing events
   * (`<cannot list events: events is forbidden: …>`).
   */
  eventsNote?: string;
  /** false leaves the Events section out (`kubectl describe --show-events=false`). */
  showEvents?: boolean;
}

type SecurityContext = { seccompProfile?: { type?: string; localhostProfile?: string } };

function writeHeader(w: PrefixWriter, pod: Pod, now: number): void {
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  const deleted = parseTimestamp(meta.deletionTimestamp);
  if (deleted !== undefined && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(now - deleted)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = (spec.securityContext as SecurityContext | undefined)?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controller = (meta.ownerReferences ?? []).find((o) => o.controller === true);
  if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Container['resources'] }).resources;
  if (podResources) {
    w.write(0, 'Resources:\n');
    writeResources(w, podResources, 1);
  }
}

function writeContainerSections(w: PrefixWriter, pod: Pod): void {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  if ((spec.initContainers ?? []).length > 0) {
    writeContainers(w, 'Init Containers', spec.initContainers ?? [], status.initContainerStatuses, pod);
  }
  writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, pod);
  const ephemeral = (spec.ephemeralContainers ?? []) as Container[];
  if (ephemeral.length > 0) {
    writeContainers(w, 'Ephemeral Containers', ephemeral, status.ephemeralContainerStatuses, pod);
  }
}

function writeConditions(w: PrefixWriter, pod: Pod): void {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      w.write(1, `${g.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
}

/**
 * The pod as `kubectl describe pod` shows it.
 * @param pod the full pod (not the list's slim copy: describe needs env, mounts, volumes, probes)
 * @param events the pod's events, in the order the server listed them
 * @param now the current time in epoch ms (ages and "Terminating (lasts …)")
 * @param options a note in place of the events table, or no events at all
 * @returns the lines, aligned, without newlines
 */
export function describePod(
  pod: Pod,
  events: readonly KubeEvent[],
  now: number,
  options: DescribeOptions = {},
): string[] {
  const w = new PrefixWriter();
  writeHeader(w, pod, now);
  writeContainerSections(w, pod);
  writeConditions(w, pod);
  writeVolumes(w, pod.spec?.volumes);
  w.write(0, `QoS Class:\t${podQos(pod)}\n`);
  writeLabels(w, 'Node-Selectors', pod.spec?.nodeSelector);
  writeTolerations(w, 'Tolerations', pod.spec?.tolerations);
  writeSpreadConstraints(w, pod.spec?.topologySpreadConstraints);
  if (options.showEvents !== false) writeEvents(w, events, now, options.eventsNote);
  return w.lines();
}
