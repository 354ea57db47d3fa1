/** Port-forward to demo pods: the kubelet's WebSocket channel protocol, the per-pod registry and error texts. */
export { pickPortForwardSubprotocol, servePortForward } from './channel.js';
export { PortForwardRegistry, type ForwardSession } from './registry.js';
export { connectionRefusedMessage, podSandbox, type PodRef } from './sandbox.js';
export { SPDY_PORTFORWARD_SUBPROTOCOL, serveSpdyPortForward, spdyUpgradeResponseHead } from './spdy.js';
