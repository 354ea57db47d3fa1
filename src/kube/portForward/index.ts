/**
 * Port-forwards: the registry (a UI store), the local port checks and the suggested port, and the HTTP probe.
 * The registry imports client-node: the UI loads this module lazily; localPort.ts does not.
 * The dashboard's registry runs its single-pod forwards in a worker thread (workerRegistry.ts); the one that runs
 * them all on the calling thread is exported too, as `InThreadPortForwardRegistry` (the worker runs it).
 */
export { WorkerPortForwardRegistry as PortForwardRegistry } from './workerRegistry.js';
export {
  PortForwardRegistry as InThreadPortForwardRegistry,
  type FollowRequest,
  type ForwardRequest,
  type PortForwardSnapshot,
} from './registry.js';
export { resolveFollowTarget, resolvePodPort, type FollowTarget } from './follow/resolveTarget.js';
export { bindErrorMessage, localPortProblem, suggestLocalPort } from './localPort.js';
export { probeHttp, type HttpProbe, type ProbeOptions } from './probeHttp.js';
export type { ForwardInfo, ForwardState } from '../../domain/portForwardView.js';
