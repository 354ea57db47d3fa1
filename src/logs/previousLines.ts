/**
 * The last lines of a container's previous instance: `GET …/log?previous=true&container=C&tailLines=N`, what
 * `kubectl logs --previous --tail=N` prints. The kubelet keeps only the instance before the running one, so the
 * restart history asks at once, when a restart is seen; after the next restart these lines are gone for good.
 */
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';
import { errorMessage } from '../kube/errors.js';
import { readBody } from '../kube/request.js';
import { openLogStream } from './logRequest.js';
import { sanitizeLine } from './sanitize.js';
import { splitTimestamp } from './timestamp.js';

/** What the server gave: the lines (timestamps split off, escape sequences removed), or why none. */
export type PreviousLines =
  | { readonly kind: 'lines'; readonly lines: readonly string[]; readonly bytes: number }
  | { readonly kind: 'failed'; readonly error: string };

export interface PreviousLinesRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly tailLines: number;
  /** The server stops after this many bytes (timestamps included): one instance's cost is bounded. */
  readonly limitBytes: number;
  readonly signal: AbortSignal;
}

/** Fetches the previous instance's last lines; never rejects. */
export async function fetchPreviousLines(
  kc: KubeConfigLike,
  req: PreviousLinesRequest,
): Promise<PreviousLines> {
  try {
    const res = await openLogStream(
      kc,
      req.namespace,
      req.pod,
      {
        container: req.container,
        follow: false,
        previous: true,
        tailLines: req.tailLines,
        limitBytes: req.limitBytes,
      },
      req.signal,
    );
    const body = await readBody(res);
    const raw = body.endsWith('\n') ? body.slice(0, -1) : body;
    // Timestamps are always asked for (openLogStream); kubectl without --timestamps shows the text alone.
    const lines =
      raw === '' ? [] : raw.split('\n').map((l) => sanitizeLine(splitTimestamp(l).text, { colors: false }));
    return { kind: 'lines', lines, bytes: Buffer.byteLength(body) };
  } catch (e) {
    return { kind: 'failed', error: errorMessage(e) };
  }
}
