/**
 * `npm run cluster:build`: builds the real control plane (kube-apiserver, kube-controller-manager, kube-scheduler,
 * etcd, kwok) from their Go modules, once per machine and set of versions, into the user's cache directory
 * (./paths.ts). The versions come from ./versions.json alone: for each component a go.mod is written into the
 * cache (never into the repo), `go mod tidy` resolves it through the module proxy and `go build` builds it.
 *
 * k8s.io/kubernetes replaces its k8s.io/* staging modules with local directories, which a dependent module does
 * not inherit; the go.mod written here replaces each one named in Kubernetes' own go.mod with the same release.
 *
 * Without Go on PATH it says so in one line and exits 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Versions } from './paths.js';
import { binaryPath, buildDir, missingBinaries, readVersions } from './paths.js';

interface Component {
  /** The directory under src/ holding its go.mod. */
  dir: string;
  title: string;
  goMod: (v: Versions) => string;
  /** Package path → binary name. */
  packages: Record<string, string>;
  ldflags: (v: Versions) => string;
}

/** `k8s.io/x` modules Kubernetes' go.mod replaces with ./staging/src/k8s.io/x. */
function stagingModules(v: Versions): string[] {
  const r = spawnSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${v.kubernetes}`], {
    encoding: 'utf8',
    cwd: buildDir(v),
  });
  if (r.status !== 0)
    throw new Error(`go mod download k8s.io/kubernetes@${v.kubernetes} failed: ${r.stderr.trim()}`);
  const info = JSON.parse(r.stdout) as { GoMod?: string; Error?: string };
  if (!info.GoMod) throw new Error(`k8s.io/kubernetes@${v.kubernetes}: ${info.Error ?? 'no go.mod'}`);
  const mod = readFileSync(info.GoMod, 'utf8');
  return [...mod.matchAll(/^\s*(k8s\.io\/[\w.-]+)\s+=>\s+\.\/staging\//gm)].map((m) => m[1]!);
}

/** v1.32.13 → v0.32.13, the staging modules' matching release. */
function stagingVersion(kubernetes: string): string {
  return kubernetes.replace(/^v1\./, 'v0.');
}

const COMPONENTS: Component[] = [
  {
    dir: 'kube',
    title: 'kube-apiserver, kube-controller-manager, kube-scheduler',
    goMod: (v) => {
      const replaces = stagingModules(v).map(
        (m) => `\t${m} => ${m} ${v.stagingOverrides[m] ?? stagingVersion(v.kubernetes)}`,
      );
      return [
        'module podscope.test/cluster/kube',
        '',
        'go 1.24.0',
        '',
        `require k8s.io/kubernetes ${v.kubernetes}`,
        '',
        'replace (',
        ...replaces,
        ')',
        '',
      ].join('\n');
    },
    packages: {
      'k8s.io/kubernetes/cmd/kube-apiserver': 'kube-apiserver',
      'k8s.io/kubernetes/cmd/kube-controller-manager': 'kube-controller-manager',
      'k8s.io/kubernetes/cmd/kube-scheduler': 'kube-scheduler',
    },
    // What Kubernetes' own build stamps (hack/lib/version.sh), so /version and kubectl's skew check see the release.
    ldflags: (v) => {
      const [major, minor] = v.kubernetes.replace(/^v/, '').split('.');
      const stamp = (pkg: string) =>
        `-X ${pkg}.gitVersion=${v.kubernetes} -X ${pkg}.gitMajor=${major} -X ${pkg}.gitMinor=${minor} -X ${pkg}.gitTreeState=clean`;
      return `-s -w ${stamp('k8s.io/component-base/version')} ${stamp('k8s.io/client-go/pkg/version')}`;
    },
  },
  {
    dir: 'etcd',
    title: 'etcd',
    goMod: (v) =>
      [
        'module podscope.test/cluster/etcd',
        '',
        'go 1.24.0',
        '',
        `require go.etcd.io/etcd/server/v3 ${v.etcd}`,
        '',
      ].join('\n'),
    packages: { 'go.etcd.io/etcd/server/v3': 'etcd' },
    ldflags: () => '-s -w',
  },
  {
    dir: 'kwok',
    title: 'kwok',
    goMod: (v) =>
      [
        'module podscope.test/cluster/kwok',
        '',
        'go 1.24.0',
        '',
        `require sigs.k8s.io/kwok ${v.kwok}`,
        '',
      ].join('\n'),
    packages: { 'sigs.k8s.io/kwok/cmd/kwok': 'kwok' },
    ldflags: (v) => `-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${v.kwok}`,
  },
];

/** What `go build -o DIR` names a main package's binary: its last path element, less a /vN major suffix. */
function goBinaryName(pkg: string): string {
  const parts = pkg.split('/');
  const last = parts.at(-1)!;
  return /^v\d+$/.test(last) && parts.length > 1 ? parts.at(-2)! : last;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Runs a go command in dir, echoing a progress count of the packages `go build -v` names. */
function go(args: string[], dir: string, progress?: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let packages = 0;
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        // `go build -v` prints one package path a line; anything else is an error worth keeping.
        if (/^[\w.~/-]+$/.test(line)) progress?.((packages += 1));
        else stderr += `${line}\n`;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`go ${args[0]} failed in ${dir}:\n${stderr.trim()}`));
    });
  });
}

function progressPrinter(title: string): (n: number) => void {
  let last = 0;
  return (n) => {
    if (process.stdout.isTTY) process.stdout.write(`\r  ${title}: ${n} packages compiled`);
    else if (n - last >= 250) {
      last = n;
      say(`  ${title}: ${n} packages compiled`);
    }
  };
}

async function buildComponent(c: Component, v: Versions, index: number): Promise<void> {
  const src = join(buildDir(v), 'src', c.dir);
  const bin = join(buildDir(v), 'bin');
  mkdirSync(src, { recursive: true });
  mkdirSync(bin, { recursive: true });
  const started = Date.now();
  say(`[${index}/${COMPONENTS.length}] ${c.title}: resolving modules…`);
  // The packages to build are named as tools (Go 1.24), which keeps `go mod tidy` from dropping them.
  const tools = ['tool (', ...Object.keys(c.packages).map((p) => `\t${p}`), ')', ''].join('\n');
  writeFileSync(join(src, 'go.mod'), `${c.goMod(v)}\n${tools}`);
  await go(['mod', 'tidy'], src);
  say(
    `[${index}/${COMPONENTS.length}] ${c.title}: compiling (a first build takes minutes; later ones use Go's cache)…`,
  );
  const tmp = join(bin, `.tmp-${c.dir}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  await go(
    ['build', '-v', '-ldflags', c.ldflags(v), '-o', tmp, ...Object.keys(c.packages)],
    src,
    progressPrinter(c.title),
  );
  if (process.stdout.isTTY) process.stdout.write('\n');
  // Built into a temporary directory, then moved: a binary in bin/ is always a whole one.
  for (const [pkg, name] of Object.entries(c.packages)) {
    renameSync(join(tmp, goBinaryName(pkg)), binaryPath(name as never, v));
  }
  rmSync(tmp, { recursive: true, force: true });
  say(`[${index}/${COMPONENTS.length}] ${c.title}: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function goVersion(): string | undefined {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

async function main(): Promise<void> {
  const v = readVersions();
  const gv = goVersion();
  if (!gv) {
    process.stderr.write(
      'cluster:build needs Go 1.24 or newer on PATH (go was not found): the real-server tests cannot run without it\n',
    );
    process.exit(1);
  }
  const force = process.argv.includes('--force');
  const missing = missingBinaries(v);
  if (!force && missing.length === 0) {
    say(
      `control plane ${v.kubernetes} (etcd ${v.etcd}, kwok ${v.kwok}) already built in ${join(buildDir(v), 'bin')}`,
    );
    return;
  }
  say(
    `building control plane ${v.kubernetes}, etcd ${v.etcd}, kwok ${v.kwok} with ${gv} into ${buildDir(v)}`,
  );
  mkdirSync(buildDir(v), { recursive: true });
  const started = Date.now();
  let i = 0;
  for (const c of COMPONENTS) {
    i += 1;
    const names = Object.values(c.packages);
    if (!force && names.every((n) => !missing.includes(n as never))) {
      say(`[${i}/${COMPONENTS.length}] ${c.title}: already built`);
      continue;
    }
    await buildComponent(c, v, i);
  }
  say(`control plane built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  process.stderr.write(`cluster:build: ${(e as Error).message}\n`);
  process.exit(1);
});
