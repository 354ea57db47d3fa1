/**
 * Live port-forward sessions per pod. When a pod goes away its forwards must end, as they do on a real node when
 * the containers stop: the demo server closes them here so a client sees its stream end at once.
 */

/** One forwarding session: one WebSocket (channel protocol) or one SPDY connection. */
export interface ForwardSession {
  /** The pod ports this session forwards to. */
  readonly ports: readonly number[];
  /** True once the session has ended (its connection is closed or closing). */
  readonly closed: boolean;
  /** Resolves when the session's connection has closed. */
  readonly done: Promise<void>;
  /**
   * Ends every forwarded connection of the session: `reason`, when given, goes to the client on each open
   * connection's error stream first. The transport is closed, and cut after a second if the client does not
   * answer the close.
   */
  close(reason?: string): void;
}

const key = (namespace: string, pod: string) => `${namespace}/${pod}`;

/** Sessions by pod. One per demo server; sessions leave it by themselves when they end. */
export class PortForwardRegistry {
  readonly #byPod = new Map<string, Set<ForwardSession>>();

  /** Registers a session for `namespace/pod` until it ends. */
  track(namespace: string, pod: string, session: ForwardSession): void {
    if (session.closed) return;
    const k = key(namespace, pod);
    let set = this.#byPod.get(k);
    if (!set) {
      set = new Set();
      this.#byPod.set(k, set);
    }
    set.add(session);
    void session.done.then(() => {
      const current = this.#byPod.get(k);
      current?.delete(session);
      if (current?.size === 0) this.#byPod.delete(k);
    });
  }

  /** The live sessions of a pod. */
  sessions(namespace: string, pod: string): ForwardSession[] {
    return [...(this.#byPod.get(key(namespace, pod)) ?? [])].filter((s) => !s.closed);
  }

  /** How many sessions are live, over all pods. */
  get size(): number {
    let n = 0;
    for (const set of this.#byPod.values()) for (const s of set) if (!s.closed) n++;
    return n;
  }

  /** Ends every session of a pod (see {@link ForwardSession.close}); returns how many were ended. */
  closePod(namespace: string, pod: string, reason?: string): number {
    const sessions = this.sessions(namespace, pod);
    for (const s of sessions) s.close(reason);
    return sessions.length;
  }

  /** Ends every session, for example when the demo server stops. */
  closeAll(reason?: string): number {
    let n = 0;
    for (const set of [...this.#byPod.values()]) {
      for (const s of [...set]) {
        if (!s.closed) {
          s.close(reason);
          n++;
        }
      }
    }
    return n;
  }
}
