/** The manifest parser on real-world manifests (test/fixtures/manifests, sources in its README) and bad input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/domain/manifest/parseManifest.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/manifests/${name}`, import.meta.url), 'utf8');
}

function summary(file: string, text: string): string[] | string {
  const parsed = parseManifest(file, text);
  if (!parsed.ok) return parsed.error;
  return parsed.objects.map((o) => `${o.document} ${o.apiVersion} ${o.kind} ${o.namespace ?? '-'}/${o.name}`);
}

describe('parseManifest', () => {
  it.each([
    ['seed002-pod.yaml', ['1 v1 Pod -/hello']],
    ['seed004-pods02.yaml', ['1 v1 Pod -/webserver']],
    ['simple-pod.yaml', ['1 v1 Pod -/nginx']],
    ['nginx-deployment.yaml', ['1 apps/v1 Deployment -/nginx-deployment']],
    ['nginx-app.yaml', ['1 v1 Service -/my-nginx-svc', '2 apps/v1 Deployment -/my-nginx']],
    ['namespace-dev.yaml', ['1 v1 Namespace -/development']],
  ])('reads %s', (file, objects) => {
    expect(summary(file, fixture(file))).toEqual(objects);
  });

  it('keeps the body as written (seed 002: creationTimestamp null, status {})', () => {
    const parsed = parseManifest('pod.yaml', fixture('seed002-pod.yaml'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.objects[0]!.body).toMatchObject({ metadata: { creationTimestamp: null }, status: {} });
  });

  it('reads JSON, and a List as its items (kubectl flattens lists)', () => {
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } },
      ],
    });
    expect(summary('list.json', list)).toEqual(['1 v1 Pod x/a', '1 v1 Pod -/b']);
  });

  it('skips empty documents, numbering documents as they are in the file', () => {
    expect(summary('f.yaml', `---\n---\n# only a comment\n---\n${fixture('simple-pod.yaml')}`)).toEqual([
      '4 v1 Pod -/nginx',
    ]);
  });

  it('names the file, line and column of a YAML error', () => {
    expect(summary('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n')).toBe(
      'pod.yaml: line 5, column 1: deficient indentation',
    );
    expect(summary('pod.yaml', 'apiVersion: v1\n kind: Pod\n')).toMatch(/^pod\.yaml: line 2, column \d+: /);
  });

  it('says what a document lacks', () => {
    expect(summary('f.yaml', 'kind: Pod\nmetadata:\n  name: a\n')).toBe(
      'f.yaml: document 1: apiVersion not set',
    );
    expect(
      summary('f.yaml', `${fixture('simple-pod.yaml')}---\napiVersion: v1\nmetadata:\n  name: a\n`),
    ).toBe('f.yaml: document 2: kind not set');
    expect(summary('f.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n')).toBe(
      'f.yaml: document 1 (Pod): from web-: cannot use generate name with apply',
    );
    expect(summary('f.yaml', '- a\n- b\n')).toBe('f.yaml: document 1 is not an object (a mapping of fields)');
    expect(summary('f.yaml', '# nothing\n')).toBe('f.yaml: no objects passed to apply');
  });

  it('refuses seed 004 pods01.yaml as the article carries it: its name is no longer under metadata', () => {
    expect(summary('pods01.yaml', fixture('seed004-pods01-as-published.yaml'))).toBe(
      'pods01.yaml: document 1 (Pod): resource name may not be empty',
    );
  });
});
