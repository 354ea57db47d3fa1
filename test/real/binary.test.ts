/**
 * The real podscope binary, in a real terminal (tmux), pointed at the real control plane by `--kubeconfig` as a
 * user points it at any cluster: the header names the context, the seed pods are listed live, and q gives the
 * terminal back as it was.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { quitRestoresTerminal } from '../support/quitRestores.js';
import { realCluster } from '../support/realCluster.js';
import { requireTmux, TmuxSession } from '../support/tmux.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');
let session: TmuxSession | undefined;

beforeAll(requireTmux);
afterEach(async () => {
  await session?.kill();
  session = undefined;
});

describe('podscope --kubeconfig on the real control plane', () => {
  it('lists the seed pods live and q restores the terminal', { timeout: 60_000 }, async () => {
    session = await TmuxSession.start({
      command: [process.execPath, BIN, '--kubeconfig', realCluster().kubeconfigFile, '-A'],
      cols: 140,
      rows: 30,
    });
    const t = session;
    const screen = await t.waitForText(
      (s) =>
        s.includes('● live') &&
        /frontend\s+web-app-\S+\s+2\/2\s+Running/.test(s) &&
        /db-migrate-\S+\s+0\/1\s+Completed/.test(s),
      30_000,
    );
    expect(screen.split('\n')[0]).toMatch(/^podscope ctx podscope-real cluster podscope-real ns all/);
    await quitRestoresTerminal(t);
  });
});
