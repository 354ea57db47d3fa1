/**
 * A list answered as a Table (what `kubectl get` asks for) written as sendList writes items: its rows a batch at a
 * time, waiting for the client between batches (http/json.ts sendItems). `kubectl get pods -A --chunk-size=0` at
 * 100,000 pods made one Table of 300 MB of text in the demo's memory (2.4 GB RSS at its peak).
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../domain/wire.js';
import { sendItems } from '../http/json.js';
import type { ResourceType } from '../store/resourceTypes.js';
import type { IncludeObject } from './tables.js';
import { inTableVersion, toTable } from './tables.js';

type ListMeta = Parameters<typeof toTable>[4];

export function sendTable(
  res: ServerResponse,
  type: ResourceType,
  objects: KubeObject[],
  now: number,
  include: IncludeObject,
  meta: ListMeta,
  accept: string | undefined,
): void {
  // The Table without rows, its `rows` last: its JSON up to the rows' opening bracket is the head.
  const empty = JSON.stringify(inTableVersion(toTable(type, [], now, include, meta), accept));
  const head = empty.slice(0, empty.length - ']}'.length);
  sendItems(res, head, objects, (batch) =>
    inTableVersion(toTable(type, [...batch], now, include, meta, false), accept)
      .rows.map((r) => JSON.stringify(r))
      .join(','),
  );
}
