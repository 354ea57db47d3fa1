/**
 * Watches the pods list's pods for STATUS changes into an alert state (src/domain/alertRule.ts) and says when to
 * flash: the latest alert, rate-limited, and remembers the last alerted pod for `!`. No React, no cluster: it is
 * fed the store's pods by `usePodWatch`.
 */
import type { AlertMemory } from '../../domain/alertRule.js';
import { alertMemory, alertText, FLASH_GAP_MS, flashDecision, isAlert } from '../../domain/alertRule.js';
import { mapChanges } from '../../domain/mapChanges.js';
import { podStatusReason } from '../../domain/podStatus.js';
import type { Pod } from '../../domain/wire.js';

/** One alert: which pod went into which STATUS, and when. */
export interface Alert {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly status: string;
  readonly at: number;
}

export class AlertWatch {
  /** Called with the line to flash (and to ring the bell for). */
  onFlash: (text: string, alert: Alert) => void = () => {};
  /** The last pod that alerted (flashed or held): what `!` jumps to. */
  last: Alert | undefined;
  private readonly memory: AlertMemory = alertMemory();
  private statuses = new Map<string, string>();
  private lastPods: ReadonlyMap<string, Pod> = new Map();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Looks at the latest pods. The first look at a store is the baseline: pods already failing then do not alert.
   * A pod that appears later (created while podscope watches) alerts if it appears in an alert state.
   * @param baseline true while the store is still listing (its pods were there before podscope looked)
   */
  observe(pods: ReadonlyMap<string, Pod>, baseline: boolean): void {
    const now = this.now();
    let latest: Alert | undefined;
    mapChanges(
      this.lastPods,
      pods,
      (key, pod) => {
        const status = podStatusReason(pod);
        const known = this.statuses.get(key);
        this.statuses.set(key, status);
        const before = known ?? (baseline ? undefined : '');
        if (!isAlert(this.memory, key, before, status, now)) return;
        latest = {
          key,
          namespace: pod.metadata?.namespace ?? '',
          name: pod.metadata?.name ?? '',
          status,
          at: now,
        };
        // Every alert counts towards the next flash; the latest one is named.
        this.memory.held++;
      },
      (key) => this.statuses.delete(key),
    );
    this.lastPods = pods;
    if (latest) {
      this.last = latest;
      this.tick();
    }
  }

  /** A new store (another namespace or selector): its first look is a baseline again. */
  reset(): void {
    this.statuses = new Map();
    this.lastPods = new Map();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    const last = this.last;
    if (!last) return;
    const now = this.now();
    const decision = flashDecision(this.memory, now);
    if (decision.flash) return this.onFlash(alertText(last.name, last.status, decision.others), last);
    // Held: flash the latest when the gap is over.
    if (this.memory.held > 0 && this.timer === undefined)
      this.timer = setTimeout(this.tick, Math.max(0, this.memory.lastFlash + FLASH_GAP_MS - now));
  };
}
