/** The command-line grammar: quoting, expansions kept for run time, operators, redirections, open input. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/demo/shell/parser.js';
import type { Script, Word } from '../../../src/demo/shell/parser.js';

function script(source: string): Script {
  const r = parse(source);
  if (r.kind !== 'ok') throw new Error(`${source}: ${JSON.stringify(r)}`);
  return r.script;
}

/** The words of the first command, literal parts only (variables shown as $NAME). */
function words(source: string): string[] {
  const w: Word[] = script(source)[0]!.first.commands[0]!.words;
  return w.map((parts) =>
    parts
      .map((p) =>
        p.kind === 'text'
          ? p.text
          : p.kind === 'var'
            ? `$${p.name}`
            : p.kind === 'tilde'
              ? '~'
              : `$(${p.script})`,
      )
      .join(''),
  );
}

describe('parse', () => {
  it('splits words at blanks and honours quotes and backslashes', () => {
    expect(words(`echo  a "b c" 'd  e' f\\ g ""`)).toEqual(['echo', 'a', 'b c', 'd  e', 'f g', '']);
  });

  it('keeps variables and substitutions for run time; single quotes keep them literal', () => {
    expect(words(`echo $A "\${B}x" '$C' $? $(hostname) ~/x`)).toEqual([
      'echo',
      '$A',
      '$Bx',
      '$C',
      '$?',
      '$(hostname)',
      '~/x',
    ]);
  });

  it('separates and-or lists, pipelines and assignments', () => {
    const s = script('A=1 env | grep A && echo ok || echo no; true');
    expect(s).toHaveLength(2);
    expect(s[0]!.first.commands).toHaveLength(2);
    expect(s[0]!.first.commands[0]!.assignments.map((a) => a.name)).toEqual(['A']);
    expect(s[0]!.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('reads redirections with and without file descriptors', () => {
    const cmd = script('cat < in > out 2>&1 2>>err')[0]!.first.commands[0]!;
    expect(cmd.redirects.map((r) => `${r.fd}${r.op}${'targetFd' in r ? r.targetFd : ''}`)).toEqual([
      '0<',
      '1>',
      '2>&1',
      '2>>',
    ]);
  });

  it('drops comments', () => {
    expect(words('echo hi # not this')).toEqual(['echo', 'hi']);
  });

  it('reports input that needs another line', () => {
    expect(parse("echo 'open")).toEqual({ kind: 'incomplete', quote: "'" });
    expect(parse('echo "open')).toEqual({ kind: 'incomplete', quote: '"' });
    expect(parse('echo a |')).toEqual({ kind: 'incomplete' });
    expect(parse('true &&')).toEqual({ kind: 'incomplete' });
  });

  it('reports the unexpected token', () => {
    expect(parse('| x')).toEqual({ kind: 'error', token: '|' });
    expect(parse('; x')).toEqual({ kind: 'error', token: ';' });
    expect(parse('echo >')).toEqual({ kind: 'error', token: 'newline' });
  });
});
