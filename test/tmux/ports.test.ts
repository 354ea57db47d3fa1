/**
 * The ports check on the real binary in a real terminal (tmux) against a demo cluster: `P` on the localhost-app
 * pod shows both halves of the classic mistake, `:ports` on web-app reads in nginx (web-app is distroless) and
 * finds the undeclared 9090, and on a pod where no container has `cat`, `D` offers the debug container (starting
 * on Cancel), which, once added, is where the sockets are read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForPodPhase } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux, type TmuxSession } from '../support/tmux.js';

const startDashboard = demoDashboards();

beforeAll(() => requireTmux());

/** Filters the list to `pod` and waits for it to be selected and Running. */
async function select(t: TmuxSession, pod: string): Promise<void> {
  await t.sendText(`/${pod}`);
  await t.sendKeys('Enter');
  await t.waitForText(new RegExp(`›\\s+${pod}\\S*\\s.*Running`));
}

/** The row of a port in the view: `PORT  PROTO  DECLARED BY  LISTENING ON  VERDICT`. */
function row(screen: string, port: number): string | undefined {
  return screen.split('\n').find((l) => new RegExp(`^${port}\\s+TCP\\s`).test(l));
}

describe('ports check (P, :ports)', () => {
  it('P on localhost-app: 8080 declared but not listening, 3000 listening on 127.0.0.1 only', async () => {
    const { session: t } = await startDashboard({ cols: 110, rows: 30, args: ['-n', 'default'] });
    await select(t, 'localhost-app');
    await t.sendKeys('P');
    const screen = await t.waitForText(/loopback only/, 30_000);
    expect(screen).toContain('Ports default/localhost-app');
    expect(screen).toMatch(
      /Listening: read through exec \(cat \/proc\/net\/tcp \/proc\/net\/tcp6\) in container app at \d\d:\d\d:\d\d/,
    );
    expect(row(screen, 8080)).toMatch(/^8080\s+TCP\s+app \(http\)\s+—\s+declared but not listening$/);
    expect(row(screen, 3000)).toMatch(
      /^3000\s+TCP\s+—\s+127\.0\.0\.1\s+loopback only: unreachable through the pod IP$/,
    );
    // r reads again; Esc goes back to the list.
    await t.sendKeys('r');
    await t.waitForText('reading the sockets again');
    await t.sendKeys('Escape');
    await t.waitForText(/›\s+localhost-app\s/);
  });

  it(':ports on web-app reads in nginx (web-app has no cat) and finds 9090 listening but not declared', async () => {
    const { session: t } = await startDashboard({ cols: 110, rows: 30, args: ['-n', 'frontend'] });
    await select(t, 'web-app');
    await t.sendText(':ports');
    await t.sendKeys('Enter');
    const screen = await t.waitForText(/listening but not declared/, 30_000);
    expect(screen).toMatch(/in container nginx at/);
    expect(row(screen, 80)).toMatch(/^80\s+TCP\s+nginx\s+0\.0\.0\.0, ::\s+fine$/);
    expect(row(screen, 8080)).toMatch(/^8080\s+TCP\s+web-app\s+::\s+fine$/);
    expect(row(screen, 9090)).toMatch(/^9090\s+TCP\s+—\s+::\s+listening but not declared$/);
  });

  it('no container has cat: D offers a debug container, starting on Cancel; added, it is read from', async () => {
    const { session: t, cluster } = await startDashboard({
      cols: 110,
      rows: 30,
      args: ['-n', 'default'],
      prepare: async (c) => {
        await c.core.createNamespacedPod({
          namespace: 'default',
          body: {
            metadata: { name: 'static-only' },
            spec: {
              containers: [
                { name: 'app', image: 'gcr.io/distroless/static', ports: [{ containerPort: 8080 }] },
              ],
            },
          },
        });
        await waitForPodPhase(c, 'default', 'static-only', 'Running');
      },
    });
    await select(t, 'static-only');
    await t.sendKeys('P');
    await t.waitForText('no running container has cat (app: distroless?)', 30_000);
    await t.sendKeys('D');
    await t.waitForText('the ports from it?');
    // Enter on Cancel adds nothing.
    await t.sendKeys('Enter');
    await t.waitForNoText('the ports from it?');
    const untouched = await cluster.core.readNamespacedPod({ name: 'static-only', namespace: 'default' });
    expect(untouched.spec?.ephemeralContainers ?? []).toEqual([]);
    await t.sendKeys('D');
    await t.waitForText('the ports from it?');
    await t.sendKeys('Tab', 'Enter');
    const screen = await t.waitForText(/in container debugger-\w+ at/, 30_000);
    expect(row(screen, 8080)).toMatch(/^8080\s+TCP\s+app\s+—\s+declared but not listening$/);
    expect(screen).toContain('app: no cat in the image, not read there');
  });
});
