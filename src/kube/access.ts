/**
 * What the user may do, asked of the API server with SelfSubjectAccessReview (authorization.k8s.io/v1, POST
 * /apis/authorization.k8s.io/v1/selfsubjectaccessreviews) — the request `kubectl auth can-i` makes. Each
 * namespace + verb + resource is asked once and the answer kept while podscope runs on this kubeconfig (a new
 * context is a new store). Kept outside React and read with `useSyncExternalStore`, like the other stores.
 *
 * An answer is `allowed`, `denied` or `unknown` (not asked yet, on its way, or the review itself failed). Callers
 * treat `unknown` as allowed: the server's 403, if any, is then the answer.
 */
import { decodeAccessReview, type ReviewStatus } from './decode/accessReview.js';
import { describeFailure } from './errors.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { requestJson, serverUrl } from './request.js';

/** What is asked: `create pods/exec in frontend`. An undefined namespace asks at the cluster scope. */
export interface AccessAttributes {
  readonly verb: string;
  readonly resource: string;
  readonly subresource?: string;
  /** The API group; "" (core) when unset. */
  readonly group?: string;
  readonly namespace?: string | undefined;
}

export type AccessVerdict = 'allowed' | 'denied' | 'unknown';

export interface AccessAnswer {
  readonly verdict: AccessVerdict;
  /** The authorizer's reason (`status.reason`), or why the review failed. */
  readonly reason?: string;
}

/** Published on every change: the answers so far, by `accessKey`. */
export interface AccessSnapshot {
  readonly version: number;
  readonly answers: ReadonlyMap<string, AccessAnswer>;
}

const REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const UNKNOWN: AccessAnswer = { verdict: 'unknown' };

/** `create pods/exec`: the words the user sees (kubectl auth can-i's spelling). */
export function accessWords(a: AccessAttributes): string {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return `${a.verb} ${a.group ? `${resource}.${a.group}` : resource}`;
}

/** `not allowed: create pods/exec in frontend` (or `at the cluster scope`): the one line a denied action shows. */
export function notAllowedText(a: AccessAttributes): string {
  return `not allowed: ${accessWords(a)} ${a.namespace ? `in ${a.namespace}` : 'at the cluster scope'}`;
}

/** The cache key of a question. */
export function accessKey(a: AccessAttributes): string {
  return [a.namespace ?? '', a.verb, a.group ?? '', a.resource, a.subresource ?? ''].join('\0');
}

/** The SelfSubjectAccessReview to POST for a question. */
export function reviewBody(a: AccessAttributes): unknown {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: a.verb,
        group: a.group ?? '',
        resource: a.resource,
        ...(a.subresource ? { subresource: a.subresource } : {}),
        ...(a.namespace ? { namespace: a.namespace } : {}),
      },
    },
  };
}

/** The answer in a review's `status`: `allowed`, else `denied` only when the authorizer said so. */
export function readReview(status: ReviewStatus): AccessAnswer {
  const reason = status.reason ? { reason: status.reason } : {};
  if (status.allowed === true) return { verdict: 'allowed', ...reason };
  // `allowed: false` without `denied` means "no opinion" from every authorizer: the request would get 403.
  if (status.allowed === false) return { verdict: 'denied', ...reason };
  return { verdict: 'unknown', reason: 'the server sent no review status' };
}

/** The user's rights on one kubeconfig (its current context), asked once per question. */
export class AccessStore {
  private readonly answers = new Map<string, AccessAnswer>();
  private readonly inFlight = new Map<string, Promise<AccessAnswer>>();
  private readonly listeners = new Set<() => void>();
  private snapshot: AccessSnapshot = { version: 0, answers: new Map() };
  private readonly abort = new AbortController();
  private readonly counters = { reviews: 0 };

  constructor(private readonly kc: KubeConfigLike) {}

  /** Nothing to start: questions are asked on demand. */
  start(): void {}

  /** Aborts the reviews in flight; no listener is called afterwards. */
  stop(): void {
    this.abort.abort();
    this.listeners.clear();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): AccessSnapshot => this.snapshot;

  /** Reviews POSTed so far (each question once). */
  stats(): { reviews: number } {
    return { ...this.counters };
  }

  /** The answer known now, without asking. */
  peek(a: AccessAttributes): AccessAnswer {
    return this.answers.get(accessKey(a)) ?? UNKNOWN;
  }

  /** Asks the questions not asked yet; answers arrive as snapshots. */
  prefetch(questions: readonly AccessAttributes[]): void {
    for (const q of questions) void this.ask(q);
  }

  /**
   * The answer to a question: the cached one, the one on its way, or a new review. Never rejects: a failed
   * review is `unknown` with the failure as its reason, and is not asked again on this kubeconfig.
   */
  ask(a: AccessAttributes): Promise<AccessAnswer> {
    const key = accessKey(a);
    const known = this.answers.get(key);
    if (known) return Promise.resolve(known);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    this.counters.reviews++;
    const p = requestJson(this.kc, 'POST', REVIEWS, {
      body: reviewBody(a),
      signal: this.abort.signal,
      timeoutMs: 10_000,
    })
      // A malformed review is a failed review too: `unknown`, with the decoder's sentence as its reason.
      .then((body) => readReview(decodeAccessReview(body, `POST ${REVIEWS}`)))
      .catch((e: unknown): AccessAnswer => ({
        verdict: 'unknown',
        reason: describeFailure(e, serverUrl(this.kc), 'create selfsubjectaccessreviews').message,
      }));
    this.inFlight.set(key, p);
    void p.then((answer) => {
      this.inFlight.delete(key);
      if (this.abort.signal.aborted) return;
      this.answers.set(key, answer);
      this.publish();
    });
    return p;
  }

  private publish(): void {
    this.snapshot = { version: this.snapshot.version + 1, answers: new Map(this.answers) };
    for (const l of [...this.listeners]) l();
  }
}
