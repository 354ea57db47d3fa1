/**
 * The pod sandbox as port-forward errors name it, and those errors' exact wording.
 *
 * On a real node the text a client reads on the error channel is built in two places:
 * - the kubelet's streaming server, pkg/kubelet/cri/streaming/portforward/{websocket,httpstream}.go:
 *   `error forwarding port %d to pod %s, uid %v: %v`, where the CRI streaming server passes the *sandbox id* as the
 *   pod and an empty uid (hence `uid :`);
 * - containerd 1.7's CRI plugin, pkg/cri/server/sandbox_portforward_linux.go:
 *   `failed to execute portforward in network namespace %q: %w` around
 *   `failed to connect to localhost:%d inside namespace %q, IPv4: %v IPv6 %v ` (trailing space included), with
 *   Go's dial errors `dial tcp4 127.0.0.1:P: connect: connection refused` and `dial tcp6 [::1]:P: ...`.
 */
import { createHash } from 'node:crypto';

/** The pod a forward goes to. */
export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

/** What the runtime calls the pod: a 64-hex sandbox id and its CNI network namespace. */
export interface PodSandbox {
  id: string;
  netns: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The pod's sandbox, derived from its uid so that every error about the same pod names the same sandbox. */
export function podSandbox(pod: PodRef): PodSandbox {
  const id = sha256(`sandbox:${pod.uid || `${pod.namespace}/${pod.name}`}`);
  const h = sha256(`netns:${id}`);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return { id, netns: `/var/run/netns/cni-${uuid}` };
}

/** The common start of every forwarding error about `port`. */
export function portForwardErrorPrefix(port: number, sandbox: PodSandbox): string {
  return (
    `error forwarding port ${port} to pod ${sandbox.id}, uid : ` +
    `failed to execute portforward in network namespace "${sandbox.netns}"`
  );
}

/** Nothing listens on `port` in the pod: containerd tried IPv4, then IPv6 localhost. */
export function connectionRefusedMessage(port: number, sandbox: PodSandbox): string {
  return (
    `${portForwardErrorPrefix(port, sandbox)}: failed to connect to localhost:${port} inside namespace ` +
    `"${sandbox.id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}
