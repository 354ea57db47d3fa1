/** YAML lines with token spans → text lines with coloured ranges (theme.syntax kinds). */
import type { YamlLine } from '../../domain/podYaml.js';
import type { Span, TextLine } from '../../domain/textLayout.js';

const KINDS: Record<string, string | undefined> = {
  key: 'key',
  string: 'string',
  number: 'number',
  boolean: 'literal',
  null: 'literal',
  punctuation: 'punctuation',
};

export function yamlTextLines(lines: readonly YamlLine[]): TextLine[] {
  return lines.map((l) => {
    const spans: Span[] = [];
    let at = 0;
    for (const s of l.spans) {
      const kind = KINDS[s.kind];
      if (kind) spans.push({ start: at, end: at + s.text.length, kind });
      at += s.text.length;
    }
    return { text: l.text, spans };
  });
}
