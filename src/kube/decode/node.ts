/** A Node as the inside view reads it: its name and `status.nodeInfo` (runtime, OS, kernel, kubelet versions). */
import type { Named, Node } from '../../domain/wire.js';
import { checked, object, optObject, optString, string, topObject, type Subject } from './read.js';

/**
 * The node, checked to have a name and, where present, string versions in `status.nodeInfo`.
 * @param raw a parsed Node
 * @param where the request it came from
 * @throws DecodeError, e.g. `the server sent a node whose status.nodeInfo.containerRuntimeVersion is a number…`
 */
export function decodeNode(raw: unknown, where?: string): Named<Node> {
  const s: Subject = { what: 'a node', where };
  const node = topObject(raw, s);
  string(object(node, 'metadata', s), 'name', s, 'metadata');
  const status = optObject(node, 'status', s);
  const info = status && optObject(status, 'nodeInfo', s, 'status');
  if (info)
    for (const key of ['containerRuntimeVersion', 'osImage', 'kernelVersion', 'kubeletVersion'])
      optString(info, key, s, 'status.nodeInfo');
  return checked<Named<Node>>(node);
}
