/**
 * The named screenshots `capture.ts` takes (into screenshots/<name>.png). Each shot sets up what it needs, calls
 * capture() with its steps, and tears down. Add the dashboard's here (list, a filter active, help open): one
 * session can take several pictures with `{ snapshot: 'screenshots/NAME.png' }` steps.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Picture, Step } from './capture.ts';
import { REPO_ROOT, capture } from './capture.ts';

export interface ShotOptions {
  scale: number;
  keepHtml: boolean;
}

export interface Shot {
  name: string;
  description: string;
  take(opts: ShotOptions): Promise<Picture[]>;
}

const BIN = join(REPO_ROOT, 'bin/podscope.js');

/** Starts `podscope demo` (the built one) with a kubeconfig for kubectl; stop() ends it. */
async function startDemo(args: string[] = []): Promise<{ kubeconfig: string; dir: string; stop(): void }> {
  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) {
    throw new Error('podscope is not built: run `npm run build` first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'podscope-shots-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [BIN, 'demo', '--port', '0', '--seed', '7', '--kubeconfig-out', kubeconfig, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const stop = (): void => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!out.includes('kubeconfig written to')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`podscope demo did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { kubeconfig, dir, stop };
}

interface DashboardShot {
  name: string;
  description: string;
  rows: number;
  /** The namespace the dashboard opens on (default `default`). */
  namespace?: string;
  /** Files copied into the dashboard's working directory: name there → path in the repo. */
  files?: Record<string, string>;
  /** The steps before quitting (q, then the program's exit, are added). */
  steps: Step[];
}

/** A shot of the dashboard on a fresh `podscope demo`, 140 columns wide, quitting after its steps. */
function dashboardShot(shot: DashboardShot): Shot {
  return {
    name: shot.name,
    description: shot.description,
    async take(opts) {
      const demo = await startDemo();
      const cwd = mkdtempSync(join(tmpdir(), 'podscope-shot-cwd-'));
      for (const [name, from] of Object.entries(shot.files ?? {}))
        copyFileSync(join(REPO_ROOT, from), join(cwd, name));
      try {
        return await capture({
          command: [
            process.execPath,
            BIN,
            '--kubeconfig',
            demo.kubeconfig,
            '-n',
            shot.namespace ?? 'default',
          ],
          cols: 140,
          rows: shot.rows,
          cwd,
          env: { COLORTERM: 'truecolor' },
          steps: [...shot.steps, { keys: ['q'] }, { waitForExit: true }],
          ...opts,
        });
      } finally {
        demo.stop();
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  };
}

export const SHOTS: Shot[] = [
  {
    name: 'dashboard',
    description: 'the live pods list on all namespaces, a filter active, and the help screen',
    async take(opts) {
      const demo = await startDemo(['--pods', '400', '--churn', '20']);
      try {
        return await capture({
          command: [process.execPath, BIN, '--kubeconfig', demo.kubeconfig, '-A'],
          cols: 140,
          rows: 36,
          env: { COLORTERM: 'truecolor' },
          steps: [
            { waitFor: '● live' },
            { waitFor: /kiada\s+1\/1\s+Running/ },
            { snapshot: 'screenshots/pods-all-namespaces.png' },
            { keys: ['/'] },
            { text: 'web|crash|ngnx|Back' },
            { keys: ['Enter'] },
            { waitFor: /shown\)/ },
            { snapshot: 'screenshots/pods-filtered.png' },
            { keys: ['Escape'] },
            { keys: ['?'] },
            { waitFor: 'Pods list' },
            { snapshot: 'screenshots/help.png' },
            { keys: ['Escape'] },
            { waitForNo: 'Pods list' },
            { keys: ['q'] },
            { waitForExit: true },
          ],
          ...opts,
        });
      } finally {
        demo.stop();
      }
    },
  },
  {
    name: 'inspect',
    description:
      'a pod that will not run: its containers with the reason, describe, YAML, and a port-forward',
    async take(opts) {
      const demo = await startDemo();
      try {
        return await capture({
          command: [process.execPath, BIN, '--kubeconfig', demo.kubeconfig, '-n', 'default'],
          cols: 140,
          rows: 36,
          env: { COLORTERM: 'truecolor' },
          steps: [
            { waitFor: '● live' },
            { waitFor: /webserver\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/ },
            { keys: ['/'] },
            { text: 'webserver' },
            { keys: ['Enter'] },
            { waitFor: /Failed to pull image/ },
            { snapshot: 'screenshots/why-not-running.png' },
            { keys: ['Enter'] },
            { waitFor: /why: Failed/ },
            { snapshot: 'screenshots/containers.png' },
            { keys: ['d'] },
            { waitFor: /Name:\s+webserver/ },
            { keys: ['G'] },
            { waitFor: /Events:/ },
            { snapshot: 'screenshots/describe.png' },
            { keys: ['Escape'] },
            { waitForNo: 'Describe default' },
            { keys: ['y'] },
            { waitFor: 'apiVersion: v1' },
            { snapshot: 'screenshots/yaml.png' },
            { keys: ['Escape'] },
            { waitForNo: 'apiVersion: v1' },
            { keys: ['Escape'] },
            { waitForNo: 'Containers of' },
            { keys: ['Escape'] },
            { waitFor: /hello\s+1\/1/ },
            { keys: ['/'] },
            { text: 'kiada' },
            { keys: ['Enter'] },
            { waitFor: /kiada\s+1\/1\s+Running/ },
            { keys: ['F'] },
            { waitFor: 'Port-forward to default/kiada' },
            { snapshot: 'screenshots/port-forward-dialog.png' },
            { keys: ['Enter'] },
            { waitFor: /forwarding http/ },
            { keys: ['f'] },
            { waitFor: /active/ },
            { keys: ['Enter'] },
            { waitFor: /HTTP\/1\.1 200 OK/ },
            { snapshot: 'screenshots/port-forwards.png' },
            { keys: ['Escape'] },
            { waitForNo: 'Port-forwards (' },
            { keys: ['l'] },
            { waitFor: /Logs default\/kiada/ },
            { waitFor: /Received request (req-\d+ )?for/ },
            { keys: ['/'] },
            { text: 'healthz' },
            { keys: ['Enter'] },
            { snapshot: 'screenshots/logs.png' },
            { keys: ['q'] },
            { waitForExit: true },
          ],
          ...opts,
        });
      } finally {
        demo.stop();
      }
    },
  },
  dashboardShot({
    name: 'ports',
    description:
      'the ports check (P) on localhost-app: 8080 declared but not listening, 3000 on 127.0.0.1 only',
    rows: 24,
    steps: [
      { waitFor: '● live' },
      { keys: ['/'] },
      { text: 'localhost-app' },
      { keys: ['Enter'] },
      { waitFor: /localhost-app\s+1\/1\s+Running/ },
      { keys: ['P'] },
      { waitFor: /loopback only/ },
      { snapshot: 'screenshots/ports.png' },
    ],
  }),
  dashboardShot({
    name: 'inside',
    description:
      'inside the pod (i on bb): IPs, sandbox, DNS with the resolv.conf and hosts read through exec, the token',
    rows: 44,
    steps: [
      { waitFor: '● live' },
      { keys: ['/'] },
      { text: 'bb' },
      { keys: ['Enter'] },
      { waitFor: /bb\s+1\/1\s+Running/ },
      { keys: ['i'] },
      { waitFor: /resolv\.conf .*read at/ },
      { snapshot: 'screenshots/inside.png' },
    ],
  }),
  dashboardShot({
    name: 'reach',
    description: 'reach kiada from inside the cluster (R): the confirm, then the client pod’s answer',
    rows: 30,
    steps: [
      { waitFor: '● live' },
      { keys: ['/'] },
      { text: 'kiada' },
      { keys: ['Enter'] },
      { waitFor: /kiada\s+1\/1\s+Running/ },
      { keys: ['R'] },
      { waitFor: /Create client pod/ },
      { snapshot: 'screenshots/reach-confirm.png' },
      { keys: ['Tab', 'Enter'] },
      { waitFor: /deleted client pod/, timeoutMs: 30_000 },
      { snapshot: 'screenshots/reach.png' },
    ],
  }),
  dashboardShot({
    name: 'apply',
    description:
      'create from a manifest (A): path completion, the server-side dry run, then the new pod Running',
    rows: 30,
    namespace: 'frontend',
    files: { 'pod.yaml': 'test/fixtures/manifests/seed002-pod.yaml' },
    steps: [
      { waitFor: '● live' },
      { keys: ['A'] },
      { text: 'po' },
      { keys: ['Tab'] },
      { waitFor: /:apply pod\.yaml/ },
      { keys: ['Enter'] },
      { waitFor: /pod\/hello \(namespace frontend\): create/ },
      { snapshot: 'screenshots/apply.png' },
      { keys: ['Tab', 'Enter'] },
      { waitFor: /^Status:\s+Running$/m, timeoutMs: 30_000 },
      { snapshot: 'screenshots/apply-running.png' },
    ],
  }),
];
