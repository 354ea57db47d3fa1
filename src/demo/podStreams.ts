// TEMPORARY scaffold until log/exec/port-forward modules land.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Pod } from '../domain/wire.js';
import type { Cluster } from './cluster.js';
import { sendStatus } from './http/status.js';

export class PodStreams {
  constructor(readonly cluster: Cluster) {}
  log(_req: IncomingMessage, res: ServerResponse, _pod: Pod, _q: URLSearchParams): void {
    sendStatus(res, 404, 'NotFound', 'not yet');
  }
  upgrade(_k: string, _req: IncomingMessage, _s: Duplex, _h: Buffer, _p: Pod, _q: URLSearchParams, refuse: (c: number, b: object) => void): void {
    refuse(404, {});
  }
  dropLogStreams(): number {
    return 0;
  }
  close(): void {}
}
