import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../src/domain/splitCommand.js';

describe('splitCommand', () => {
  it.each([
    ['bash', ['bash']],
    ['  /bin/zsh   -l ', ['/bin/zsh', '-l']],
    ['sh -c "exit 7"', ['sh', '-c', 'exit 7']],
    ['sh -c \'echo "hi"\'', ['sh', '-c', 'echo "hi"']],
    ['a\\ b c', ['a b', 'c']],
    ['x ""', ['x', '']],
  ])('%s', (line, words) => {
    expect(splitCommand(line)).toEqual(words);
  });

  it('says what is wrong with an unterminated quote', () => {
    expect(splitCommand('sh -c "exit')).toEqual({ error: 'unterminated " quote' });
  });
});
