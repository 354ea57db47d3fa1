/**
 * The layering the README states, as ESLint enforces it: small fixtures linted as if they lived in the real
 * folders (lintText with a filePath under src/), each forbidden import reported with the rule's reason and each
 * allowed one not. Fixtures under src/kube/ borrow the path of a real file there: that folder is linted with
 * types, which needs a file of the TypeScript project.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layering problems ESLint reports for `code` placed at `file` (relative to the repository). */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  // A fixture ESLint could not parse (src/kube/ is linted with types, so a path outside the TypeScript project
  // fails to parse) reports nothing of the rule: fail instead of passing or failing for the wrong reason.
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'podscope/layering').map((m) => m.message);
}

/** One import line, with a use so that the fixture is otherwise clean. */
function importing(source: string, kind: 'value' | 'type' = 'value'): string {
  return kind === 'type'
    ? `import type { X } from '${source}';\nexport type Y = X;\n`
    : `import { x } from '${source}';\nexport const y = x;\n`;
}

// [the fixture's path, the import, the start of the message]
// prettier-ignore
const forbidden: [file: string, source: string, message: string][] = [
  ['src/kube/namespaceCheck.ts', '../ui/App.js', 'src/kube may not import src/ui/App: kube/ is the cluster boundary'],
  ['src/kube/namespaceCheck.ts', '../state/uiState.js', 'src/kube may not import src/state/uiState'],
  ['src/kube/namespaceCheck.ts', '../demo/server.js', 'src/kube may not import src/demo/server'],
  ['src/kube/shell/openShell.ts', '../../ui/actions.js', 'src/kube may not import src/ui/actions'],
  ['src/domain/fixture.ts', '../kube/podStore.js', 'src/domain may not import src/kube/podStore: domain/ is pure'],
  ['src/domain/fixture.ts', '../logs/logLine.js', 'src/domain may not import src/logs/logLine'],
  ['src/domain/describe/fixture.ts', '../../kube/stringIntern.js', 'src/domain may not import src/kube/stringIntern'],
  ['src/domain/fixture.ts', '../debugLog.js', 'src/domain may not import src/debugLog'],
  ['src/ui/views/fixture.tsx', '../../kube/podDetail.js', 'src/ui/views may not import src/kube/podDetail: views and components draw and dispatch'],
  ['src/ui/components/fixture.tsx', '../../kube/portForward/index.js', 'src/ui/components may not import src/kube/portForward/index'],
  ['src/ui/views/fixture.tsx', '../../terminal/shellHandoff.js', 'src/ui/views may not import src/terminal/shellHandoff'],
  ['src/ui/views/fixture.tsx', '../../logs/logSession.js', 'src/ui/views may import only types from src/logs/logSession'],
  ['src/demo/fixture.ts', '../ui/App.js', 'src/demo may not import src/ui/App: the demo cluster shares only domain/'],
  ['src/demo/fixture.ts', '../state/views.js', 'src/demo may not import src/state/views'],
  ['src/demo/fixture.ts', '../keymap/bindings.js', 'src/demo may not import src/keymap/bindings'],
  ['src/demo/api/fixture.ts', '../../cli/main.js', 'src/demo may not import src/cli/main'],
  ['src/state/fixture.ts', '../kube/podStore.js', 'src/state may not import src/kube/podStore: the UI state is a pure reducer'],
  ['src/logs/fixture.ts', '../ui/App.js', 'src/logs may not import src/ui/App'],
  ['src/ui/fixture.ts', '../demo/cluster.js', 'src/ui may not import src/demo/cluster'],
];

// prettier-ignore
const allowed: [file: string, source: string, kind?: 'type'][] = [
  ['src/kube/namespaceCheck.ts', '../domain/wire.js'],
  ['src/kube/namespaceCheck.ts', './podStore.js'],
  ['src/domain/describe/fixture.ts', '../podStatus.js'],
  ['src/domain/fixture.ts', 'wrap-ansi'],
  // src/demo/logs/, not src/logs/: imports are resolved, not matched as text.
  ['src/demo/api/fixture.ts', '../logs/service.js'],
  ['src/demo/api/fixture.ts', '../../domain/podStatus.js'],
  ['src/ui/hooks/fixture.ts', '../../kube/podDetail.js'],
  ['src/ui/fixture.ts', '../kube/podStore.js'],
  ['src/ui/views/fixture.tsx', '../hooks/usePodInspect.js'],
  ['src/ui/views/fixture.tsx', '../../logs/matcher.js'],
  ['src/ui/views/fixture.tsx', '../../logs/logSession.js', 'type'],
  ['src/logs/fixture.ts', '../kube/request.js'],
  ['src/cli/fixture.ts', '../demo/cluster.js'],
];

describe('layering lint', () => {
  it.each(forbidden)('%s: %s is reported', async (file, source, message) => {
    const problems = await layering(file, importing(source));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each(allowed)('%s: %s is allowed', async (file, source, kind) => {
    expect(await layering(file, importing(source, kind))).toEqual([]);
  });

  it('reports re-exports and dynamic imports too', async () => {
    expect(await layering('src/kube/namespaceCheck.ts', "export { x } from '../ui/App.js';\n")).toHaveLength(
      1,
    );
    expect(await layering('src/kube/namespaceCheck.ts', "export * from '../state/views.js';\n")).toHaveLength(
      1,
    );
    const dynamic =
      "export async function f(): Promise<unknown> {\n  return import('../demo/server.js');\n}\n";
    expect(await layering('src/kube/namespaceCheck.ts', dynamic)).toHaveLength(1);
  });

  it('lets no view open a LogSession (the logs view gets its own from useLogSession), only name its type', async () => {
    expect(await layering('src/ui/views/LogsView.tsx', importing('../../logs/logSession.js'))).toHaveLength(
      1,
    );
    expect(
      await layering('src/ui/views/LogsView.tsx', importing('../../logs/logSession.js', 'type')),
    ).toEqual([]);
    expect(await layering('src/ui/hooks/useLogSession.ts', importing('../../logs/logSession.js'))).toEqual(
      [],
    );
  });
});
