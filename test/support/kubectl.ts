/**
 * Running the real kubectl against a cluster (the demo, or the real control plane): the independent referee. Each run gets
 * the cluster's kubeconfig and its own discovery cache directory.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Throws a clear error when kubectl is not on PATH (it is on every machine of this project, CI included). */
export async function requireKubectl(): Promise<void> {
  const r = await run(['version', '--client'], {}).catch((e: unknown) => e);
  if (r instanceof Error || (r as KubectlResult).code !== 0) {
    throw new Error(
      'kubectl is not on PATH: the kubectl tests need it as the referee of the demo cluster (install kubectl 1.30+)',
    );
  }
}

function run(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kubectl',
      args,
      { env: { ...process.env, ...env }, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : -1
          : 0;
        if (err && code === -1 && (err as NodeJS.ErrnoException).code === 'ENOENT') return reject(err);
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Anything that can give a kubeconfig: the demo server, the real control plane. */
export interface HasKubeconfig {
  kubeconfig: string | (() => string);
}

/** A kubectl bound to one cluster (the demo, or the real control plane). */
export class Kubectl {
  private readonly kubeconfig: string;
  private readonly cacheDir: string;

  constructor(cluster: HasKubeconfig) {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-kubectl-'));
    this.kubeconfig = join(dir, 'kubeconfig');
    this.cacheDir = join(dir, 'cache');
    const text = typeof cluster.kubeconfig === 'string' ? cluster.kubeconfig : cluster.kubeconfig();
    writeFileSync(this.kubeconfig, text, { mode: 0o600 });
  }

  private args(args: string[]): string[] {
    return [`--kubeconfig=${this.kubeconfig}`, `--cache-dir=${this.cacheDir}`, ...args];
  }

  /** Runs kubectl to completion. */
  run(args: string[], input?: string): Promise<KubectlResult> {
    return run(this.args(args), {}, input);
  }

  /** Starts a long-running kubectl (get -w, logs -f); the caller kills it. */
  spawn(args: string[]): ChildProcess {
    return spawn('kubectl', this.args(args), { stdio: ['pipe', 'pipe', 'pipe'] });
  }
}
