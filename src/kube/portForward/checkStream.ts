/**
 * The forward's health check: open a test stream to the pod's port and see whether the runtime could connect.
 * The kubelet dials the container port as the stream opens and writes its error (connection refused…) on the
 * error channel at once, so a stream that opened both channels and stayed quiet for a moment reached the port.
 */
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { errorMessage, oneLine } from '../errors.js';
import { StreamOpenError } from './openStream.js';
import { openForwardStream, type StreamTarget } from './openStream.js';
import type { StreamSocket } from './streamSocket.js';

/** The result of a check: ok, or the reason (with the HTTP status of a refused upgrade, 404 = pod gone). */
export type CheckResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly status?: number };

/** How long an opened test stream must stay free of errors to count as healthy. */
const QUIET_MS = 300;
/** How long a check may take in all. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * Opens a test stream to `target` and closes it again.
 * @param kc the kubeconfig
 * @param target the pod and port
 */
export async function checkStream(kc: KubeConfigLike, target: StreamTarget): Promise<CheckResult> {
  let stream: StreamSocket;
  try {
    stream = await openForwardStream(kc, target);
  } catch (e) {
    const status = e instanceof StreamOpenError ? e.status : undefined;
    return { ok: false, reason: errorMessage(e), ...(status !== undefined ? { status } : {}) };
  }
  return new Promise<CheckResult>((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (result: CheckResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      stream.close(1000);
      resolve(result);
    };
    const deadline = setTimeout(
      () =>
        finish({ ok: false, reason: `the port-forward stream to port ${target.port} did not open in time` }),
      CHECK_TIMEOUT_MS,
    );
    stream.start({
      // A test stream carries no data; the error text may come in more than one message: it is collected.
      data: () => undefined,
      opened: () => {
        if (quiet || stream.errorText) return;
        quiet = setTimeout(() => {
          const errorText = stream.errorText;
          finish(errorText.trim() ? { ok: false, reason: oneLine(errorText, 1000) } : { ok: true });
        }, QUIET_MS);
      },
      close: (code) => {
        const errorText = stream.errorText;
        const reason = errorText.trim()
          ? oneLine(errorText, 1000)
          : `the port-forward stream to port ${target.port} closed at once (WebSocket close ${code})`;
        finish({ ok: false, reason });
      },
    });
  });
}
