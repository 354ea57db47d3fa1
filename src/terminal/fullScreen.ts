/**
 * Runs an Ink element full screen (alternate screen buffer) and returns its exit code once it ends, handling
 * every exit path: the app's own exit, SIGTERM/SIGHUP/SIGINT, and an uncaught exception — each leaves the
 * terminal restored and prints at most one line.
 */
import type { ReactElement } from 'react';
import { render } from 'ink';
import { probeFrame } from './benchProbe.js';
import { runExitCleanups } from './exitCleanup.js';
import { armTerminalRestore, inkStdout, restoreTerminal } from './restore.js';

export interface FullScreenOptions {
  /** Called once the UI has gone, before the process exits (close streams, servers). */
  cleanup?: () => Promise<void>;
}

/** Renders until the app exits; resolves with the exit code. */
export async function runFullScreen(element: ReactElement, opts: FullScreenOptions = {}): Promise<number> {
  armTerminalRestore();
  const instance = render(element, {
    alternateScreen: true,
    // process.stdout, silenced while a shell has the terminal (see restore.ts).
    stdout: inkStdout(),
    // Ink writes only the last frame when it thinks it runs in CI; a TTY is a TTY, CI variable or not.
    interactive: true,
    exitOnCtrlC: false,
    patchConsole: true,
    incrementalRendering: true,
    // 60: a keypress that lands just after a watch-driven frame waits at most ~17 ms for the next one.
    maxFps: 60,
    onRender: probeFrame,
  });

  let code = 0;
  let ending = false;
  const end = async (exitCode: number, message?: string): Promise<void> => {
    if (ending) return;
    ending = true;
    code = exitCode;
    try {
      instance.unmount();
    } catch {
      // already unmounted
    }
    restoreTerminal();
    if (message) process.stderr.write(message + '\n');
  };
  const onSignal = (signal: NodeJS.Signals, n: number) => () =>
    void end(128 + n, undefined).then(() => finish());
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGTERM', onSignal('SIGTERM', 15)],
    ['SIGHUP', onSignal('SIGHUP', 1)],
    ['SIGINT', onSignal('SIGINT', 2)],
  ];
  const onCrash = (e: unknown): void => {
    const msg = e instanceof Error ? e.message : String(e);
    void end(1, `podscope: unexpected error: ${msg.split('\n')[0]}`).then(() => finish());
  };
  for (const [s, h] of handlers) process.on(s, h);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    for (const [s, h] of handlers) process.off(s, h);
    // What the app made for a while (the reach probe's client pod) goes first, while the cluster (the in-process
    // demo included) is still there to delete it.
    for (const line of await runExitCleanups()) process.stderr.write(`podscope: ${line}\n`);
    try {
      await opts.cleanup?.();
    } catch {
      // cleanup problems must not keep the terminal or the process hostage
    }
    process.exit(code);
  };

  try {
    await instance.waitUntilExit();
  } catch (e) {
    await end(1, `podscope: ${(e as Error).message.split('\n')[0]}`);
  }
  await end(code);
  await finish();
  return code;
}
