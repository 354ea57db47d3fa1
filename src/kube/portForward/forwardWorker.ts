/**
 * The port-forward worker thread (issue 17): the single-pod forwards run here, listener, streams, TLS, WebSocket
 * framing and local writes included, so the dashboard's thread (rendering, the pod list's decoding) no longer
 * takes turns with their bytes. It is an ordinary {@link PortForwardRegistry}: every guarantee of a forward (named
 * errors, counters, close codes, the error channel, the pod watch) is the same code as on the main thread.
 * workerRegistry.ts starts it and speaks to it (workerMessages.ts); it sends its forwards each time its registry
 * publishes, and answers each question with a reply of the same `seq`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { PlainKubeConfig } from '../plainKubeConfig.js';
import { PortForwardRegistry } from './registry.js';
import { readToWorker, readWorkerInit, type FromWorker, type ToWorker } from './workerMessages.js';

const init = readWorkerInit(workerData);
const port = parentPort;
if (!port || !init) throw new Error('forwardWorker.js runs only as the port-forward worker thread');

const registry = new PortForwardRegistry(new PlainKubeConfig(init.kubeconfig), { flushMs: init.flushMs });
const send = (m: FromWorker): void => port.postMessage(m);
registry.subscribe(() => send({ kind: 'snapshot', forwards: registry.getSnapshot().forwards }));

async function answer(q: ToWorker): Promise<void> {
  try {
    if (q.op === 'start') send({ kind: 'reply', seq: q.seq, info: await registry.start(q.request) });
    else if (q.op === 'stop') send({ kind: 'reply', seq: q.seq, stopped: await registry.stop(q.id) });
    else {
      await registry.close();
      send({ kind: 'reply', seq: q.seq });
    }
  } catch (e) {
    send({ kind: 'reply', seq: q.seq, error: errorMessage(e) });
  }
}

port.on('message', (m: unknown) => {
  const q = readToWorker(m);
  if (q) void answer(q);
});
