/**
 * The lint rules that keep the boundary (eslint.config.js): in src/kube, a cast of what the server sent, or a
 * non-null assertion, fails lint; the decoder's call passes. Linted as a file of src/kube would be, with types.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const FILE = 'src/kube/namespaceCheck.ts';
const HEAD = `import type { Pod } from '../domain/wire.js';
import { decodePod } from './decode/pod.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { getJson } from './request.js';
`;

async function ruleIds(body: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });
  const [result] = await eslint.lintText(HEAD + body, { filePath: FILE });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the boundary lint, on a file of src/kube', () => {
  it('fails a cast of what getJson returns, and a non-null assertion', async () => {
    const ids = await ruleIds(`
/** A pod's node. */
export async function nodeOf(kc: KubeConfigLike, path: string): Promise<string> {
  const pod = (await getJson(kc, path)) as Pod;
  return pod.spec!.nodeName ?? '';
}
void decodePod;
`);
    expect(ids).toEqual([
      '@typescript-eslint/no-unsafe-type-assertion',
      '@typescript-eslint/no-non-null-assertion',
    ]);
  }, 60_000);

  it('passes the same read through the decoder', async () => {
    const ids = await ruleIds(`
/** A pod's node. */
export async function nodeOf(kc: KubeConfigLike, path: string): Promise<string> {
  const pod: Pod = decodePod(await getJson(kc, path), \`GET \${path}\`);
  return pod.spec?.nodeName ?? '';
}
`);
    expect(ids).toEqual([]);
  }, 60_000);
});
