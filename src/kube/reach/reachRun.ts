/**
 * One reach run (`R` on a pod, after the confirm): reads the target pod (its IP and declared ports), sweeps
 * leftover client pods of killed runs, starts a client pod in the target's namespace, checks each port from inside
 * it (`execCapture`: curl for HTTP ports, nc -z for the others) and deletes the client pod — always, as
 * `kubectl run --rm` does: after the results, after a failure, and when the run is cancelled (Esc, q, a signal:
 * `dispose()`, which the caller also registers as an exit cleanup). A store outside React: `subscribe` and
 * `getSnapshot` give the report as it grows.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { probeCommand, readProbe } from '../../domain/reach/probeCommand.js';
import type { PortReport, ReachReport } from '../../domain/reach/reachReport.js';
import { reachPorts } from '../../domain/reach/reachPorts.js';
import { decodePod } from '../decode/pod.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson, serverUrl } from '../request.js';
import { execCapture } from '../shell/execCapture.js';
import { podActionError } from '../shell/kubeActionError.js';
import { clientPodName, deleteClientPod, startClientPod, sweepLeftoverClients } from './clientPod.js';

export interface ReachRunOptions {
  kc: KubeConfigLike;
  /** client-node's KubeConfig, for the exec (loaded on first use). */
  clientKubeConfig: () => Promise<KubeConfig>;
  namespace: string;
  pod: string;
  /** Only this port (`:reach PORT`); every declared TCP port otherwise. */
  port?: number | undefined;
  image: string;
  /** How long the client pod may take to run. */
  startTimeoutMs?: number;
}

/** The kubectl command that deletes a client pod podscope could not delete. */
export function deleteCommand(namespace: string, name: string): string {
  return `kubectl delete pod ${name} -n ${namespace}`;
}

/** A reach run; `start()` once, `dispose()` always (idempotent, resolves when the client pod is deleted). */
export class ReachRun {
  private report: ReachReport;
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private created: string | undefined;
  private deleting: Promise<void> | undefined;
  /** The client pod's start while in flight: a delete waits for its POST to settle, so it cannot land after. */
  private starting: Promise<unknown> | undefined;
  private readonly began = Date.now();

  constructor(private readonly opts: ReachRunOptions) {
    this.report = {
      namespace: opts.namespace,
      target: opts.pod,
      targetIP: undefined,
      image: opts.image,
      clientPod: undefined,
      state: 'running',
      steps: [],
      ports: [],
      error: undefined,
      swept: [],
      cleanup: undefined,
      elapsedMs: undefined,
    };
  }

  /** The report as it is now (a new object after each change). */
  getSnapshot = (): ReachReport => this.report;

  /** Called after each change of the report; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The client pod, while it exists (what an exit cleanup names). */
  get clientPod(): string | undefined {
    return this.created;
  }

  private set(change: Partial<ReachReport>): void {
    this.report = { ...this.report, ...change };
    for (const l of this.listeners) l();
  }

  private fail(error: string): void {
    if (this.report.state === 'running') this.set({ state: 'failed', error });
  }

  /** Runs to the end; resolves when the results are in and the client pod is deleted. Never rejects. */
  async start(): Promise<void> {
    try {
      await this.probe();
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    } finally {
      await this.dispose();
    }
  }

  private async probe(): Promise<void> {
    const { kc, namespace, pod } = this.opts;
    const signal = this.abort.signal;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
    let target;
    try {
      target = decodePod(await getJson(kc, path, { signal, timeoutMs: 10_000 }), `GET ${path}`);
    } catch (e) {
      return this.fail(podActionError(e, serverUrl(kc), pod, `get pod "${pod}" in namespace "${namespace}"`));
    }
    const ip = target.status?.podIP;
    if (!ip)
      return this.fail(`${pod} has no IP yet (${target.status?.phase ?? 'Pending'}): nothing to reach`);
    const ports = reachPorts(target, this.opts.port);
    if (ports.length === 0) return this.fail(`${pod} declares no TCP ports: name one with :reach PORT`);
    this.set({ targetIP: ip, ports: ports.map((port) => ({ port, result: undefined })) });
    const swept = await sweepLeftoverClients(kc, namespace);
    if (swept.length) this.set({ swept });
    if (signal.aborted) return;
    // Named before the POST: a cancel from here on deletes it (a 404 if it never came to be).
    const name = clientPodName();
    this.created = name;
    const starting = startClientPod({
      kc,
      name,
      namespace,
      image: this.opts.image,
      target: pod,
      signal,
      ...(this.opts.startTimeoutMs ? { timeoutMs: this.opts.startTimeoutMs } : {}),
      onState: (words) => this.set({ clientPod: name, steps: [...this.report.steps, words] }),
    });
    this.starting = starting;
    const started = await starting;
    if (started.kind === 'failed') {
      this.created = started.created;
      if (started.created) this.set({ clientPod: started.created });
      return this.fail(started.reason);
    }
    this.created = started.name;
    this.set({ clientPod: started.name });
    const clientKc = await this.opts.clientKubeConfig();
    const results: PortReport[] = [...this.report.ports];
    for (const [i, { port }] of this.report.ports.entries()) {
      if (signal.aborted) return;
      const t0 = performance.now();
      const run = await execCapture({
        kc: clientKc,
        namespace,
        pod: started.name,
        container: 'client',
        command: probeCommand(ip, port.port, port.kind),
        timeoutMs: 15_000,
        maxBytes: 4096,
        signal,
      });
      if (signal.aborted) return;
      results[i] = { port, result: readProbe(port.kind, run, performance.now() - t0) };
      this.set({ ports: [...results] });
    }
    this.set({ state: 'done', elapsedMs: Date.now() - this.began });
  }

  /**
   * Stops the run and deletes the client pod (bounded by `timeoutMs`); resolves when done, with the pod's name and
   * why if it could not be deleted. Safe to call any number of times, from anywhere.
   */
  dispose(timeoutMs = 5000): Promise<void> {
    if (this.report.state === 'running' && this.deleting === undefined) {
      this.abort.abort();
    }
    this.deleting ??= this.deleteClient(timeoutMs);
    return this.deleting;
  }

  private async deleteClient(timeoutMs: number): Promise<void> {
    this.abort.abort();
    if (this.report.state === 'running') this.set({ state: 'cancelled' });
    // A run cancelled mid-create: the POST may still land; wait (briefly) for it to settle so the DELETE comes after.
    if (this.starting)
      await Promise.race([
        this.starting,
        new Promise((resolve) => setTimeout(resolve, timeoutMs / 2).unref()),
      ]);
    const name = this.created;
    if (!name) return;
    const why = await deleteClientPod(this.opts.kc, this.opts.namespace, name, timeoutMs);
    this.set({
      cleanup:
        why === undefined
          ? { ok: true, text: `deleted client pod ${name}` }
          : {
              ok: false,
              text: `could not delete client pod ${name}: ${why} — run: ${deleteCommand(this.opts.namespace, name)}`,
            },
    });
  }
}
