/**
 * The pods a label selector matches in one namespace, followed live on a `Reflector` (list, then watch; resumed,
 * relisted after 410 and backed off there, as every store does): what a forward following a Service or a
 * workload chooses its pod from. `onChange` is called after the first list and after every change.
 */
import type { Pod } from '../../../domain/wire.js';
import { decodePod } from '../../decode/pod.js';
import type { KubeConfigLike } from '../../plainKubeConfig.js';
import { Reflector } from '../../reflector/reflector.js';
import { wholeList } from '../../reflector/wholeList.js';
import type { ReflectorState } from '../../reflector/state.js';

export class PodSet {
  readonly #pods = new Map<string, Pod>();
  #listed = false;
  #lastError: string | undefined;

  constructor(
    private readonly kc: KubeConfigLike,
    private readonly namespace: string,
    private readonly labelSelector: string,
    private readonly onChange: () => void,
  ) {}

  /** The pods as last seen. */
  pods(): Iterable<Pod> {
    return this.#pods.values();
  }

  /** Whether the first list has come in. */
  get listed(): boolean {
    return this.#listed;
  }

  /** The last failure of the list or watch, while it retries (undefined once live again). */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Follows the pods until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const reflector = new Reflector<Pod>(
      this.kc,
      {
        path: `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods`,
        labelSelector: this.labelSelector,
        decode: (raw) => decodePod(raw),
        action: `list pods in namespace "${this.namespace}"`,
      },
      {
        ...wholeList((pods: readonly Pod[]) => {
          this.#pods.clear();
          for (const p of pods) this.#pods.set(p.metadata?.name ?? '', p);
          this.#listed = true;
          this.onChange();
        }),
        onEvent: (type, pod) => {
          const name = pod.metadata?.name ?? '';
          if (type === 'DELETED') this.#pods.delete(name);
          else this.#pods.set(name, pod);
          this.onChange();
        },
        onState: (state: ReflectorState) => {
          const error =
            state.kind === 'reconnecting'
              ? state.error
              : state.kind === 'failed'
                ? state.failure.message
                : undefined;
          if (error === this.#lastError) return;
          this.#lastError = error;
          this.onChange();
        },
      },
    );
    await reflector.run(signal);
  }
}
