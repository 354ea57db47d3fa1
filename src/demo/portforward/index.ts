/** Port-forward to demo pods: the kubelet's WebSocket channel protocol, the per-pod registry and error texts. */
export {
  PORTFORWARD_SUBPROTOCOLS,
  pickPortForwardSubprotocol,
  servePortForward,
  type PortForwardOptions,
} from './channel.js';
export { PortForwardRegistry, type ForwardSession } from './registry.js';
export {
  connectionRefusedMessage,
  connectionResetMessage,
  podSandbox,
  portForwardErrorPrefix,
  type PodRef,
  type PodSandbox,
} from './sandbox.js';
export {
  PORTFORWARD_STREAM_PROTOCOL,
  SPDY_PORTFORWARD_SUBPROTOCOL,
  serveSpdyPortForward,
  spdyUpgradeResponseHead,
  type SpdyPortForwardOptions,
} from './spdy.js';
