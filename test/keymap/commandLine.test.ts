/** The `:` line's parse: the verb, then the rest of the line as its argument (a path may hold spaces). */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/keymap/commandLine.js';

describe('parseCommandLine', () => {
  it('keeps the rest of the line as the argument', () => {
    expect(parseCommandLine('apply my manifests/pod.yaml ')).toEqual({
      kind: 'command',
      id: 'apply',
      arg: 'my manifests/pod.yaml',
    });
    expect(parseCommandLine('delete -f pod.yaml')).toEqual({
      kind: 'command',
      id: 'delete',
      arg: '-f pod.yaml',
    });
  });

  it('has no argument after a bare verb, and names an unknown verb', () => {
    expect(parseCommandLine(' ns ')).toEqual({ kind: 'command', id: 'namespace', arg: undefined });
    expect(parseCommandLine('')).toEqual({ kind: 'command', id: 'pods', arg: undefined });
    expect(parseCommandLine('frob x')).toEqual({ kind: 'unknown', verb: 'frob' });
  });
});
