/**
 * Favourites and the last namespace survive a restart, from the real binary in a real terminal (tmux) with a
 * temporary XDG_CONFIG_HOME: a run that visits two namespaces and quits; the next run, without -n, opens on the
 * namespace shown last with both favourites on 1–9; a broken file is a one-line flash, and the dashboard runs.
 * Needs `npm run build` (bin/ runs dist/).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { TmuxSession, requireTmux } from '../support/tmux.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

let session: TmuxSession | undefined;
let cluster: TestCluster;
let kubeconfig: string;
let xdg: string;

beforeAll(async () => {
  await requireTmux();
  cluster = await startTestCluster();
  const dir = mkdtempSync(join(tmpdir(), 'podscope-memory-'));
  kubeconfig = join(dir, 'kubeconfig');
  await cluster.demo.writeKubeconfig(kubeconfig);
  xdg = join(dir, 'xdg');
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
afterAll(async () => {
  await cluster.demo.close();
});

async function start(): Promise<TmuxSession> {
  session = await TmuxSession.start({
    command: [process.execPath, BIN, '--kubeconfig', kubeconfig],
    cols: 120,
    rows: 30,
    env: { XDG_CONFIG_HOME: xdg },
  });
  await session.waitForText('● live', 30_000);
  return session;
}

async function quit(t: TmuxSession): Promise<void> {
  await t.sendKeys('q');
  expect((await t.waitForExit(20_000)).code).toBe(0);
  await t.kill();
}

async function command(t: TmuxSession, text: string): Promise<void> {
  await t.sendText(':');
  await t.sendText(text);
  await t.sendKeys('Enter');
}

describe('namespace memory across runs', () => {
  it(
    'reopens on the last namespace with the favourites of the run before',
    { timeout: 120_000 },
    async () => {
      const first = await start();
      await first.waitForText(/ ns default\b/);
      await command(first, 'ns frontend');
      await first.waitForText(/ ns frontend\b/);
      await command(first, 'ns kube-system');
      await first.waitForText(/ ns kube-system\b/);
      await first.waitForText('<2> kube-system  <3> frontend');
      await quit(first);
      const file = join(xdg, 'podscope', 'namespaces.json');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
        version: 1,
        contexts: {
          [Object.keys(JSON.parse(readFileSync(file, 'utf8')).contexts)[0]!]: {
            lastNamespace: 'kube-system',
          },
        },
      });

      const second = await start();
      await second.waitForText(/ ns kube-system\b/);
      await second.waitForText('<1> default  <2> kube-system  <3> frontend');
      // A favourite's key works at once.
      await second.sendKeys('3');
      await second.waitForText(/ ns frontend\b/);
      await quit(second);
    },
  );

  it(
    'a broken file is a one-line warning, and the dashboard runs on the context’s namespace',
    { timeout: 120_000 },
    async () => {
      mkdirSync(join(xdg, 'podscope'), { recursive: true });
      writeFileSync(join(xdg, 'podscope', 'namespaces.json'), '{"version":1,"contexts":{"x":');
      const t = await start();
      const screen = await t.waitForText('namespaces.json: not valid JSON (it will be rewritten)');
      expect(screen).toMatch(/ ns default\b/);
      expect(screen).not.toMatch(/at \S+ \(.*:\d+:\d+\)/); // no stack trace
      await quit(t);
      expect(JSON.parse(readFileSync(join(xdg, 'podscope', 'namespaces.json'), 'utf8'))).toMatchObject({
        version: 1,
      });
    },
  );
});
