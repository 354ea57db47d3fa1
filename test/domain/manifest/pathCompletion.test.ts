/** Tab completion of a manifest's path on the command line. */
import { describe, expect, it } from 'vitest';
import { completePath, fileArgument } from '../../../src/domain/manifest/pathCompletion.js';

const entries = [
  { name: 'pod.yaml', directory: false },
  { name: 'pods02.yaml', directory: false },
  { name: 'manifests', directory: true },
  { name: '.hidden.yaml', directory: false },
];

describe('completePath', () => {
  it('completes one match whole, a directory with its slash', () => {
    expect(completePath('man', entries)).toEqual({ path: 'manifests/', candidates: [], none: false });
    expect(completePath('~/k8s/pods0', entries)).toEqual({
      path: '~/k8s/pods02.yaml',
      candidates: [],
      none: false,
    });
  });

  it('completes several to their common prefix and lists them', () => {
    expect(completePath('p', entries)).toEqual({
      path: 'pod',
      candidates: ['pod.yaml', 'pods02.yaml'],
      none: false,
    });
    expect(completePath('', entries).candidates).toEqual(['manifests/', 'pod.yaml', 'pods02.yaml']);
  });

  it('shows hidden files only when a dot is typed, and says when nothing fits', () => {
    expect(completePath('.h', entries).path).toBe('.hidden.yaml');
    expect(completePath('x', entries)).toEqual({ path: 'x', candidates: [], none: true });
  });
});

describe('fileArgument', () => {
  it('finds the path of apply and delete -f, and nothing else', () => {
    expect(fileArgument('apply pod.y')).toEqual({ head: 'apply ', path: 'pod.y' });
    expect(fileArgument('apply -f ~/k')).toEqual({ head: 'apply -f ', path: '~/k' });
    expect(fileArgument('delete -f po')).toEqual({ head: 'delete -f ', path: 'po' });
    expect(fileArgument('delete pod')).toBeUndefined();
    expect(fileArgument('ns fr')).toBeUndefined();
  });
});
