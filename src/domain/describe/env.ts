/**
 * describe's Environment and Environment Variables from: literal values as set, field references resolved the
 * way kubectl resolves them (only metadata.name and metadata.namespace; others show empty with the path), resource
 * references computed from the container's limits/requests, and secret and config map keys as a reference — never
 * a value.
 */
import { parseQuantity } from '../quantity.js';
import type { Container, Pod } from '../wire.js';
import type { PrefixWriter } from './prefixWriter.js';

type EnvVar = NonNullable<Container['env']>[number];
type ResourceFieldRef = NonNullable<NonNullable<EnvVar['valueFrom']>['resourceFieldRef']>;

/**
 * `EnvValueRetriever` (kubectl pkg/describe): what kubectl can read of the pod for a fieldRef. Before
 * `ExtractFieldPathAsString` reads the pod, the path goes through `ConvertFieldLabel` of kubectl's own scheme, which
 * registers no field-label conversions for pods, so apimachinery's `DefaultMetaV1FieldSelectorConversion` decides:
 * only `metadata.name` and `metadata.namespace` pass; every other path (uid, labels, annotations, their subscripts,
 * spec and status fields) fails there and prints empty. Seen on the real server with Linkerd's injected proxy
 * (`_pod_uid`, test/fixtures/pods/real-world/).
 */
function fieldValue(pod: Pod, fieldPath: string): string {
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    default:
      return '';
  }
}

/** `resourcehelper.ExtractContainerResourceValue`: the value rounded up in units of the divisor. */
function resourceValue(ref: ResourceFieldRef, container: Container): string {
  const [kind, name] = ref.resource.split('.', 2) as [string, string | undefined];
  const source = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  if (!name || (kind !== 'limits' && kind !== 'requests')) return '';
  const value = parseQuantity(String(source?.[name] ?? '0')) ?? 0;
  let divisor = parseQuantity(String(ref.divisor ?? '1')) ?? 1;
  if (divisor === 0) divisor = 1;
  if (name === 'cpu') return String(Math.ceil(Math.round(value * 1000) / Math.round(divisor * 1000)));
  return String(Math.ceil(value / divisor));
}

/** `describeContainerEnvVars`. */
export function writeEnv(w: PrefixWriter, container: Container, pod: Pod): void {
  const env = container.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    if (from.fieldRef) {
      const f = from.fieldRef;
      w.write(3, `${e.name}:\t${fieldValue(pod, f.fieldPath)} (${f.apiVersion ?? ''}:${f.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      let value = resourceValue(from.resourceFieldRef, container);
      const resource = from.resourceFieldRef.resource;
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

/** `describeContainerEnvFrom` (only called when the container has envFrom). */
export function writeEnvFrom(w: PrefixWriter, container: Container): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of container.envFrom ?? []) {
    const [from, ref] = e.configMapRef
      ? ['ConfigMap', e.configMapRef]
      : e.secretRef
        ? ['Secret', e.secretRef]
        : ['', undefined];
    const optional = ref?.optional === true;
    const name = ref?.name ?? '';
    if (!e.prefix) w.write(3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}
