// What the dashboard benches (dashboard.mjs, scale.mjs) measure in a podscope running in tmux with
// PODSCOPE_BENCH=1 and --debug LOG: keypress → frame (its bench probe's lines) and event → screen.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns something truthy, which it resolves with. */
export async function waitFor(check, what, timeoutMs = 60_000, everyMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The lines of the --debug file that contain `prefix`. */
export function logLines(file, prefix) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes(prefix));
}

/** The dashboard's pid: meow sets the process title to "podscope", and it runs on the pane's terminal. */
export async function podscopePid(t) {
  const tty = (await t.paneState()).tty.replace('/dev/', '');
  return Number(
    spawnSync('pgrep', ['-t', tty, '-f', '^podscope'], { encoding: 'utf8' }).stdout.trim().split('\n')[0],
  );
}

/** User + system CPU of a process so far, in clock ticks (1/100 s). */
export function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}

export function rssMiB(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** Keypress → frame while moving through the rows (one key at a time, as a person presses them). */
export async function keypressToFrame(t, log) {
  for (let i = 0; i < 60; i++) {
    await t.sendKeys(i % 10 === 9 ? 'PageDown' : 'j');
    await sleep(60);
  }
  const keys = logLines(log, 'key->frame').map((l) => Number(/key->frame ([\d.]+)/.exec(l)[1]));
  return { keyMedian: median(keys), keyP95: pct(keys, 0.95), keySamples: keys.length };
}

/** Event → screen: 30 pods created on the server appear on screen (a filter shows only them). */
export async function eventToScreen(t, kubeconfig) {
  await t.sendKeys('/');
  await t.sendText('^bench-');
  await t.sendKeys('Enter');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const lat = [];
  for (let i = 0; i < 30; i++) {
    const name = `bench-${i}`;
    const t0 = performance.now();
    await core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name },
        spec: { nodeName: 'elsewhere', containers: [{ name: 'c', image: 'busybox' }] },
      },
    });
    await waitFor(async () => (await t.capture()).includes(name), name, 10_000).catch(async (e) => {
      throw new Error(`${e.message}\n${await t.capture()}`);
    });
    lat.push(performance.now() - t0);
  }
  return { eventP50: pct(lat, 0.5), eventP95: pct(lat, 0.95) };
}
