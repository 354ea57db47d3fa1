/**
 * `GET /api/v1/namespaces/NS/pods/NAME/log`, answered as a real API server and kubelet answer it: the API
 * server's option decoding, validation and container choice, the kubelet's choice of run (and its refusals), then
 * the run's generated lines sliced by tailLines / sinceSeconds / sinceTime, prefixed with timestamps, cut at
 * limitBytes and, with follow, kept open until the run ends.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pod } from '../../domain/wire.js';
import { sendStatus } from '../http/status.js';
import type { ContainerRun, RuntimeView } from '../runtime.js';
import { chooseContainer } from './container.js';
import { isFailure, sendFailure } from './failure.js';
import { parseLogOptions, type PodLogOptions } from './options.js';
import { linesBefore, linesDue, type LogScript } from './script.js';
import { LogStream, type StopMode } from './stream.js';
import { logScript } from './styles/index.js';
import { logTarget } from './target.js';

/**
 * How many of its latest lines a container's log keeps, like the kubelet's 10 MiB log file: a request without
 * tailLines for a firehose (500,000 lines a second) reads at most this many, not everything since it started.
 */
export const RETAINED_LINES = 100_000;

function containerKey(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

/** The first line index a request reads, given the log as it stands (`due` lines written so far). */
function startIndex(
  script: LogScript,
  run: ContainerRun,
  due: number,
  options: PodLogOptions,
  nowMs: number,
): number {
  let start = Math.max(0, due - RETAINED_LINES);
  // The kubelet seeks to the last tailLines lines first, then skips those older than since.
  if (options.tailLines !== undefined) start = Math.max(start, due - options.tailLines);
  let sinceMs: number | undefined;
  if (options.sinceSeconds !== undefined) sinceMs = nowMs - options.sinceSeconds * 1000;
  // With both (which validation forbids, but the kubelet allows), the later one wins.
  if (options.sinceTime !== undefined && (sinceMs === undefined || options.sinceTime > sinceMs)) {
    sinceMs = options.sinceTime;
  }
  if (sinceMs !== undefined) {
    const sinceUs = Math.ceil(sinceMs * 1000) - Math.round(run.startedAt * 1000);
    start = Math.max(start, linesBefore(script, sinceUs));
  }
  return start;
}

/** Serves pod logs from the simulated kubelet's container runs. */
export class LogService {
  private readonly streams = new Set<LogStream>();
  /** Follow streams by container, for runtime events. */
  private readonly following = new Map<string, Set<LogStream>>();
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly runtime: RuntimeView,
    private readonly now: () => number = Date.now,
  ) {}

  /** Open log responses (followed or still being written). */
  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Answers a log request for `pod` (which the caller has already found; a missing pod is its 404). Errors are
   * Status bodies with the API server's wording; success is `200 text/plain`, chunked. `req` is not read (a GET
   * has no body; the response's `close` tells when the client goes away).
   */
  handle(req: IncomingMessage, res: ServerResponse, pod: Pod, query: URLSearchParams): void {
    if (this.closed) {
      sendStatus(res, 503, 'ServiceUnavailable', 'the server is shutting down');
      return;
    }
    const podName = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? 'default';
    const options = parseLogOptions(query, podName);
    if (isFailure(options)) return sendFailure(res, options);
    const container = chooseContainer(pod, options.container);
    if (isFailure(container)) return sendFailure(res, container);
    if (!pod.spec?.nodeName) {
      // An unscheduled pod has no kubelet to ask: the API server's streamer has no location and answers 204.
      res.writeHead(204);
      res.end();
      return;
    }
    const runs = this.runtime.runs(namespace, podName, container.name);
    const target = logTarget(pod, container.name, options.previous, runs);
    if (isFailure(target)) return sendFailure(res, target);

    const { run } = target;
    const script = logScript(run);
    const nowMs = this.now();
    const due = linesDue(script, run, nowMs);
    const start = startIndex(script, run, due, options, nowMs);
    const key = containerKey(namespace, podName, container.name);
    const stream = new LogStream(
      res,
      run,
      script,
      start,
      {
        follow: options.follow,
        timestamps: options.timestamps,
        ...(options.limitBytes !== undefined ? { limitBytes: options.limitBytes } : {}),
        ...(options.follow ? {} : { until: due }),
      },
      this.now,
      (s) => this.forget(s, key),
    );
    this.streams.add(stream);
    if (options.follow) this.follow(stream, key);
    stream.start();
  }

  /**
   * Drops every open log stream from the server side, for reconnect tests. `abort` (the default) destroys each
   * response's socket mid-stream, as a network failure or an API server restart does: the client sees an error or
   * a truncated chunked body, not a clean end. `end` ends each response cleanly, as when a kubelet or API server
   * closes a follow early (the premature close client-node's source mentions). Returns how many were dropped.
   */
  dropStreams(mode: StopMode = 'abort'): number {
    const all = [...this.streams];
    for (const s of all) s.stop(mode);
    return all.length;
  }

  /** Ends every open stream cleanly and stops listening to the runtime; later requests get 503. */
  close(): void {
    this.closed = true;
    this.dropStreams('end');
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private follow(stream: LogStream, key: string): void {
    let set = this.following.get(key);
    if (!set) {
      set = new Set();
      this.following.set(key, set);
    }
    set.add(stream);
    this.unsubscribe ??= this.runtime.subscribe((run) => this.onRun(run));
  }

  private forget(stream: LogStream, key: string): void {
    this.streams.delete(stream);
    const set = this.following.get(key);
    if (!set) return;
    set.delete(stream);
    if (set.size > 0) return;
    this.following.delete(key);
    // No follow left: stop hearing about every container start and exit in the cluster.
    if (this.following.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }

  private onRun(run: ContainerRun): void {
    const set = this.following.get(containerKey(run.namespace, run.pod, run.container));
    if (!set) return;
    for (const stream of [...set]) {
      const mine = stream.run;
      if (mine.id === run.id) {
        stream.setRun(run);
      } else if (mine.finishedAt === undefined && run.startedAt >= mine.startedAt) {
        // A newer run of the container started, so ours is over even if its finish was not reported (yet).
        const own = this.runtime.runs(run.namespace, run.pod, run.container)?.find((r) => r.id === mine.id);
        stream.setRun(own?.finishedAt !== undefined ? own : { ...mine, finishedAt: run.startedAt });
      }
    }
  }
}
