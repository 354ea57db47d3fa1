/**
 * The ports a pod's containers declare (`spec.containers[].ports`), as the port-forward dialog offers them
 * (`container::port`). Declared ports are informative only: Kubernetes forwards any port, declared or not.
 */
import type { Pod } from './wire.js';

/** One declared container port. */
export interface DeclaredPort {
  readonly container: string;
  /** The port's name (`http`, `metrics`), when it has one. */
  readonly name?: string;
  readonly port: number;
  /** `TCP` (the default), `UDP` or `SCTP`; port-forward carries TCP only. */
  readonly protocol: string;
}

/**
 * Every declared port of the pod's containers (init containers that keep running — sidecars — included), in
 * spec order.
 * @param pod the pod (a slim pod from the store keeps its ports)
 */
export function declaredPorts(pod: Pod): DeclaredPort[] {
  const containers = [
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
    ...(pod.spec?.containers ?? []),
  ];
  const out: DeclaredPort[] = [];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!Number.isInteger(p.containerPort)) continue;
      out.push({
        container: c.name,
        ...(p.name ? { name: p.name } : {}),
        port: p.containerPort,
        protocol: p.protocol ?? 'TCP',
      });
    }
  }
  return out;
}

/**
 * How the dialog lists a declared port: `nginx::80`, with the name and a non-TCP protocol after it
 * (`web::8080 (http)`, `dns::53/UDP`).
 */
export function declaredPortLabel(p: DeclaredPort): string {
  const proto = p.protocol === 'TCP' ? '' : `/${p.protocol}`;
  return `${p.container}::${p.port}${proto}${p.name ? ` (${p.name})` : ''}`;
}
