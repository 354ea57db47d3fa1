/**
 * The rollouts podscope started (`:restart`, `:scale`), followed until `kubectl rollout status` would say they are
 * done (domain/workload/rolloutProgress.ts): each workload is read again every `intervalMs` (one GET of one
 * object), its short progress published for the header, and the promise of `track` resolved when it finishes,
 * fails (progress deadline exceeded) or times out. Kept outside React, read with `useSyncExternalStore`.
 */
import { rolloutProgress, type RolloutProgress } from '../../domain/workload/rolloutProgress.js';
import { decodeWorkload } from '../decode/workload.js';
import { errorMessage } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson } from '../request.js';
/** The workload followed: its kind (which viewer reads it), name, namespace and URL path. */
export interface TrackedWorkload {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly path: string;
}

/** One rollout under way, as the header shows it. */
export interface RolloutLine {
  readonly key: string;
  readonly text: string;
}

/** How a followed rollout ended. */
export interface RolloutEnd {
  readonly ok: boolean;
  /** kubectl's last line (`deployment "web-app" successfully rolled out`) or why it stopped being followed. */
  readonly text: string;
  readonly short: string;
  readonly ms: number;
  /** Stopped following (the session went): nothing to tell. */
  readonly stopped?: boolean;
}

export class RolloutTracker {
  private readonly lines = new Map<string, string>();
  private snapshot: readonly RolloutLine[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();

  constructor(
    private readonly kc: KubeConfigLike,
    private readonly intervalMs = 200,
    private readonly timeoutMs = 10 * 60_000,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): readonly RolloutLine[] => this.snapshot;

  /** Stops following every rollout (their promises resolve as stopped). */
  stop(): void {
    this.abort.abort();
    this.listeners.clear();
  }

  /** Follows `link`'s rollout until it ends; a second call for the same workload follows it once more. */
  async track(link: TrackedWorkload): Promise<RolloutEnd> {
    const key = `${link.namespace}/${link.kind}/${link.name}`;
    const started = Date.now();
    const signal = this.abort.signal;
    let last: RolloutProgress | undefined;
    let failure = '';
    this.set(key, `${link.name}: rollout starting`);
    while (!signal.aborted && Date.now() - started < this.timeoutMs) {
      try {
        const w = decodeWorkload(
          await getJson(this.kc, link.path, { timeoutMs: 10_000, signal }),
          `GET ${link.path}`,
        );
        last = rolloutProgress(link.kind, link.name, w.status);
        failure = '';
        if (last.kind !== 'waiting') break;
        this.set(key, last.short);
      } catch (e) {
        if (signal.aborted) break;
        failure = errorMessage(e);
        this.set(key, `${link.name}: ${failure}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.intervalMs);
        t.unref();
      });
    }
    this.set(key, undefined);
    const ms = Date.now() - started;
    if (last?.kind === 'done') return { ok: true, text: last.kubectl, short: last.short, ms };
    if (last?.kind === 'failed') return { ok: false, text: last.kubectl, short: last.short, ms };
    const why = signal.aborted
      ? 'no longer followed'
      : failure || `not done after ${Math.round(ms / 1000)} s`;
    return {
      ok: false,
      text: `${link.name}: ${why}`,
      short: `${link.name}: ${why}`,
      ms,
      stopped: signal.aborted,
    };
  }

  private set(key: string, text: string | undefined): void {
    if (text === undefined) this.lines.delete(key);
    else if (this.lines.get(key) === text) return;
    else this.lines.set(key, text);
    this.snapshot = [...this.lines].map(([k, t]) => ({ key: k, text: t }));
    for (const l of [...this.listeners]) l();
  }
}
