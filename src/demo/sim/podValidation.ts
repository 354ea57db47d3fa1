/**
 * What the API server refuses in a new pod, in the order it finds it: a re-expression of part of ValidatePodCreate
 * (pkg/apis/core/validation/validation.go, Kubernetes v1.32) — the object's name and generateName, volume names,
 * each app container then each init container (name, image, ports, volume mounts, pull policy, duplicates),
 * restartPolicy, dnsPolicy, images with surrounding spaces, ephemeral containers and a nodeName that skips
 * scheduling gates. The demo checks no more than this; the rest of a real server's rules are not modelled.
 */
import type { Container, Pod } from '../../domain/wire.js';
import type { FieldError } from './fieldErrors.js';
import { duplicate, forbidden, invalid, notFound, notSupported, required } from './fieldErrors.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** IsDNS1123Label's messages. */
function dnsLabel(field: string, value: string): FieldError[] {
  const out: FieldError[] = [];
  if (value.length > 63) out.push(invalid(field, value, 'must be no more than 63 characters'));
  if (!DNS1123_LABEL.test(value)) out.push(invalid(field, value, LABEL_MSG));
  return out;
}

/** NameIsDNSSubdomain: a generateName prefix may end in '-'. */
function dnsSubdomain(field: string, value: string, prefix: boolean): FieldError[] {
  const checked = prefix && value.endsWith('-') ? `${value.slice(0, -1)}a` : value;
  const out: FieldError[] = [];
  if (checked.length > 253) out.push(invalid(field, value, 'must be no more than 253 characters'));
  if (!DNS1123_SUBDOMAIN.test(checked)) out.push(invalid(field, value, SUBDOMAIN_MSG));
  return out;
}

function objectMeta(pod: Pod): FieldError[] {
  const { name, generateName } = pod.metadata ?? {};
  const out: FieldError[] = [];
  if (generateName) out.push(...dnsSubdomain('metadata.generateName', generateName, true));
  if (!name) out.push(required('metadata.name', 'name or generateName is required'));
  else out.push(...dnsSubdomain('metadata.name', name, false));
  return out;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** validateContainerCommon: what init and app containers share. */
function containerCommon(c: Container, path: string, volumes: ReadonlySet<string>): FieldError[] {
  const out: FieldError[] = [];
  if (!c.name) out.push(required(`${path}.name`));
  else out.push(...dnsLabel(`${path}.name`, c.name));
  if (!c.image) out.push(required(`${path}.image`));
  const tmp = c.terminationMessagePolicy ?? '';
  if (!tmp) out.push(required(`${path}.terminationMessagePolicy`));
  else if (!MESSAGE_POLICIES.includes(tmp)) {
    out.push(notSupported(`${path}.terminationMessagePolicy`, tmp, MESSAGE_POLICIES));
  }
  for (const [i, p] of (c.ports ?? []).entries()) {
    const at = `${path}.ports[${i}]`;
    if (!p.containerPort) out.push(required(`${at}.containerPort`));
    else if (p.containerPort < 1 || p.containerPort > 65535) {
      out.push(invalid(`${at}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
    }
    if (p.hostPort && (p.hostPort < 1 || p.hostPort > 65535)) {
      out.push(invalid(`${at}.hostPort`, p.hostPort, 'must be between 1 and 65535, inclusive'));
    }
    if (!p.protocol) out.push(required(`${at}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) out.push(notSupported(`${at}.protocol`, p.protocol, PROTOCOLS));
  }
  const mountPaths = new Set<string>();
  for (const [i, m] of (c.volumeMounts ?? []).entries()) {
    const at = `${path}.volumeMounts[${i}]`;
    if (!m.name) out.push(required(`${at}.name`));
    if (!volumes.has(m.name)) out.push(notFound(`${at}.name`, m.name ?? ''));
    if (!m.mountPath) out.push(required(`${at}.mountPath`));
    if (mountPaths.has(m.mountPath)) out.push(invalid(`${at}.mountPath`, m.mountPath, 'must be unique'));
    mountPaths.add(m.mountPath);
  }
  const pull = c.imagePullPolicy ?? '';
  if (!pull) out.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull))
    out.push(notSupported(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  return out;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function podSpec(pod: Pod): FieldError[] {
  const spec = pod.spec!;
  const out: FieldError[] = [];
  const volumes = new Set<string>();
  for (const [i, v] of (spec.volumes ?? []).entries()) {
    const at = `spec.volumes[${i}].name`;
    const errs = v.name ? dnsLabel(at, v.name) : [required(at)];
    if (volumes.has(v.name)) errs.push(duplicate(at, v.name));
    if (errs.length === 0) volumes.add(v.name);
    out.push(...errs);
  }
  const containers = spec.containers ?? [];
  if (containers.length === 0) out.push(required('spec.containers'));
  const names = new Set<string>();
  for (const [i, c] of containers.entries()) {
    out.push(...containerCommon(c, `spec.containers[${i}]`, volumes));
    if (names.has(c.name)) out.push(duplicate(`spec.containers[${i}].name`, c.name));
    else names.add(c.name);
  }
  for (const [i, c] of (spec.initContainers ?? []).entries()) {
    const path = `spec.initContainers[${i}]`;
    out.push(...containerCommon(c, path, volumes));
    if (names.has(c.name)) out.push(duplicate(`${path}.name`, c.name));
    else if (c.name) names.add(c.name);
    if (c.restartPolicy !== 'Always') {
      for (const probe of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[probe])
          out.push(
            forbidden(`${path}.${probe}`, 'may not be set for init containers without restartPolicy=Always'),
          );
      }
    }
  }
  const restart = spec.restartPolicy ?? '';
  if (!restart) out.push(required('spec.restartPolicy'));
  else if (!RESTART_POLICIES.includes(restart))
    out.push(notSupported('spec.restartPolicy', restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy ?? '';
  if (!dns) out.push(required('spec.dnsPolicy'));
  else if (!DNS_POLICIES.includes(dns)) out.push(notSupported('spec.dnsPolicy', dns, DNS_POLICIES));
  return out;
}

/** validateContainerOnlyForPod: pods (not templates) may not have spaces around an image. */
function imagesTrimmed(containers: readonly Container[] | undefined, path: string): FieldError[] {
  return (containers ?? []).flatMap((c, i) =>
    c.image && c.image !== c.image.trim()
      ? [invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace')]
      : [],
  );
}

/** The field errors of a new pod (defaulted and admitted, as validation sees it), in the API server's order. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const spec = pod.spec!;
  const out = [
    ...objectMeta(pod),
    ...podSpec(pod),
    ...imagesTrimmed(spec.containers, 'spec.containers'),
    ...imagesTrimmed(spec.initContainers, 'spec.initContainers'),
  ];
  if (spec.ephemeralContainers?.length)
    out.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (spec.nodeName && spec.schedulingGates?.length) {
    out.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return out;
}
