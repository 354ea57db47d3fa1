/**
 * The contract between the simulated kubelet and the parts that act inside containers (logs, exec, port-forward):
 * each container of each pod has a history of runs, the last one current.
 */
import type { ImageProfile } from './images.js';
import type { LogScript } from './logs/script.js';

/** One run of a container: from start to (maybe) exit. A restart starts a new run. */
export interface ContainerRun {
  /** `containerd://<64 hex>`, as in status.containerStatuses[].containerID. */
  id: string;
  namespace: string;
  pod: string;
  podUid: string;
  container: string;
  image: string;
  profile: ImageProfile;
  /** The container's restartCount when this run started: 0 for the first run. */
  restart: number;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Epoch milliseconds; undefined while running. */
  finishedAt?: number;
  exitCode?: number;
  /** `Completed`, `Error`, `OOMKilled`… when finished. */
  reason?: string;
  /** A number fixed for this run: generated content (logs) derives from it, so it is repeatable. */
  seed: number;
  /**
   * The log of a run whose main process is interactive (mainProcess.ts): what it wrote, as it wrote it, instead
   * of the image's generated log.
   */
  transcript?: LogScript;
}

/** What the kubelet shows of container runs to logs, exec and port-forward. */
export interface RuntimeView {
  /** Runs of a container, oldest first, the current one last; undefined when the pod or container is unknown. */
  runs(namespace: string, pod: string, container: string): readonly ContainerRun[] | undefined;
  /** Called whenever a run starts or finishes, anywhere. Returns the unsubscribe function. */
  subscribe(listener: (run: ContainerRun) => void): () => void;
}
