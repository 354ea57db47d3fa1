/**
 * The inside view, what seed 003 finds by hand on the node (docker inspect, the pause container, resolv.conf,
 * the managed hosts file, the projected token volume), as lines: the network and sandbox facts the API gives,
 * the pod's DNS settings next to the files the container really has (read through exec, marked so), then the
 * service account, volumes and security sections (insideAccessLines.ts). Pure: facts in, lines out.
 */
import type { TextLine } from '../textLayout.js';
import type { Pod } from '../wire.js';
import { accessLines } from './insideAccessLines.js';
import type { FileRead, InsideFacts, InsideReads, NodeRuntime } from './insideFacts.js';
import { readNote } from './insideText.js';
import { allContainers } from './podMounts.js';
import { BLANK, field, fileLines, heading, note, warn } from './insideText.js';

function networkLines(pod: Pod): TextLine[] {
  const s = pod.status;
  const podIPs = (s?.podIPs ?? []).map((p) => p.ip);
  const hostIPs = (s?.hostIPs ?? []).map((p) => p.ip);
  return [
    heading('Network', '(from the API)'),
    field('Pod IPs', podIPs.join(', ') || s?.podIP || '<none yet: no sandbox>'),
    field('Host IPs', hostIPs.join(', ') || s?.hostIP || '<none yet>'),
    field('Node', pod.spec?.nodeName || '<not scheduled>'),
    field(
      'hostNetwork',
      pod.spec?.hostNetwork
        ? "true: the containers use the node's network namespace (the pod IP is the node's)"
        : 'false: one network namespace for the pod, held by its sandbox; every container shares it',
    ),
  ];
}

function runtimeLine(node: NodeRuntime): TextLine[] {
  switch (node.kind) {
    case 'loading':
      return [field('Runtime', 'reading the node…')];
    case 'unscheduled':
      return [field('Runtime', '<the pod has no node yet>')];
    case 'known':
      return [
        field('Runtime', `${node.containerRuntimeVersion} (the node's status.nodeInfo)`),
        field(
          'Node OS / kernel / kubelet',
          `${node.osImage} / ${node.kernelVersion} / ${node.kubeletVersion}`,
        ),
      ];
    case 'hidden':
      return [field('Runtime', 'not visible to you'), warn(node.reason, 4)];
    case 'failed':
      return [field('Runtime', 'not read'), warn(node.reason, 4)];
  }
}

function sandboxLines(facts: InsideFacts): TextLine[] {
  const { pod } = facts;
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  const width = Math.max(0, ...allContainers(pod).map((c) => c.container.name.length));
  return [
    heading('Sandbox and runtime', '(from the API)'),
    ...runtimeLine(facts.node),
    note('Container IDs (runtime://id, as status.containerStatuses gives them):'),
    ...allContainers(pod).map(({ container, kind }) => {
      const id = statuses.find((c) => c.name === container.name)?.containerID;
      const label = kind === 'app' ? '' : ` (${kind})`;
      return { text: `    ${container.name.padEnd(width)}  ${id || '<not started>'}${label}` };
    }),
    // A status for a container the spec does not name (virtual-kubelet providers report their own agents).
    ...statuses
      .filter((c) => !allContainers(pod).some((x) => x.container.name === c.name))
      .map((c) => ({
        text: `    ${c.name.padEnd(width)}  ${c.containerID || '<not started>'} (in the status only)`,
      })),
    note('The sandbox ("pause") container is not in the API: the runtime starts it first to hold the'),
    note("pod's namespaces, and its image is the runtime's setting (containerd: sandbox_image in"),
    note("/etc/containerd/config.toml; CRI-O: pause_image), not the pod's."),
  ];
}

function dnsSettingLines(pod: Pod): TextLine[] {
  const spec = pod.spec;
  const dns = spec?.dnsConfig;
  const options = (dns?.options ?? []).map((o) => (o.value ? `${o.name}:${o.value}` : (o.name ?? '')));
  const hostname = spec?.hostname
    ? spec.hostname
    : `${pod.metadata?.name ?? ''} (spec.hostname not set: the pod's name)`;
  return [
    heading('DNS and names', '(from the API)'),
    field(
      'dnsPolicy',
      `${spec?.dnsPolicy ?? 'ClusterFirst'}${spec?.hostNetwork && (spec.dnsPolicy ?? 'ClusterFirst') === 'ClusterFirst' ? " (on the host network: the node's DNS, as Default)" : ''}`,
    ),
    field(
      'dnsConfig',
      dns
        ? [
            dns.nameservers?.length ? `nameservers ${dns.nameservers.join(' ')}` : '',
            dns.searches?.length ? `searches ${dns.searches.join(' ')}` : '',
            options.length ? `options ${options.join(' ')}` : '',
          ]
            .filter(Boolean)
            .join('; ') || '<empty>'
        : '<none>',
    ),
    field('hostname', hostname),
    field('subdomain', spec?.subdomain || '<none>'),
    field('setHostnameAsFQDN', String(spec?.setHostnameAsFQDN ?? false)),
    field(
      'hostAliases',
      (spec?.hostAliases ?? []).map((a) => `${a.ip} ${(a.hostnames ?? []).join(' ')}`).join('; ') || '<none>',
    ),
  ];
}

function fileSection(
  path: string,
  reads: InsideReads,
  pick: (r: Extract<InsideReads, { kind: 'read' }>) => FileRead,
): TextLine[] {
  const head = heading(path, readNote(reads));
  if (reads.kind !== 'read') return [head];
  const read = pick(reads);
  return [head, ...(read.kind === 'text' ? fileLines(read.text) : [warn(read.message, 4)])];
}

/** Why nothing was read through exec, or which containers were passed over. */
function execStatusLines(reads: InsideReads): TextLine[] {
  if (reads.kind === 'unavailable')
    return [
      heading('Inside the container', '(through exec)'),
      warn(reads.reason),
      ...reads.tried.map((t) => note(t, 4)),
      note('The sections from the API above and below are complete without it.'),
    ];
  if (reads.kind === 'read' && reads.skipped.length)
    return [note(`Passed over: ${reads.skipped.join('; ')}`)];
  return [];
}

/** Every line of the inside view. */
export function insideLines(facts: InsideFacts): TextLine[] {
  const { pod, reads } = facts;
  return [
    ...networkLines(pod),
    BLANK,
    ...sandboxLines(facts),
    BLANK,
    ...dnsSettingLines(pod),
    BLANK,
    ...execStatusLines(reads),
    ...fileSection('/etc/resolv.conf', reads, (r) => r.resolvConf),
    BLANK,
    ...fileSection('/etc/hosts', reads, (r) => r.hosts),
    BLANK,
    ...accessLines(facts),
  ];
}
