/**
 * Create from a manifest on the real binary (issue 15 §1, seed 002's `kubectl create -f pod.yaml`): `A` opens
 * `:apply `, Tab completes the path among the files of the working directory, the dry run says "create", Enter
 * alone on the first frame changes nothing, Apply creates the pod and lands on its describe view, where it goes
 * from Pending to Running; Esc shows the report, and `:delete -f pod.yaml` deletes it after the delete dialog.
 * Bad input (a YAML error, a missing file, a kind the server does not serve) is one line or a refusal, and
 * `--readonly` refuses `A` and `:delete -f` with the reason.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';

const startDashboard = demoDashboards();

beforeAll(() => requireTmux());

/** A directory holding seed 002's pod.yaml and seed 004's pods02.yaml, so `po` + Tab has two candidates. */
function manifestsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-apply-'));
  const fixtures = join(import.meta.dirname, '../fixtures/manifests');
  copyFileSync(join(fixtures, 'seed002-pod.yaml'), join(dir, 'pod.yaml'));
  copyFileSync(join(fixtures, 'seed004-pods02.yaml'), join(dir, 'pods02.yaml'));
  return dir;
}

describe('A: apply a manifest', () => {
  it('completes the path, previews "create", applies, follows the pod to Running, and :delete -f deletes it', async () => {
    const { cluster, session: t } = await startDashboard({
      cols: 100,
      rows: 30,
      args: ['-n', 'frontend'],
      cwd: manifestsDir(),
    });
    const hello = () => cluster.core.readNamespacedPod({ name: 'hello', namespace: 'frontend' });
    // The selection on the last web-app replica: after the apply it must move to hello, which sorts first.
    await t.sendKeys('G');
    await t.waitForText(/›\s+web-app\S*\s+2\/2\s+Running/);

    await t.sendKeys('A');
    await t.waitForText(/^:apply\s*$/m);
    await t.sendText('po');
    await t.sendKeys('Tab');
    await t.waitForText(/^:apply pod\s+pod\.yaml {2}pods02\.yaml$/m);
    await t.sendText('.');
    await t.sendKeys('Tab');
    await t.waitForText(/^:apply pod\.yaml\s*$/m);
    await t.sendKeys('Enter');
    await t.waitForText('pod/hello (namespace frontend): create');
    await t.waitForText(/^ Cancel {4}Apply$/m);

    // Focus starts on Cancel: Enter alone goes back and creates nothing.
    await t.sendKeys('Enter');
    await t.waitForNoText('pod/hello (namespace frontend): create');
    await expect(hello()).rejects.toThrow();

    await t.sendKeys('A');
    await t.waitForText(/^:apply\s*$/m);
    await t.sendText('pod.yaml');
    await t.sendKeys('Enter');
    await t.waitForText('pod/hello (namespace frontend): create');
    await t.sendKeys('Tab', 'Enter');
    // The describe view of the new pod, live: seed 002's Pending → Running.
    await t.waitForText(/^Name:\s+hello$/m, 15_000);
    await t.waitForText(/^Status:\s+Running$/m, 30_000);
    expect((await hello()).metadata?.managedFields?.map((m) => m.manager)).toContain('podscope');

    await t.sendKeys('Escape');
    await t.waitForText('pod/hello (namespace frontend) created');
    await t.sendKeys('Escape');
    await t.waitForText(/›\s+hello\s+1\/1\s+Running/);

    await t.sendKeys(':');
    await t.sendText('delete -f pod.yaml');
    await t.sendKeys('Enter');
    await t.waitForText('Delete the object of pod.yaml?');
    await t.waitForText('frontend/pod/hello');
    await t.sendKeys('Tab', 'Enter');
    await t.waitForText('pod "hello" deleted');
    await waitFor(
      async () =>
        (await hello().then(
          (p) => p.metadata?.deletionTimestamp !== undefined,
          () => true,
        )) || undefined,
      'hello terminating or gone',
      15_000,
    );
  });

  it('says what is wrong with a file in one line, and offers no Apply when the dry run refuses an object', async () => {
    const dir = manifestsDir();
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n bad: [\n');
    // A kind the server doesn't serve (the Kubernetes docs' CronTab custom resource, whose CRD isn't installed)
    // beside the docs' nginx Deployment, which the demo serves.
    writeFileSync(
      join(dir, 'mixed.yaml'),
      'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my-new-cron-object\nspec:\n' +
        '  cronSpec: "* * * * */5"\n  image: my-awesome-cron-image\n---\n' +
        readFileSync(join(import.meta.dirname, '../fixtures/manifests/nginx-deployment.yaml'), 'utf8'),
    );
    const { session: t } = await startDashboard({ cols: 100, rows: 30, args: ['-n', 'frontend'], cwd: dir });
    const apply = async (file: string) => {
      await t.sendKeys('A');
      await t.waitForText(/^:apply\s*$/m);
      await t.sendText(file);
      await t.sendKeys('Enter');
    };
    await apply('broken.yaml');
    await t.waitForText('broken.yaml: line 5, column 2: bad indentation of a mapping entry');
    await apply('nofile.yaml');
    await t.waitForText('the path "nofile.yaml" does not exist');
    // The unknown kind is refused in kubectl's words, so nothing can be applied.
    await apply('mixed.yaml');
    // (The line runs past 100 columns; the start says it.)
    await t.waitForText('crontab.stable.example.com/my-new-cron-object: no matches for kind "CronTab"');
    await t.waitForText('deployment.apps/nginx-deployment (namespace frontend): create');
    await t.waitForText(/^ Cancel {3}\(nothing to apply\)$/m);
    await t.sendKeys('Tab', 'Enter');
    await t.waitForNoText('mixed.yaml');
  });

  it('refuses A under --readonly with the reason', async () => {
    const { session: t } = await startDashboard({
      cols: 100,
      rows: 30,
      args: ['-n', 'frontend', '--readonly'],
    });
    await t.sendKeys('A');
    await t.waitForText('read-only: cannot apply a manifest (started with --readonly)');
    await t.sendKeys(':');
    await t.sendText('delete -f pod.yaml');
    await t.sendKeys('Enter');
    await t.waitForText('read-only: cannot delete objects (started with --readonly)');
  });
});
