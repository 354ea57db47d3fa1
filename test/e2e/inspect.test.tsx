/**
 * Inspecting a pod end to end against the demo cluster: the containers view, describe, YAML, the live events
 * pane, search and save in text views, the "why isn't it running" line, siblings, and a pod deleted while open.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectedRow, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('inspecting a pod', () => {
  it('shows why the misspelt image does not run, in the list and in the containers view', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'webserver');
    await h.waitForScreen(
      (x) => /webserver \(webserver\): Failed: Failed to pull image "ngnx:latest"/.test(x),
      'the failed pull under the list',
    );
    await h.press(KEY.enter);
    await h.waitForScreen(
      (x) =>
        x.includes('Containers of default/webserver') &&
        /main\s+webserver\s+ngnx:latest\s+false\s+Waiting: (ErrImagePull|ImagePullBackOff)/.test(x) &&
        /why: Failed: Failed to pull image "ngnx:latest"/.test(x),
      'the container waiting on its image, with the reason',
    );
    await h.press(KEY.escape);
    await h.waitForScreen((x) => (selectedRow(x) ?? '').startsWith('webserver'), 'back on the same pod');
  });

  it('lists init containers, sidecars and app containers with their kind and usage', async () => {
    h = await startApp({ namespace: 'default' });
    await h.t.core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'sidecar-demo' },
        spec: {
          initContainers: [
            { name: 'setup', image: 'podscope/migrate:1.0' },
            { name: 'proxy', image: 'busybox', restartPolicy: 'Always' },
          ],
          containers: [{ name: 'app', image: 'busybox', resources: { requests: { cpu: '100m' } } }],
        },
      },
    });
    await selectPod(h, 'sidecar-demo', true);
    await h.press(KEY.enter);
    await h.waitForScreen(
      (x) => /init\s+setup\s/.test(x) && /sidecar\s+proxy\s/.test(x) && /main\s+app\s/.test(x),
      'the init container, the sidecar and the app container, labelled',
    );
    // Usage per container, from metrics.k8s.io, beside requests and limits.
    await h.waitForScreen(
      (x) => /\bCPU\s+MEM\b/.test(x) && /main\s+app\s.*\s\d+m\s+\d+(Mi|Ki|Gi)\s+100m\//.test(x),
      "the app container's own CPU and memory, and its request",
    );
  });

  it('describes the pod as kubectl does, searches it, saves it', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'webserver');
    await h.press('d');
    await h.waitForScreen(
      (x) =>
        x.includes('Describe default/webserver') &&
        /Name:\s+webserver/.test(x) &&
        /Image:\s+ngnx:latest/.test(x),
      'the describe text',
    );
    await h.press('/', 'E', 'v', 'e', 'n', 't', 's', ':', KEY.enter);
    await h.waitForScreen((x) => /\/Events:: 1\/1/.test(x) && /Events:/.test(x), 'the Events section found');
    await h.press('G');
    await h.waitForScreen((x) => /Failed to pull image "ngnx:latest"/.test(x), 'the events at the end');
    await h.press('s');
    const screen = await h.waitForScreen((x) => /saved to \S+/.test(x), 'the saved path');
    const path = /saved to (\S+)/.exec(screen)![1]!;
    try {
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, 'utf8')).toMatch(/^Name:\s+webserver$/m);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('shows the YAML with managedFields hidden until m, and the live events', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'hello');
    await h.press('y');
    await h.waitForScreen((x) => /^apiVersion: v1$/m.test(x) && /^kind: Pod$/m.test(x), 'the YAML');
    expect(h.screen()).not.toContain('managedFields:');
    await h.press('m');
    await h.waitForScreen((x) => x.includes('managedFields:'), 'managedFields shown');
    await h.press(KEY.escape);
    await h.waitForScreen((x) => (selectedRow(x) ?? '').startsWith('hello'), 'the list again');
    await h.press('e');
    await h.waitForScreen(
      (x) => x.includes('Events default/hello') && /Normal\s+Scheduled/.test(x),
      'the events pane',
    );
    // A new event reaches the open pane.
    await h.t.core.createNamespacedEvent({
      namespace: 'default',
      body: {
        metadata: { name: 'hello.test-event' },
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'hello' },
        type: 'Warning',
        reason: 'TestWarning',
        message: 'something happened',
        count: 1,
        firstTimestamp: new Date(),
        lastTimestamp: new Date(),
        source: { component: 'test' },
      },
    });
    await h.waitForScreen(
      (x) => /Warning\s+TestWarning\s+\S+\s+test\s+something happened/.test(x),
      'the new event',
    );
  });

  it('keeps the last content and says so when the pod is deleted while open', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'bb');
    await h.press('d');
    await h.waitForScreen((x) => /Name:\s+bb/.test(x), 'describe of bb');
    await h.t.core.deleteNamespacedPod({ name: 'bb', namespace: 'default', gracePeriodSeconds: 0 });
    await h.waitForScreen(
      (x) => x.includes('the pod was deleted: this is its last state') && /Name:\s+bb/.test(x),
      'the deleted notice with the last content',
    );
  });

  it('filters the list to the siblings of a pod (o)', async () => {
    h = await startApp({ namespace: 'frontend' });
    // A pod of the same namespace that web-app does not own: the siblings filter must hide it.
    await h.t.core.createNamespacedPod({
      namespace: 'frontend',
      body: { metadata: { name: 'stray' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    });
    await h.waitForScreen(() => h!.rows().some((r) => r.startsWith('stray ')), 'the stray pod listed');
    await h.waitForScreen((x) => (selectedRow(x) ?? '').startsWith('web-app-'), 'a web-app pod selected');
    await h.press('o');
    await h.waitForScreen((x) => /pods owned by Deployment web-app /.test(x), 'the owner flash');
    const names = h.rows().map((r) => r.split(/\s+/)[0]!);
    expect(names).toHaveLength(3);
    expect(names.every((n) => n.startsWith('web-app-'))).toBe(true);
  });
});
