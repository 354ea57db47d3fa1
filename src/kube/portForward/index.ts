/**
 * Port-forwards: the registry (a UI store), the local port checks and the suggested port, and the HTTP probe.
 * The registry imports client-node: the UI loads this module lazily; localPort.ts does not.
 */
export {
  PortForwardRegistry,
  type FollowRequest,
  type ForwardRequest,
  type PortForwardSnapshot,
} from './registry.js';
export { resolveFollowTarget, resolvePodPort, type FollowTarget } from './follow/resolveTarget.js';
export { bindErrorMessage, localPortProblem, suggestLocalPort } from './localPort.js';
export { probeHttp, type HttpProbe, type ProbeOptions } from './probeHttp.js';
export type { ForwardInfo, ForwardState } from '../../domain/portForwardView.js';
