/**
 * One scenario's run on one target: it sends requests and runs kubectl, and records what the scenario chooses to
 * observe, normalised. Scenarios never branch on the target, so both runs record the same labels in the same order.
 */
import type { ApiRequest, ApiResponse } from '../api.js';
import { apiRequest } from '../api.js';
import type { KubectlResult } from '../../support/kubectl.js';
import { normalise, normaliseOutput } from './normalise.js';
import type { Json, Observation } from './observation.js';
import type { Target } from './target.js';
import { responseView } from './views.js';
import type { OpenWatch } from './watchStream.js';
import { openWatch } from './watchStream.js';

export class Session {
  readonly observations: Observation[] = [];
  private readonly watches = new Set<OpenWatch>();

  constructor(
    readonly target: Target,
    /** The scenario's own namespace (created before it runs, deleted after). */
    readonly ns: string,
  ) {}

  /** Records a value, normalised. */
  note(label: string, value: unknown): void {
    this.observations.push({ label, value: normalise(value) });
  }

  /** Sends a request without recording anything (set-up steps). */
  send(r: ApiRequest): Promise<ApiResponse> {
    return apiRequest(this.target.api, r);
  }

  /** Sends a request and records its view (by default: the code, and the Status or the object's identity). */
  async req(
    label: string,
    r: ApiRequest,
    view: (res: ApiResponse) => unknown = responseView,
  ): Promise<ApiResponse | undefined> {
    let res: ApiResponse;
    try {
      res = await this.send({ timeoutMs: 10_000, ...r });
    } catch (e) {
      // No answer (a watch served where a refusal was due, a hang): recorded as such, and the scenario goes on.
      this.note(label, { error: (e as Error).message.replace(/^\S+ \S+: /, '') });
      return undefined;
    }
    this.note(label, view(res));
    return res;
  }

  /** Runs kubectl and records its exit code, stdout and stderr (normalised as output), or what `view` picks. */
  async kubectl(
    label: string,
    args: string[],
    opts: { stdin?: string; view?: (r: KubectlResult) => unknown } = {},
  ): Promise<KubectlResult> {
    const r = await this.target.kubectl.run(args, opts.stdin);
    const value = opts.view
      ? opts.view(r)
      : { code: r.code, stdout: normaliseOutput(r.stdout), stderr: normaliseOutput(r.stderr) };
    this.observations.push({ label, value: normalise(value) as Json });
    return r;
  }

  /** Opens a watch (stopped when the scenario ends). */
  async watch(path: string, accept?: string): Promise<OpenWatch> {
    const w = await openWatch(this.target.api, path, accept);
    this.watches.add(w);
    return w;
  }

  /** Polls until `check` gives a value; throws after `timeoutMs`. */
  async until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    for (const w of this.watches) w.stop();
    this.watches.clear();
  }
}
