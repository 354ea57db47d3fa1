/**
 * One session's owner actions: the pods' owner chains (read once per controller and kept), restart and scale of a
 * workload, and the rollouts they start (rolloutTracker.ts). What the UI's controllers and hooks call; no React.
 */
import { ResourceDiscovery } from '../apply/discovery.js';
import type { OwnerLink } from '../decode/workload.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { readOwnerChain, type ChainLink } from './ownerChain.js';
import { RolloutTracker } from './rolloutTracker.js';
import { currentScale, restartWorkload, scaleWorkload, type WorkloadPath } from './workloadChanges.js';

export class Workloads {
  readonly rollouts: RolloutTracker;
  private readonly discovery: ResourceDiscovery;
  private readonly chains = new Map<string, Promise<ChainLink[]>>();

  constructor(private readonly kc: KubeConfigLike) {
    this.discovery = new ResourceDiscovery(kc);
    this.rollouts = new RolloutTracker(kc);
  }

  stop(): void {
    this.rollouts.stop();
  }

  /**
   * The owner chain above a pod's controller, nearest first. Kept per controller: owners do not change, and a
   * failed read is asked again next time.
   */
  chain(namespace: string, controller: OwnerLink | undefined): Promise<ChainLink[]> {
    if (!controller) return Promise.resolve([]);
    const key = `${namespace}/${controller.apiVersion}/${controller.kind}/${controller.name}`;
    let p = this.chains.get(key);
    if (!p) {
      p = readOwnerChain(this.kc, this.discovery, namespace, controller);
      void p.then((c) => {
        if (c.some((l) => l.error)) this.chains.delete(key);
      });
      this.chains.set(key, p);
    }
    return p;
  }

  restart(link: WorkloadPath): Promise<void> {
    return restartWorkload(this.kc, link);
  }

  scale(link: WorkloadPath, replicas: number): Promise<void> {
    return scaleWorkload(this.kc, link, replicas);
  }

  currentReplicas(link: WorkloadPath): Promise<number> {
    return currentScale(this.kc, link);
  }
}
