/**
 * Where the real control plane's binaries live: outside the repo, in the user's cache directory, keyed by the
 * versions in ./versions.json, so a machine builds each set of versions once and a version bump builds anew.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Versions {
  kubernetes: string;
  etcd: string;
  kwok: string;
  /** Staging modules pinned to another release than the Kubernetes version (see versions.json). */
  stagingOverrides: Record<string, string>;
}

export const CLUSTER_DIR = dirname(fileURLToPath(import.meta.url));

export function readVersions(): Versions {
  const raw = JSON.parse(readFileSync(join(CLUSTER_DIR, 'versions.json'), 'utf8')) as Versions;
  const overrides = Object.fromEntries(
    Object.entries(raw.stagingOverrides).filter(([k]) => !k.startsWith('$')),
  );
  return { ...raw, stagingOverrides: overrides };
}

/** The binaries one control plane needs, by name. */
export const BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;
export type Binary = (typeof BINARIES)[number];

function cacheRoot(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), '.cache'), 'podscope', 'cluster');
}

/** The build directory of these versions (go.mod files under src/, binaries under bin/). */
export function buildDir(v: Versions = readVersions()): string {
  return join(cacheRoot(), `k8s-${v.kubernetes}_etcd-${v.etcd}_kwok-${v.kwok}`);
}

export function binaryPath(name: Binary, v: Versions = readVersions()): string {
  return join(buildDir(v), 'bin', name);
}

/** The binaries not built yet for these versions (empty when the control plane can start). */
export function missingBinaries(v: Versions = readVersions()): Binary[] {
  return BINARIES.filter((b) => !existsSync(binaryPath(b, v)));
}
