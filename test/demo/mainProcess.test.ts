/**
 * Which containers run the demo's shell as an interactive main process: one that keeps stdin open and whose
 * command is a shell reading its input (busybox's and alpine's default command is `sh`, as their images' CMD).
 */
import { describe, expect, it } from 'vitest';
import { interactiveArgv } from '../../src/demo/mainProcess.js';

describe('interactiveArgv', () => {
  it('takes a shell that reads its input from a container with stdin', () => {
    expect(interactiveArgv({ name: 'c', image: 'busybox', command: ['sh'], stdin: true })).toEqual(['sh']);
    // `kubectl run console --image=busybox -it -- sh` puts sh in args.
    expect(interactiveArgv({ name: 'c', image: 'busybox', args: ['sh'], stdin: true })).toEqual(['sh']);
    expect(interactiveArgv({ name: 'c', image: 'busybox:1.36', stdin: true })).toEqual(['sh']);
    expect(
      interactiveArgv({ name: 'c', image: 'ubuntu', command: ['/bin/bash', '-i'], stdin: true }),
    ).toEqual(['/bin/bash', '-i']);
  });

  it('leaves everything else to the image’s lifecycle', () => {
    expect(interactiveArgv({ name: 'c', image: 'busybox', command: ['sh'] })).toBeUndefined();
    expect(interactiveArgv({ name: 'c', image: 'busybox', command: ['sh'], stdin: false })).toBeUndefined();
    expect(
      interactiveArgv({ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], stdin: true }),
    ).toBeUndefined();
    expect(
      interactiveArgv({ name: 'c', image: 'busybox', command: ['sh', '/script.sh'], stdin: true }),
    ).toBeUndefined();
    expect(
      interactiveArgv({ name: 'c', image: 'busybox', command: ['sleep', '3600'], stdin: true }),
    ).toBeUndefined();
    expect(interactiveArgv({ name: 'c', image: 'nginx', stdin: true })).toBeUndefined();
  });
});
