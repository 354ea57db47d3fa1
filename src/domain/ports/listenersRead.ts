/**
 * How a read of a pod's listening sockets went (src/kube/shell/readListeners.ts does it through exec), as the
 * ports view shows it: the text read and where and when, or why there is none.
 */
export type ListenersRead =
  | {
      readonly kind: 'read';
      /** The container `cat` ran in. */
      readonly container: string;
      readonly at: Date;
      /** What `cat /proc/net/tcp /proc/net/tcp6` printed. */
      readonly text: string;
      /** false when /proc/net/tcp6 is missing (IPv6 disabled in the kernel): IPv4 sockets only. */
      readonly ipv6: boolean;
      /** Containers tried first that have no `cat`. */
      readonly skipped: readonly string[];
    }
  /** Every running container lacks `cat` (distroless): a debug container can read instead. */
  | { readonly kind: 'no-cat'; readonly tried: readonly string[] }
  /** No container runs: exec has nowhere to go. */
  | { readonly kind: 'no-container' }
  /** Refused (RBAC: the server's words), timed out, cut off, or `cat` failed; no container when the pod's GET failed. */
  | { readonly kind: 'failed'; readonly container?: string; readonly reason: string };
