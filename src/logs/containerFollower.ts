/**
 * Following one container's log as `kubectl logs -f` does, and further: the pod is read first (which container
 * ID the kubelet will serve, or why there is none yet); a stream that ends while the container still runs is
 * reopened with back-off from `sinceTime` = the last line's time, its overlap dropped (see OverlapFilter) and a
 * gap marker left; when the container restarts, the rest of the old run is read (`previous` from the last line)
 * and a restart marker precedes the new run's log; before the container first starts the state is
 * `waiting: <reason>` and the pod is polled until it does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';
import type { Pod } from '../domain/wire.js';
import { describeFailure, KubeHttpError } from '../kube/errors.js';
import { getJson, serverUrl } from '../kube/request.js';
import { retryPlan, throttledMessage } from '../kube/retryPolicy.js';
import { containerStatus } from '../domain/containerChoice.js';
import { containerPhase, finishedForGood, previousUnavailable, runId } from './containerPhase.js';
import type { FollowState } from './followState.js';
import { LineDecoder } from './lineDecoder.js';
import type { LineKind } from './logLine.js';
import { openLogStream, type LogQuery } from './logRequest.js';
import { OverlapFilter } from './overlap.js';
import { sinceQuery, type SinceOption } from './sinceOption.js';
import { sinceTimeParam, splitTimestamp } from './timestamp.js';

/** Where a follower delivers what it reads. */
export interface FollowSink {
  /** A line the container wrote (repeats already dropped). */
  line(container: string, time: string, text: string): void;
  /** A marker line of podscope's. */
  marker(container: string, kind: Exclude<LineKind, 'line'>, text: string): void;
  /**
   * A chunk of the stream has been delivered: a good moment to publish. `newest` is the time of the stream's
   * newest line when the chunk brought lines ('' if they had none), undefined when it brought none.
   */
  flush(container: string, newest: string | undefined): void;
  /** The follower's state changed. */
  state(container: string, state: FollowState): void;
}

export interface FollowOptions {
  namespace: string;
  pod: string;
  container: string;
  /** Where the first stream starts (default: all). */
  since?: SinceOption;
  /** Read the previous (terminated) run once instead of following. */
  previous?: boolean;
  /** How often to look at the pod while waiting for the container to start (1 s). */
  pollMs?: number;
  /**
   * The name the sink is told the lines come from (default: the container). A workload's logs follow many pods'
   * containers in one session, so their streams are named `pod/container`.
   */
  key?: string;
}

/** Counters for the session's status line and the tests. */
export interface FollowCounters {
  /** Lines delivered. */
  lines: number;
  /** Lines a resumed stream repeated, dropped. */
  duplicates: number;
  /** Streams reopened for the same container after an interruption. */
  reconnects: number;
  /** Restarts of the container seen while following. */
  restarts: number;
}

type StreamEnd =
  { kind: 'end' | 'cut'; error?: unknown } | { kind: 'failed'; error: unknown } | { kind: 'aborted' };

/** A kubelet refusal that means "not started yet", worded as in pkg/kubelet/kubelet_pods.go. */
const WAITING_TO_START = /is waiting to start(?:: (.+)| - no logs yet)?$/;

function hhmmss(time: string): string {
  return time ? time.slice(11, 23) : '?';
}

export class ContainerFollower {
  readonly counters: FollowCounters = { lines: 0, duplicates: 0, reconnects: 0, restarts: 0 };
  private readonly overlap = new OverlapFilter();
  private readonly server: string;
  private readonly name: string;
  /** What the sink calls this stream (see FollowOptions.key). */
  private readonly key: string;
  private current: FollowState = { kind: 'connecting' };
  private abort: AbortController | undefined;
  /** Ends the pause in progress, if any (see `wake`). */
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: FollowOptions,
    private readonly sink: FollowSink,
  ) {
    this.server = serverUrl(kc);
    this.name = opts.container;
    this.key = opts.key ?? opts.container;
  }

  get state(): FollowState {
    return this.current;
  }

  /** Starts following; resolves when it has ended (or was stopped). Never rejects. */
  start(): Promise<void> {
    if (this.abort) throw new Error('a follower starts once');
    const abort = new AbortController();
    this.abort = abort;
    const run = this.opts.previous ? this.readPrevious(abort.signal) : this.follow(abort.signal);
    return run.catch((e: unknown) => {
      if (!abort.signal.aborted)
        this.setState({ kind: 'ended', reason: describeFailure(e, this.server).message });
    });
  }

  /** Stops: the stream in flight is destroyed; nothing is delivered afterwards. */
  stop(): void {
    this.abort?.abort();
  }

  private setState(state: FollowState): void {
    this.current = state;
    this.sink.state(this.key, state);
  }

  private async readPod(signal: AbortSignal): Promise<Pod> {
    const path = `/api/v1/namespaces/${encodeURIComponent(this.opts.namespace)}/pods/${encodeURIComponent(this.opts.pod)}`;
    return (await getJson(this.kc, path, { signal, timeoutMs: 15_000 })) as Pod;
  }

  private async readPrevious(signal: AbortSignal): Promise<void> {
    const pod = await this.readPod(signal);
    const why = previousUnavailable(pod, this.name);
    if (why) return this.setState({ kind: 'ended', reason: why });
    const end = await this.stream(
      {
        container: this.name,
        follow: false,
        previous: true,
        ...sinceQuery(this.opts.since ?? { kind: 'all' }),
      },
      signal,
    );
    if (end.kind === 'aborted') return;
    if (end.kind === 'end') return this.setState({ kind: 'ended', reason: 'end of the previous run’s log' });
    this.setState({ kind: 'ended', reason: describeFailure(end.error, this.server).message });
  }

  private async follow(signal: AbortSignal): Promise<void> {
    /** The container ID whose log is being (or has been) read. */
    let readId: string | undefined;
    let failures = 0;
    let interrupted: string | undefined;
    while (!signal.aborted) {
      let pod: Pod;
      try {
        pod = await this.readPod(signal);
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof KubeHttpError && e.status === 404) {
          return this.setState({
            kind: 'ended',
            reason: `pod ${this.opts.pod} ${readId ? 'was deleted' : 'not found'}`,
          });
        }
        if (!(await this.backoff(e, ++failures, signal))) return;
        continue;
      }
      const phase = containerPhase(pod, this.name);
      if (phase.kind === 'absent') {
        return this.setState({ kind: 'ended', reason: `pod ${this.opts.pod} has no container ${this.name}` });
      }
      if (phase.kind === 'waiting') {
        this.setState({ kind: 'waiting', reason: phase.reason });
        if (!(await this.pause(this.opts.pollMs ?? 1000, signal))) return;
        continue;
      }
      if (readId === phase.containerId && !phase.running) {
        // All of this run has been read: it ended for good, or the next run has not started yet.
        if (finishedForGood(pod, this.name)) {
          return this.setState({
            kind: 'ended',
            reason: `container ${this.name} exited: ${phase.exited ?? 'terminated'}`,
          });
        }
        const waiting = containerStatus(pod, this.name)?.state?.waiting?.reason ?? 'restarting';
        this.setState({ kind: 'waiting', reason: waiting });
        if (!(await this.pause(this.opts.pollMs ?? 1000, signal))) return;
        continue;
      }

      let query: LogQuery;
      if (readId === undefined) {
        query = { container: this.name, follow: true, ...sinceQuery(this.opts.since ?? { kind: 'all' }) };
      } else if (readId === phase.containerId) {
        query = this.resumeQuery();
        this.counters.reconnects++;
      } else {
        await this.finishOldRun(pod, readId, signal);
        if (signal.aborted) return;
        this.counters.restarts++;
        this.sink.marker(
          this.key,
          'restart',
          `── container ${this.name} restarted (restart ${phase.restartCount}${phase.exited && !phase.running ? `, ${phase.exited}` : ''}) ──`,
        );
        query = { container: this.name, follow: true };
        interrupted = undefined;
      }
      if (this.current.kind !== 'reconnecting') this.setState({ kind: 'connecting' });
      const first = readId === undefined;
      readId = phase.containerId;
      const startedAt = performance.now();
      const linesBefore = this.counters.lines;
      const end = await this.stream(query, signal, () => {
        if (interrupted !== undefined) {
          this.sink.marker(
            this.key,
            'gap',
            `⋯ ${interrupted}; reconnected, resuming after ${hhmmss(this.overlap.last)} ⋯`,
          );
          interrupted = undefined;
        }
        this.setState({ kind: 'streaming' });
      });
      if (end.kind === 'aborted') return;
      const healthy = this.counters.lines > linesBefore || performance.now() - startedAt > 5000;
      if (healthy) failures = 0;
      if (end.kind === 'failed') {
        // The first request never got going: the next one still starts where the user asked.
        if (first) readId = undefined;
        const waiting = this.waitingReason(end.error);
        if (waiting !== undefined) {
          this.setState({ kind: 'waiting', reason: waiting });
          if (!(await this.pause(this.opts.pollMs ?? 1000, signal))) return;
          continue;
        }
        if (!(await this.backoff(end.error, ++failures, signal))) return;
        continue;
      }
      if (!phase.running) continue; // a finished run read to its end: the pod says what comes next
      interrupted =
        end.kind === 'cut'
          ? `connection lost (${describeFailure(end.error, this.server).message})`
          : 'the server closed the stream';
      // A stream cut once is retried at once; one that keeps ending quickly backs off.
      if (healthy) this.setState({ kind: 'reconnecting', attempt: 1, retryInMs: 0, error: interrupted });
      else if (!(await this.backoff(new Error(interrupted), ++failures, signal))) return;
    }
  }

  /** The query that resumes the current run after its last line. */
  private resumeQuery(): LogQuery {
    this.overlap.resume();
    const last = this.overlap.last;
    if (last) return { container: this.name, follow: true, sinceTime: sinceTimeParam(last) };
    return { container: this.name, follow: true, ...sinceQuery(this.opts.since ?? { kind: 'all' }) };
  }

  /** Reads what the old run wrote after the last line seen (it may have been cut off before its end). */
  private async finishOldRun(pod: Pod, readId: string, signal: AbortSignal): Promise<void> {
    const terminated = containerStatus(pod, this.name)?.lastState?.terminated;
    const last = terminated ? runId(this.name, terminated.containerID, terminated.startedAt) : undefined;
    if (last !== readId || !this.overlap.last) return;
    this.overlap.resume();
    await this.stream(
      { container: this.name, follow: false, previous: true, sinceTime: sinceTimeParam(this.overlap.last) },
      signal,
    );
  }

  /** The reason in a kubelet "waiting to start" refusal, or for a 204 (no node yet): Pending. */
  private waitingReason(error: unknown): string | undefined {
    if (!(error instanceof KubeHttpError)) return undefined;
    if (error.status === 204) return 'Pending';
    if (error.status !== 400) return undefined;
    const m = WAITING_TO_START.exec(error.statusMessage);
    return m ? (m[1] ?? 'ContainerCreating') : undefined;
  }

  /** Reconnecting state and a back-off sleep; false when the failure is final (state ended) or stopped. */
  private async backoff(error: unknown, attempt: number, signal: AbortSignal): Promise<boolean> {
    const f = describeFailure(error, this.server);
    if (f.kind === 'unauthorized' || f.kind === 'forbidden' || f.kind === 'bad-request') {
      this.setState({ kind: 'ended', reason: f.message });
      return false;
    }
    // The one retry policy (src/kube/retryPolicy.ts): a throttled server's Retry-After is honoured here too.
    const plan = retryPlan(error, attempt);
    const message = plan.throttled ? throttledMessage(plan.delayMs) : f.message;
    this.setState({ kind: 'reconnecting', attempt, retryInMs: plan.delayMs, error: message });
    return this.pause(plan.delayMs, signal);
  }

  private async pause(ms: number, signal: AbortSignal): Promise<boolean> {
    const woken = new AbortController();
    this.wakeUp = () => woken.abort();
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any([signal, woken.signal]) });
      return true;
    } catch {
      return !signal.aborted;
    } finally {
      this.wakeUp = undefined;
    }
  }

  /**
   * Ends a wait for the container to start at once (not a back-off, which keeps its pace): the caller saw the
   * pod change (a workload's pod watch), so the pod is read now rather than at the next poll. Lines of a container
   * that has just started then reach the merge before newer lines of the other streams are released.
   */
  wake(): void {
    if (this.current.kind === 'waiting') this.wakeUp?.();
  }

  /** One request: lines go to the sink as they arrive. */
  private async stream(query: LogQuery, signal: AbortSignal, onOpen?: () => void): Promise<StreamEnd> {
    let res: IncomingMessage;
    try {
      res = await openLogStream(this.kc, this.opts.namespace, this.opts.pod, query, signal);
    } catch (error) {
      return signal.aborted ? { kind: 'aborted' } : { kind: 'failed', error };
    }
    onOpen?.();
    return this.read(res, signal);
  }

  private read(res: IncomingMessage, signal: AbortSignal): Promise<StreamEnd> {
    const decoder = new LineDecoder((line) => this.onLine(line));
    return new Promise((resolve) => {
      let error: unknown;
      const onAbort = (): void => {
        res.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      res.on('data', (chunk: Buffer) => {
        if (signal.aborted) return;
        const before = this.counters.lines;
        decoder.push(chunk);
        this.flushed(before);
      });
      res.on('error', (e) => {
        error = e;
      });
      res.on('close', () => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return resolve({ kind: 'aborted' });
        if (res.complete) {
          const before = this.counters.lines;
          decoder.end();
          this.flushed(before);
          return resolve({ kind: 'end' });
        }
        // A cut mid-line: the partial line is read again from sinceTime.
        decoder.discard();
        resolve({ kind: 'cut', error: error ?? new Error('connection closed') });
      });
    });
  }

  /** Tells the sink a chunk was delivered, with the newest time if it brought lines (once per chunk, not line). */
  private flushed(linesBefore: number): void {
    this.sink.flush(this.key, this.counters.lines > linesBefore ? this.overlap.last : undefined);
  }

  private onLine(line: string): void {
    const { time, text } = splitTimestamp(line);
    if (this.overlap.isRepeat(time, text)) {
      this.counters.duplicates++;
      return;
    }
    this.overlap.accept(time, text);
    this.counters.lines++;
    this.sink.line(this.key, time, text);
  }
}
