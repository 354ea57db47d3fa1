/**
 * The session's port-forward registry: forwards outlive every view, and all stop when the dashboard goes (or the
 * context is switched, since they belong to the cluster they were made on). The PF column marks pods whose forward
 * is active — a failed or reconnecting forward never looks alive.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PortForwardSnapshot } from '../../kube/portForward/index.js';
import { PortForwardRegistry } from '../../kube/portForward/index.js';
import type { Session } from '../session.js';

export interface PortForwards {
  registry: PortForwardRegistry;
  snapshot: PortForwardSnapshot;
  /** `namespace/name` of pods with an active forward. */
  active: ReadonlySet<string>;
}

export function usePortForwards(session: Session): PortForwards {
  const registry = useMemo(() => new PortForwardRegistry(session.kc), [session.kc]);
  useEffect(() => () => void registry.close(), [registry]);
  const snapshot = useSyncExternalStore(registry.subscribe, registry.getSnapshot);
  const active = useMemo(
    () =>
      new Set(
        snapshot.forwards.filter((f) => f.state.kind === 'active').map((f) => `${f.namespace}/${f.pod}`),
      ),
    [snapshot],
  );
  return { registry, snapshot, active };
}
