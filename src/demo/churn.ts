/**
 * `--churn N`: about N pod watch events a second from generated pods — readiness flaps, crashes that restart,
 * and deletions that their ReplicaSet replaces — so the dashboard can be watched (and measured) under load.
 */
import type { Cluster } from './cluster.js';
import { Random } from './random.js';
import { PODS } from './store/resourceTypes.js';
import type { Scheduled } from './store/scheduler.js';

const TICK_MS = 50;

export class Churn {
  private timer: Scheduled | undefined;
  private budget = 0;
  private readonly rnd: Random;
  private readonly stopCounting: () => void;
  /** Pod watch events seen since start (all sources), for reporting the sustained rate. */
  events = 0;
  private counted = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly perSecond: number,
    seed = 7,
  ) {
    this.rnd = new Random(seed);
    this.stopCounting = cluster.store.subscribe((c) => {
      if (c.resource === PODS) this.events++;
    });
  }

  start(): void {
    if (this.perSecond <= 0 || this.timer) return;
    this.counted = this.events;
    this.timer = this.cluster.scheduler.every(TICK_MS, () => this.tick());
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.stopCounting();
  }

  private tick(): void {
    // Every pod event counts against the budget, including the later effects of earlier actions (a crash's
    // restart, a replacement's lifecycle), so the rate seen by watchers is the rate asked for.
    this.budget += (this.perSecond * TICK_MS) / 1000 - (this.events - this.counted);
    const before = this.events;
    for (let tries = 0; this.events - before < this.budget && tries < 1000; tries++) this.act();
    this.budget -= this.events - before;
    this.counted = this.events;
    if (this.budget < -this.perSecond) this.budget = -this.perSecond;
  }

  private act(): void {
    const keys = this.cluster.store.keys(PODS);
    if (keys.length === 0) return;
    const key = keys[this.rnd.int(keys.length)]!;
    const [ns, name] = key.split('/') as [string, string];
    // Generated pods churn; the seeds' pods stay as the tutorials describe them unless there is nothing else.
    const generatedExist = keys[keys.length - 1]!.startsWith('team-');
    if (generatedExist ? !ns.startsWith('team-') : ns === 'kube-system') return;
    const r = this.rnd.next();
    if (r < 0.7) this.cluster.kubelet.flipReady(ns, name);
    else if (r < 0.9) this.cluster.kubelet.crashOnce(ns, name);
    else this.cluster.deletePod(ns, name, 0);
  }
}
