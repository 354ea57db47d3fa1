/**
 * What the pod actions do in the cluster and the terminal — delete, port-forward, shell, logs — behind one
 * interface, so the key handlers only decide *what* to do. Each returns the one line the flash shows.
 */
import type { FollowSpec } from '../domain/followForward.js';
import type { ForwardProbe, PodRef } from '../state/views.js';

export interface DeleteOptions {
  /** Seconds; undefined for the pod's own grace period. */
  readonly gracePeriodSeconds: number | undefined;
  readonly force: boolean;
}

export interface ForwardRequest {
  readonly pod: PodRef;
  readonly container: string | undefined;
  readonly remotePort: number;
  readonly localPort: number;
  readonly address: string;
}

export interface PodActions {
  /** Deletes the pods; resolves with the flash text (errors included, one line). */
  deletePods(pods: readonly PodRef[], options: DeleteOptions): Promise<{ text: string; ok: boolean }>;
  /** Starts a forward; resolves with an error message (shown in the dialog) or the forward's URL. */
  startForward(request: ForwardRequest): Promise<{ ok: true; url: string } | { ok: false; error: string }>;
  /**
   * Starts a forward that follows a Service or workload (`:pf svc/NAME L:R`; `pod/NAME` forwards to that pod),
   * in `namespace` unless the spec names one; resolves with the URL and what it follows, or kubectl's error line.
   */
  startFollowForward(
    spec: FollowSpec,
    namespace: string,
  ): Promise<{ ok: true; url: string; text: string } | { ok: false; error: string }>;
  /** The local port to offer for a pod port: the same number if free, else a free one. */
  suggestLocalPort(port: number, address: string): Promise<number>;
  /** Stops one forward (by id), or all of them. */
  stopForward(id: string): Promise<void>;
  stopAllForwards(): Promise<void>;
  /** An HTTP GET of the forward's URL: the status line and the first bytes, or why there are none. */
  probeForward(url: string): Promise<Omit<ForwardProbe, 'id'>>;
  /**
   * Hands the terminal to a shell in the container; resolves with how it ended (`noShell` when the image has none:
   * distroless).
   */
  shell(pod: PodRef, container: string): Promise<{ text: string; ok: boolean; noShell?: boolean }>;
  /** Adds an ephemeral debug container (busybox) targeting `target`; resolves with its name. */
  addDebugContainer(pod: PodRef, target: string): Promise<string>;
}
