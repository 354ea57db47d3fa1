/** A shell driven by a test: PassThrough keys in, collected output, a terminal size it can change. */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ShellEnd } from '../../../src/domain/shellEnd.js';
import type { OpenShellOptions } from '../../../src/kube/shell/openShell.js';
import { openShell } from '../../../src/kube/shell/openShell.js';
import type { TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';

/** A terminal's size that changes when the test says so. */
export class FakeTerminal extends EventEmitter {
  constructor(
    public rows: number,
    public columns: number,
  ) {
    super();
  }

  resize(rows: number, columns: number): void {
    this.rows = rows;
    this.columns = columns;
    this.emit('resize');
  }
}

export interface TestShell {
  keys: PassThrough;
  terminal: FakeTerminal;
  output(): string;
  /** Waits until the output after `from` contains `text`; returns the output length then. */
  waitForOutput(text: string | RegExp, from?: number): Promise<number>;
  ended: Promise<ShellEnd>;
}

/** Opens a shell in a demo pod; `typedBefore` is typed before the stream opens. */
export function startShell(
  t: TestCluster,
  target: Pick<OpenShellOptions, 'namespace' | 'pod' | 'container' | 'command'>,
  typedBefore = '',
  size: [number, number] = [30, 100],
): TestShell {
  const keys = new PassThrough();
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const terminal = new FakeTerminal(size[0], size[1]);
  if (typedBefore) keys.write(typedBefore);
  const ended = openShell({ kc: t.kc, ...target, stdin: keys, stdout: out, size: terminal });
  return {
    keys,
    terminal,
    output: () => text,
    waitForOutput: (want, from = 0) =>
      waitFor(
        () => {
          const rest = text.slice(from);
          const hit = typeof want === 'string' ? rest.includes(want) : want.test(rest);
          return hit ? text.length : undefined;
        },
        `shell output ${String(want)} (got ${JSON.stringify(text.slice(from).slice(-200))})`,
      ),
    ended,
  };
}
