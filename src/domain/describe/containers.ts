/**
 * describe's Init Containers / Containers / Ephemeral Containers sections: per container its ID, image, ports,
 * command and args, state (and last state) with reason, exit code and times, readiness, restarts, limits and
 * requests, probes, environment and mounts — in kubectl's order and wording.
 */
import type { Container, ContainerStatus, Pod } from '../wire.js';
import { writeEnv, writeEnvFrom } from './env.js';
import { compareGo, printBool, rfc1123z, stringOrNone } from './goFormat.js';
import type { PrefixWriter } from './prefixWriter.js';
import { describeProbe } from './probe.js';

type ContainerState = NonNullable<ContainerStatus['state']>;
type Resources = NonNullable<Container['resources']>;
type SecurityContext = { seccompProfile?: { type?: string; localhostProfile?: string } };

function ports(container: Container, field: 'containerPort' | 'hostPort'): string {
  return (container.ports ?? []).map((p) => `${p[field] ?? 0}/${p.protocol ?? ''}`).join(', ');
}

function writeSeccomp(w: PrefixWriter, sc: SecurityContext | undefined, level: number): void {
  const profile = sc?.seccompProfile;
  if (!profile) return;
  w.write(level, `SeccompProfile:\t${profile.type ?? ''}\n`);
  if (profile.type === 'Localhost')
    w.write(level + 1, `LocalhostProfile:\t${profile.localhostProfile ?? ''}\n`);
}

function writeBasicInfo(w: PrefixWriter, c: Container, status: ContainerStatus | undefined): void {
  w.write(1, `${c.name}:\n`);
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
  const port = ports(c, 'containerPort');
  w.write(2, port.includes(',') ? `Ports:\t${port}\n` : `Port:\t${stringOrNone(port)}\n`);
  const hostPort = ports(c, 'hostPort');
  w.write(
    2,
    hostPort.includes(',') ? `Host Ports:\t${hostPort}\n` : `Host Port:\t${stringOrNone(hostPort)}\n`,
  );
  writeSeccomp(w, c.securityContext as SecurityContext | undefined, 2);
}

function writeCommand(w: PrefixWriter, c: Container): void {
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!list || list.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const item of list) for (const s of item.split('\n')) w.write(3, `${s}\n`);
  }
}

/** `describeStatus`: a state with no field set reads as Waiting. */
function writeState(w: PrefixWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function writeContainerState(w: PrefixWriter, status: ContainerStatus): void {
  writeState(w, 'State', status.state);
  if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
  w.write(2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

/** `describeResources`: Limits then Requests, each sorted by resource name. */
export function writeResources(w: PrefixWriter, resources: Resources | undefined, level: number): void {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareGo);
    if (names.length === 0) continue;
    w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${String((list as Record<string, string>)[n])}\n`);
  }
}

function writeProbes(w: PrefixWriter, c: Container): void {
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** `describeContainerVolumes`: mounts sorted by path, then devices. */
function writeMounts(w: PrefixWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => compareGo(a.mountPath, b.mountPath));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...(c.volumeDevices ?? [])].sort((a, b) => compareGo(a.devicePath, b.devicePath));
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const d of devices) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

/**
 * `describeContainers`: the section title, then every container with its status (matched by name).
 * @param w the writer
 * @param title `Init Containers`, `Containers` or `Ephemeral Containers`
 * @param containers the spec's containers
 * @param statuses the matching status list
 * @param pod the pod, for environment field references
 */
export function writeContainers(
  w: PrefixWriter,
  title: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${title}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    writeBasicInfo(w, c, status);
    writeCommand(w, c);
    if (status) writeContainerState(w, status);
    writeResources(w, c.resources, 2);
    writeProbes(w, c);
    if ((c.envFrom ?? []).length > 0) writeEnvFrom(w, c);
    writeEnv(w, c, pod);
    writeMounts(w, c);
  }
}
