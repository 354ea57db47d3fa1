/** The diff of a live object and a dry run's result, as kubectl diff --server-side shows it. */
import { describe, expect, it } from 'vitest';
import { objectDiff } from '../../../src/domain/manifest/objectDiff.js';

const texts = (d: ReturnType<typeof objectDiff>) => d.map((l) => l.text);

function secret(data: Record<string, string>, managedFields: unknown[] = []) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'default', managedFields },
    data,
  };
}

describe('objectDiff', () => {
  it('leaves managedFields out: a change only there is no change', () => {
    const live = secret({}, [{ manager: 'kubectl', operation: 'Apply' }]);
    const applied = secret({}, [{ manager: 'kubectl' }, { manager: 'podscope', operation: 'Apply' }]);
    expect(objectDiff(live, applied, 'v1.Secret.default.s')).toEqual([]);
  });

  it("masks a Secret's values as kubectl diff does: a changed one shows before and after, never its value", () => {
    const live = secret({ password: 'aHVudGVyMg==', user: 'YWRtaW4=' });
    const applied = secret({ password: 'c2VjcmV0', user: 'YWRtaW4=', token: 'dG9rZW4=' });
    const lines = texts(objectDiff(live, applied, 'v1.Secret.default.s'));
    expect(lines).toContain("-  password: '*** (before)'");
    expect(lines).toContain("+  password: '*** (after)'");
    expect(lines).toContain("+  token: '***'");
    expect(lines).toContain("   user: '***'");
    expect(lines.join('\n')).not.toMatch(/aHVudGVyMg|c2VjcmV0|YWRtaW4|dG9rZW4/);
  });
});
