/**
 * Port-forwards: the registry (a UI store), the dialog's input checks and suggested port, and the HTTP probe.
 * The registry imports client-node: the UI loads this module lazily; localPort.ts and forwardInput.ts do not.
 */
export { PortForwardRegistry, type ForwardRequest, type PortForwardSnapshot } from './registry.js';
export { checkForwardInput, type ForwardInput } from './forwardInput.js';
export { bindErrorMessage, localPortProblem, suggestLocalPort } from './localPort.js';
export { probeHttp, type HttpProbe, type ProbeOptions } from './probeHttp.js';
export type { ForwardInfo, ForwardState } from '../../domain/portForwardView.js';
