/**
 * The list splitter against JSON.parse of the whole body: the same items and the same metadata whatever the chunk
 * boundaries — inside a string, an escape, a multi-byte character, a key — and a body cut short is an error.
 */
import { describe, expect, it } from 'vitest';
import { ListItemsSplitter } from '../../src/kube/listItemsSplitter.js';

const list = {
  kind: 'PodList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '1234', continue: 'abc' },
  items: [
    {
      metadata: { name: 'a', annotations: { 'x/y': '{"items":[1,2]} \\" \u00e9\u4e2d ]}' } },
      spec: { c: [[], {}] },
    },
    { metadata: { name: 'b\\', labels: { q: '"' } }, status: { phase: 'Running' } },
    { metadata: { name: 'c' }, emoji: '\u{1f600}', nested: { items: [{ a: 1 }] } },
  ],
};

/** Splits `text` at the given byte offsets and collects what the splitter says. */
function split(text: string, cuts: number[]): { items: unknown[]; rest: unknown } {
  const bytes = Buffer.from(text, 'utf8');
  const s = new ListItemsSplitter();
  const items: unknown[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    items.push(...s.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return { items, rest: s.end() };
}

describe('ListItemsSplitter', () => {
  for (const [name, text] of [
    ['compact', JSON.stringify(list)],
    ['indented', JSON.stringify(list, null, 2)],
    [
      'metadata after the items',
      JSON.stringify({ kind: 'PodList', items: list.items, metadata: list.metadata }),
    ],
  ] as const) {
    it(`gives the items and the rest of a ${name} body, cut at every byte and in two at every place`, () => {
      const parsed = JSON.parse(text) as typeof list;
      const want = { items: parsed.items, rest: { ...parsed, items: [] } };
      const n = Buffer.byteLength(text);
      expect(split(text, [])).toEqual(want);
      expect(
        split(
          text,
          Array.from({ length: n - 1 }, (_, i) => i + 1),
        ),
      ).toEqual(want);
      for (let cut = 1; cut < n; cut++) expect(split(text, [cut])).toEqual(want);
    });
  }

  it('takes an empty or null items', () => {
    expect(split('{"kind":"PodList","items":[]}', [])).toEqual({
      items: [],
      rest: { kind: 'PodList', items: [] },
    });
    expect(split('{"kind":"PodList","items":null}', [])).toEqual({
      items: [],
      rest: { kind: 'PodList', items: null },
    });
  });

  it('refuses a body cut short, and a malformed item', () => {
    const text = JSON.stringify(list);
    expect(() => split(text.slice(0, -3), [])).toThrow(/ended before/);
    expect(() => split('{"items":[{"a":}]}', [])).toThrow(SyntaxError);
  });
});
