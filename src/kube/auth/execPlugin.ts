/**
 * Exec credential plugins (`users[].user.exec`), as client-go runs them (k8s.io/client-go/plugin/pkg/client/auth/
 * exec/exec.go, `Authenticator.refreshCredsLocked`; the kubeconfig checks of tools/clientcmd/validation.go):
 * `client.authentication.k8s.io/v1` and `v1beta1`; `args` and `env` (added to podscope's own environment); an
 * ExecCredential in KUBERNETES_EXEC_INFO on every run, with the cluster when `provideClusterInfo` is set; the
 * returned token or client certificate and key cached until `expirationTimestamp`, one run shared by concurrent
 * requests, and run again after a 401 (`maybeRefreshCreds`).
 *
 * interactiveMode: podscope runs full-screen and owns the terminal, so a plugin never gets it. client-go has the
 * same case for kubectl commands that read stdin (`StdinUnavailable`): `Never` and `IfAvailable` run the plugin
 * with `spec.interactive: false` and no stdin; `Always` fails with client-go's message for that case.
 *
 * The plugin's stderr is captured, never passed to the terminal (kubectl passes it through; a full-screen dashboard
 * can't): when the plugin fails, its last line of stderr is the message, in one line.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isObject } from '../decode/read.js';
import { errorMessage } from '../errors.js';
import type { Cluster } from '../plainKubeConfig.js';

const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

/** A plugin that hasn't answered in this long is stopped: nobody can answer its prompt behind the dashboard. */
const PLUGIN_TIMEOUT_MS = 60_000;
/** A credential is renewed this long before it expires (at most half its lifetime), so no request carries a stale one. */
const RENEW_BEFORE_MS = 60_000;

/** `users[].user.exec`, as written in the kubeconfig. */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[] | null;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** What the plugin returned: a bearer token, a client certificate and key (PEM), or both. */
export interface ExecCredential {
  token?: string;
  cert?: string;
  key?: string;
  /** Epoch ms; undefined: valid until a 401 says otherwise. */
  expiresAt?: number;
  obtainedAt: number;
}

interface Entry {
  credential?: ExecCredential;
  running?: Promise<ExecCredential>;
}

/** Plugins' credentials, per exec config and cluster (client-go keeps one Authenticator per such pair). */
const entries = new Map<string, Entry>();

function keyOf(exec: ExecConfig, cluster: Cluster): string {
  return JSON.stringify([exec, exec.provideClusterInfo ? cluster : null]);
}

/** The kubeconfig's exec entry as an `ExecConfig`, or a one-line reason it is not one. */
export function execConfigOf(raw: unknown, userName: string): ExecConfig {
  const e = isObject(raw) ? raw : {};
  if (typeof e['command'] !== 'string' || e['command'] === '')
    throw new Error(`command must be specified for ${userName} to use exec authentication plugin`);
  const apiVersion = typeof e['apiVersion'] === 'string' ? e['apiVersion'] : '';
  if (apiVersion !== V1 && apiVersion !== V1BETA1)
    throw new Error(`exec plugin: invalid apiVersion "${apiVersion}"`);
  const mode = typeof e['interactiveMode'] === 'string' ? e['interactiveMode'] : '';
  // clientcmd's validation: v1 must say; v1beta1 defaults to IfAvailable.
  if (apiVersion === V1 && !mode)
    throw new Error(`interactiveMode must be specified for ${userName} to use exec authentication plugin`);
  const args = Array.isArray(e['args']) ? e['args'].map(String) : undefined;
  const env = Array.isArray(e['env'])
    ? e['env'].map((v: unknown) => ({
        name: String((isObject(v) ? v['name'] : undefined) ?? ''),
        value: String((isObject(v) ? v['value'] : undefined) ?? ''),
      }))
    : undefined;
  return {
    command: e['command'],
    apiVersion,
    interactiveMode: mode || 'IfAvailable',
    provideClusterInfo: e['provideClusterInfo'] === true,
    ...(args ? { args } : {}),
    ...(env ? { env } : {}),
    ...(typeof e['installHint'] === 'string' ? { installHint: e['installHint'] } : {}),
  };
}

/** client-go's `isInteractive` with stdin unavailable: the dashboard has the terminal. */
function checkInteractive(mode: string | undefined): void {
  if (mode === 'Never' || mode === 'IfAvailable') return;
  if (mode === 'Always')
    throw new Error(
      'exec plugin cannot support interactive mode: standard input is unavailable: podscope runs full-screen and keeps the terminal',
    );
  throw new Error(`exec plugin cannot support interactive mode: unknown interactiveMode: "${mode}"`);
}

/** KUBERNETES_EXEC_INFO's cluster (client-go `ConfigToExecCluster`): the CA as data, file or not. */
function execCluster(cluster: Cluster): Record<string, unknown> {
  let ca = cluster.caData;
  if (!ca && cluster.caFile) ca = readFileSync(cluster.caFile).toString('base64');
  return {
    server: cluster.server,
    ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(ca ? { 'certificate-authority-data': ca } : {}),
    ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A klog line of severity E or F (`F1207 00:08:42.748917   20574 cred.go:145] …`), as Go plugins log failures. */
const KLOG_ERROR = /^[EF]\d{4} [\d:.]+\s+\d+ [^\]]+\] /;

/**
 * What a failed plugin said, in one line. A Go plugin (gke-gcloud-auth-plugin) logs its failure as a klog line whose
 * message runs over several lines: that line and what follows. Otherwise the last line with words in it: after a
 * usage dump, a blank line, or a lone ")", that is the error (aws: "Unable to locate credentials. …").
 */
export function pluginMessage(stderr: string): string {
  const lines = stderr.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (KLOG_ERROR.test(lines[i] ?? '')) return oneLine(lines.slice(i).join(' ').replace(KLOG_ERROR, ''));
  }
  const worded = lines.map((l) => l.trim()).filter((l) => /[A-Za-z0-9]/.test(l));
  return worded[worded.length - 1] ?? '';
}

interface Output {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(exec: ExecConfig, env: NodeJS.ProcessEnv): Promise<Output> {
  return new Promise((resolve, reject) => {
    // No stdin (the terminal is the dashboard's) and stderr captured: nothing the plugin writes reaches the screen.
    const child = spawn(exec.command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer within ${PLUGIN_TIMEOUT_MS / 1000} s`));
    }, PLUGIN_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') {
        // client-go: "exec: executable %s not found" followed by the installHint.
        reject(
          new Error(
            exec.installHint
              ? `not found: ${oneLine(exec.installHint)}`
              : 'not found (is it installed and on PATH?)',
          ),
        );
      } else if (e.code === 'EACCES') reject(new Error('is not executable (permission denied)'));
      else reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The credential in the plugin's stdout, checked as client-go checks it. */
function parseCredential(exec: ExecConfig, stdout: string, now: number): ExecCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`decoding stdout: ${errorMessage(e)}`);
  }
  const doc = isObject(parsed) ? parsed : {};
  if (doc['kind'] !== 'ExecCredential' || doc['apiVersion'] !== exec.apiVersion)
    throw new Error(
      `exec plugin is configured to use API version ${exec.apiVersion}, plugin returned version ${String(doc['apiVersion'])}`,
    );
  const status = isObject(doc['status']) ? doc['status'] : undefined;
  if (!status) throw new Error("exec plugin didn't return a status field");
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const token = str(status['token']);
  const cert = str(status['clientCertificateData']);
  const key = str(status['clientKeyData']);
  if (!token && !cert && !key) throw new Error("exec plugin didn't return a token or cert/key pair");
  if (!cert !== !key) throw new Error('exec plugin returned only certificate or key, not both');
  const exp = str(status['expirationTimestamp']);
  const expiresAt = exp ? Date.parse(exp) : undefined;
  if (expiresAt !== undefined && Number.isNaN(expiresAt))
    throw new Error(`exec plugin returned an invalid expirationTimestamp "${exp}"`);
  return {
    ...(token ? { token } : {}),
    ...(cert ? { cert, key } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    obtainedAt: now,
  };
}

async function obtain(exec: ExecConfig, cluster: Cluster): Promise<ExecCredential> {
  checkInteractive(exec.interactiveMode);
  const info = {
    apiVersion: exec.apiVersion,
    kind: 'ExecCredential',
    spec: { interactive: false, ...(exec.provideClusterInfo ? { cluster: execCluster(cluster) } : {}) },
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const v of exec.env ?? []) env[v.name] = v.value;
  env['KUBERNETES_EXEC_INFO'] = JSON.stringify(info);
  const out = await run(exec, env);
  if (out.code !== 0) {
    // The plugin's own last word (kubectl shows its whole stderr); the exit code when it said nothing.
    const why = pluginMessage(out.stderr);
    throw new Error(
      why || (out.code === null ? `killed by ${out.signal ?? 'a signal'}` : `exit code ${out.code}`),
    );
  }
  return parseCredential(exec, out.stdout, Date.now());
}

function fresh(c: ExecCredential | undefined, now: number): c is ExecCredential {
  if (!c) return false;
  if (c.expiresAt === undefined) return true;
  const margin = Math.min(RENEW_BEFORE_MS, (c.expiresAt - c.obtainedAt) / 2);
  return now < c.expiresAt - margin;
}

/**
 * The plugin's credential for `cluster`: the cached one while it is fresh, else from one run of the plugin (shared
 * by concurrent callers). Throws one line when the plugin is missing, fails or answers something unusable.
 */
export function execCredential(exec: ExecConfig, cluster: Cluster): Promise<ExecCredential> {
  const key = keyOf(exec, cluster);
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = {}));
  if (fresh(entry.credential, Date.now())) return Promise.resolve(entry.credential);
  if (entry.running) return entry.running;
  const e = entry;
  e.running = obtain(exec, cluster).then(
    (c) => {
      e.credential = c;
      e.running = undefined;
      return c;
    },
    (err: unknown) => {
      e.running = undefined;
      throw err;
    },
  );
  return e.running;
}

/**
 * After a 401: drops the cached credential so the next request runs the plugin again (client-go's
 * `maybeRefreshCreds`). A run already under way is the renewal.
 */
export function forgetExecCredential(exec: ExecConfig, cluster: Cluster): void {
  const entry = entries.get(keyOf(exec, cluster));
  if (entry && !entry.running) entry.credential = undefined;
}
