/**
 * The forward's health check: open a test stream to the pod's port and see whether the runtime could connect.
 * The kubelet dials the container port as the stream opens and writes its error (connection refused…) on the
 * error channel at once, so a stream that opened both channels and stayed quiet for a moment reached the port.
 */
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { oneLine } from '../errors.js';
import { ChannelDecoder, ERROR_CHANNEL, payloadText } from './channelFrames.js';
import type { StreamOpenError } from './openStream.js';
import { openForwardStream, type StreamTarget } from './openStream.js';

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
  let ws;
  try {
    ws = await openForwardStream(kc, target);
  } catch (e) {
    const err = e as StreamOpenError;
    return { ok: false, reason: err.message, ...(err.status !== undefined ? { status: err.status } : {}) };
  }
  const socket = ws;
  return new Promise<CheckResult>((resolve) => {
    const decoder = new ChannelDecoder();
    let errorText = '';
    let quiet: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (result: CheckResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      socket.removeAllListeners('message');
      if (socket.readyState === socket.OPEN) socket.close(1000);
      else socket.terminate();
      resolve(result);
    };
    const deadline = setTimeout(
      () =>
        finish({ ok: false, reason: `the port-forward stream to port ${target.port} did not open in time` }),
      CHECK_TIMEOUT_MS,
    );
    socket.on('message', (data: Buffer | Buffer[], isBinary: boolean) => {
      if (!isBinary) return;
      const frame = decoder.decode(data);
      if (frame?.channel === ERROR_CHANNEL && frame.length > 0) {
        errorText += payloadText(frame);
        // The error text may come in more than one frame: collect until the server closes.
        return;
      }
      if (decoder.opened && !quiet && !errorText) {
        quiet = setTimeout(
          () => finish(errorText.trim() ? { ok: false, reason: oneLine(errorText, 1000) } : { ok: true }),
          QUIET_MS,
        );
      }
    });
    socket.on('error', () => undefined);
    socket.once('close', (code: number) => {
      const reason = errorText.trim()
        ? oneLine(errorText, 1000)
        : `the port-forward stream to port ${target.port} closed at once (WebSocket close ${code})`;
      finish({ ok: false, reason });
    });
  });
}
