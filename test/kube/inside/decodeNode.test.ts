/** The node decoder: a node's runtime versions are read as strings; a malformed one is one readable line. */
import { describe, expect, it } from 'vitest';
import { decodeNode } from '../../../src/kube/decode/node.js';

const WHERE = 'GET /api/v1/nodes/demo-worker';

describe('decodeNode', () => {
  it('returns the node as sent', () => {
    const node = {
      metadata: { name: 'n' },
      status: { nodeInfo: { containerRuntimeVersion: 'containerd://1.7.24' } },
    };
    expect(decodeNode(node, WHERE)).toBe(node);
  });

  it('names a node without a name, and a runtime version that is not a string', () => {
    expect(() => decodeNode({ metadata: {} }, WHERE)).toThrow(
      `the server sent a node without metadata.name (${WHERE})`,
    );
    expect(() =>
      decodeNode({ metadata: { name: 'n' }, status: { nodeInfo: { containerRuntimeVersion: 1 } } }, WHERE),
    ).toThrow(
      `the server sent a node whose status.nodeInfo.containerRuntimeVersion is a number, not a string (${WHERE})`,
    );
  });
});
