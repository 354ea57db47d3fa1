// The layering rule: which of podscope's own folders (src/<folder>/) a file may import, by where it lives. The
// rule resolves each relative import against the importing file, so `../logs/x.js` from src/demo/api/ (that is
// src/demo/logs/) is told apart from src/logs/, which a pattern on the import text alone cannot do.
// The table of layers is in eslint.config.js; test/lint/layering.test.ts proves it on fixtures in the real paths.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/ of this repository, wherever ESLint is started from. */
const SRC = fileURLToPath(new URL('./src', import.meta.url));

/**
 * Where a path under src/ sits: its folder (`kube`, `ui/views`, or `debugLog` for src/debugLog.ts) and its module
 * path without extension (`logs/logSession`), or undefined outside src/.
 * @param {string} srcRoot absolute path of src/
 * @param {string} file absolute path
 * @param {readonly string[]} nested folders that are layers of their own (`ui/views`)
 */
function placeOf(srcRoot, file, nested) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  const module = parts.join('/').replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  const top = parts.length === 1 ? module : parts[0];
  const two = parts.length > 2 ? `${parts[0]}/${parts[1]}` : undefined;
  return { folder: two && nested.includes(two) ? two : top, top, module };
}

/** Whether an import names only types (`import type`, or every specifier `type X`). */
function typeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
export const layering = {
  meta: {
    type: 'problem',
    docs: {
      description: "Keeps each src/ folder to the folders of ours it may import (README's architecture).",
    },
    schema: [
      {
        type: 'object',
        properties: {
          layers: { type: 'object' },
          allow: { type: 'array', items: { type: 'string' } },
        },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: '{{from}} may not import {{to}}: {{why}}',
      typesOnly: '{{from}} may import only types from {{to}}: {{why}}',
    },
  },
  create(context) {
    const { layers, allow = [] } = context.options[0];
    const srcRoot = SRC;
    const nested = Object.keys(layers).filter((k) => k.includes('/'));
    const here = placeOf(srcRoot, context.filename, nested);
    const layer = here && layers[here.folder];
    if (!layer) return {};

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = placeOf(srcRoot, path.resolve(path.dirname(context.filename), source), nested);
      if (!target || target.top === here.top) return;
      if (allow.some((a) => target.module === a || target.module.startsWith(`${a}/`))) return;
      const data = { from: `src/${here.folder}`, to: `src/${target.module}`, why: layer.why };
      if (layer.only && !layer.only.includes(target.top)) {
        context.report({ node, messageId: 'forbidden', data });
      } else if ((layer.never ?? []).includes(target.top)) {
        context.report({ node, messageId: 'forbidden', data });
      } else if ((layer.typesOnly ?? []).some((m) => target.module === m) && !typeOnly(node)) {
        context.report({ node, messageId: 'typesOnly', data });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
