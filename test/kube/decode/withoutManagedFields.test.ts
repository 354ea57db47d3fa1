/**
 * Cutting managedFields out of a pod's JSON text before parsing: on real-world pods (test/fixtures/pods/real-world,
 * sources in its README) encoded as a server sends them, the result parses to the same pod without
 * metadata.managedFields — nothing else lost or changed — and on text of any other shape it changes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutManagedFields } from '../../../src/kube/decode/withoutManagedFields.js';

const DIR = new URL('../../fixtures/pods/real-world/', import.meta.url);
const pods = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    // Some files hold the pod beside its source ({source, pod}).
    const data = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Record<string, unknown>;
    return { name: f, pod: (data['pod'] ?? data) as Record<string, unknown> };
  });

/** The pod as the parse of the cut text should give it. */
function withoutField(pod: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(pod);
  const meta = copy['metadata'] as Record<string, unknown>;
  delete meta['managedFields'];
  return copy;
}

describe('withoutManagedFields', () => {
  const withFields = pods.filter(({ pod }) => 'managedFields' in (pod['metadata'] as object));

  it('has real-world pods with managedFields to check', () => {
    expect(withFields.length).toBeGreaterThanOrEqual(10);
  });

  it('leaves every real-world pod whole but for managedFields, in a watch event line', () => {
    for (const { name, pod } of pods) {
      const line = JSON.stringify({ type: 'ADDED', object: pod });
      const cut = withoutManagedFields(line);
      expect(JSON.parse(cut), name).toEqual({ type: 'ADDED', object: withoutField(pod) });
    }
  });

  it('makes the text of a pod with managedFields shorter by their encoding', () => {
    for (const { name, pod } of withFields) {
      const text = JSON.stringify(pod);
      const fields = JSON.stringify((pod['metadata'] as Record<string, unknown>)['managedFields']);
      expect(withoutManagedFields(text).length, name).toBe(
        text.length - fields.length - ',"managedFields":'.length,
      );
    }
  });

  it('cuts the member wherever it stands in metadata, with one comma', () => {
    const first = '{"metadata":{"managedFields":[{"manager":"m"}],"name":"a"}}';
    expect(withoutManagedFields(first)).toBe('{"metadata":{"name":"a"}}');
    const only = '{"metadata":{"managedFields":[]},"spec":{}}';
    expect(withoutManagedFields(only)).toBe('{"metadata":{},"spec":{}}');
    const last = '{"metadata":{"name":"a","managedFields":[{}]},"spec":{}}';
    expect(withoutManagedFields(last)).toBe('{"metadata":{"name":"a"},"spec":{}}');
  });

  it('follows strings: brackets, braces and escaped quotes inside them do not end the value', () => {
    const fieldsV1 = { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {} } } }, 'f:x]}': {} };
    const text = JSON.stringify({
      metadata: {
        name: 'a',
        managedFields: [{ manager: 'q"]}', operation: 'ends in a backslash \\', fieldsV1 }],
        uid: 'u',
      },
    });
    expect(JSON.parse(withoutManagedFields(text))).toEqual({ metadata: { name: 'a', uid: 'u' } });
  });

  it('does not take the key inside a string (an annotation quoting JSON) for the member', () => {
    const text = JSON.stringify({
      metadata: {
        annotations: { last: '{"metadata":{"managedFields":[{"x":1}]}}' },
        managedFields: [{ manager: 'kubelet' }],
      },
    });
    expect(JSON.parse(withoutManagedFields(text))).toEqual({
      metadata: { annotations: { last: '{"metadata":{"managedFields":[{"x":1}]}}' } },
    });
  });

  it('changes nothing it cannot be sure of', () => {
    const none = '{"metadata":{"name":"a"}}';
    expect(withoutManagedFields(none)).toBe(none);
    const pretty = JSON.stringify({ metadata: { managedFields: [{}] } }, null, 2);
    expect(withoutManagedFields(pretty)).toBe(pretty);
    const unterminated = '{"metadata":{"managedFields":[{"manager":"m"';
    expect(withoutManagedFields(unterminated)).toBe(unterminated);
    const notAList = '{"metadata":{"managedFields":null}}';
    expect(withoutManagedFields(notAList)).toBe(notAList);
  });
});
