/**
 * `npm run protobuf:schema`: writes src/demo/protobuf/schema.ts, the table of the protobuf messages the demo
 * cluster decodes (field numbers, JSON names and how Go's encoding/json writes each field), from two published
 * sources of the Kubernetes release in test/cluster/versions.json, read from the Go module cache:
 *
 * - each package's generated.proto: field numbers, wire types, repeated and map fields, message types;
 * - the Go structs' tags in the same package: the JSON name (`json:"name,omitempty"` or `json:",inline"`),
 *   `omitempty`, and whether the Go field is a pointer (a pointer that is set is written even when zero).
 *
 * Only interface data is taken (numbers and names); the decoder that reads it is hand-written
 * (src/demo/protobuf/). The messages are those reachable from ROOTS; the types whose JSON is not a plain object
 * (Time, Quantity, IntOrString…) are decoded by src/demo/protobuf/special.ts. Needs Go on PATH.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPECIAL } from '../../src/demo/protobuf/special.js';
import { FLAG } from '../../src/demo/protobuf/table.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(REPO, 'src', 'demo', 'protobuf', 'schema.ts');

/** The objects a client may send as protobuf to the resources the demo serves, plus DeleteOptions. */
const ROOTS = [
  'core.Namespace',
  'core.Pod',
  'core.Node',
  'core.Event',
  'apps.Deployment',
  'apps.ReplicaSet',
  'apps.StatefulSet',
  'apps.DaemonSet',
  'batch.Job',
  'batch.CronJob',
  'meta.DeleteOptions',
  'rbac.Role',
  'rbac.ClusterRole',
  'rbac.RoleBinding',
  'rbac.ClusterRoleBinding',
  'authorization.SelfSubjectAccessReview',
  'authorization.SelfSubjectRulesReview',
  // Issue 16: `kubectl create service`, `kubectl expose` send a Service as protobuf.
  'core.Service',
  'core.Endpoints',
  'discovery.EndpointSlice',
];

/**
 * Types with a MarshalJSON of their own that special.ts does not decode yet: reaching one from ROOTS is an error
 * here (decoding it as a plain message would give the wrong JSON).
 */
const CUSTOM_JSON = new Set(['meta.Duration', 'runtime.RawExtension', 'runtime.Unknown', 'meta.Fields']);

interface Pkg {
  /** Short name used in the table. */
  alias: string;
  module: 'k8s.io/api' | 'k8s.io/apimachinery';
  dir: string;
  protoPackage: string;
}

const PACKAGES: Pkg[] = [
  { alias: 'core', module: 'k8s.io/api', dir: 'core/v1', protoPackage: 'k8s.io.api.core.v1' },
  { alias: 'apps', module: 'k8s.io/api', dir: 'apps/v1', protoPackage: 'k8s.io.api.apps.v1' },
  { alias: 'rbac', module: 'k8s.io/api', dir: 'rbac/v1', protoPackage: 'k8s.io.api.rbac.v1' },
  { alias: 'batch', module: 'k8s.io/api', dir: 'batch/v1', protoPackage: 'k8s.io.api.batch.v1' },
  { alias: 'discovery', module: 'k8s.io/api', dir: 'discovery/v1', protoPackage: 'k8s.io.api.discovery.v1' },
  {
    alias: 'authorization',
    module: 'k8s.io/api',
    dir: 'authorization/v1',
    protoPackage: 'k8s.io.api.authorization.v1',
  },
  {
    alias: 'meta',
    module: 'k8s.io/apimachinery',
    dir: 'pkg/apis/meta/v1',
    protoPackage: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  {
    alias: 'resource',
    module: 'k8s.io/apimachinery',
    dir: 'pkg/api/resource',
    protoPackage: 'k8s.io.apimachinery.pkg.api.resource',
  },
  {
    alias: 'intstr',
    module: 'k8s.io/apimachinery',
    dir: 'pkg/util/intstr',
    protoPackage: 'k8s.io.apimachinery.pkg.util.intstr',
  },
  {
    alias: 'runtime',
    module: 'k8s.io/apimachinery',
    dir: 'pkg/runtime',
    protoPackage: 'k8s.io.apimachinery.pkg.runtime',
  },
  {
    alias: 'schema',
    module: 'k8s.io/apimachinery',
    dir: 'pkg/runtime/schema',
    protoPackage: 'k8s.io.apimachinery.pkg.runtime.schema',
  },
];

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes', 'double']);

interface ProtoField {
  number: number;
  name: string;
  /** A scalar name or a qualified message name (`core.Container`). */
  type: string;
  label: 'optional' | 'repeated' | 'map';
}

interface GoField {
  /** The Go field's name (an embedded struct's is its type's), which gogo's errors print. */
  go: string;
  json: string;
  inline: boolean;
  omitempty: boolean;
  pointer: boolean;
}

function fail(message: string): never {
  process.stderr.write(`protobuf:schema: ${message}\n`);
  process.exit(1);
}

function moduleDir(module: string, version: string): string {
  const r = spawnSync('go', ['mod', 'download', '-json', `${module}@${version}`], { encoding: 'utf8' });
  if (r.error) fail(`go is not on PATH (${r.error.message})`);
  const info = JSON.parse(r.stdout) as { Dir?: string; Error?: string };
  if (!info.Dir) fail(`go mod download ${module}@${version}: ${info.Error ?? r.stderr.trim()}`);
  return info.Dir;
}

/** `.k8s.io.api.core.v1.PodSpec` or `PodSpec` (same package) → `core.PodSpec`. */
function qualify(written: string, pkg: Pkg): string {
  const type = written.replace(/^\./, '');
  if (SCALARS.has(type)) return type;
  const dot = type.lastIndexOf('.');
  if (dot === -1) return `${pkg.alias}.${type}`;
  const owner = PACKAGES.find((p) => p.protoPackage === type.slice(0, dot));
  if (!owner) fail(`unknown proto package in ${type}`);
  return `${owner.alias}.${type.slice(dot + 1)}`;
}

function parseProto(text: string, pkg: Pkg, into: Map<string, ProtoField[]>): void {
  const src = text.replace(/\/\/.*$/gm, '');
  for (const m of src.matchAll(/^message (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields: ProtoField[] = [];
    for (const f of m[2]!.matchAll(/^\s*(optional|repeated) ([\w.]+) (\w+) = (\d+);/gm)) {
      fields.push({
        label: f[1] as 'optional' | 'repeated',
        type: qualify(f[2]!, pkg),
        name: f[3]!,
        number: Number(f[4]),
      });
    }
    for (const f of m[2]!.matchAll(/^\s*map<(\w+), ([\w.]+)> (\w+) = (\d+);/gm)) {
      if (f[1] !== 'string') fail(`${m[1]}.${f[3]}: map key ${f[1]}`);
      fields.push({ label: 'map', type: qualify(f[2]!, pkg), name: f[3]!, number: Number(f[4]) });
    }
    if (/^\s*message /m.test(m[2]!)) fail(`${m[1]}: nested messages are not handled`);
    into.set(`${pkg.alias}.${m[1]}`, fields);
  }
}

/** Go struct fields with a protobuf tag, by struct and field number. */
function parseGo(text: string, pkg: Pkg, into: Map<string, Map<number, GoField>>): void {
  for (const m of text.matchAll(/^type (\w+) struct \{([\s\S]*?)^\}/gm)) {
    const fields = new Map<number, GoField>();
    for (const line of m[2]!.split('\n')) {
      const f = /^\s*(?:(\w+)\s+)?(\S+)\s+`(.*)`\s*$/.exec(line);
      if (!f) continue;
      const tags = f[3]!;
      const proto = /protobuf:"\w+,(\d+),/.exec(tags);
      if (!proto) continue;
      const json = /json:"([^"]*)"/.exec(tags)?.[1] ?? '';
      const [name = '', ...opts] = json.split(',');
      fields.set(Number(proto[1]), {
        go: f[1] ?? f[2]!.replace(/^\*?(\w+\.)?/, ''),
        json: name,
        inline: opts.includes('inline'),
        omitempty: opts.includes('omitempty'),
        // `Name *T` is a pointer; an embedded `*T` (no field name) would be too.
        pointer: f[2]!.startsWith('*'),
      });
    }
    if (fields.size > 0) into.set(`${pkg.alias}.${m[1]}`, fields);
  }
}

function main(): void {
  const versions = JSON.parse(readFileSync(join(REPO, 'test', 'cluster', 'versions.json'), 'utf8')) as {
    kubernetes: string;
  };
  const staging = versions.kubernetes.replace(/^v1\./, 'v0.');
  const dirs = new Map<string, string>();
  const protos = new Map<string, ProtoField[]>();
  const goFields = new Map<string, Map<number, GoField>>();
  for (const pkg of PACKAGES) {
    if (!dirs.has(pkg.module)) dirs.set(pkg.module, moduleDir(pkg.module, staging));
    const dir = join(dirs.get(pkg.module)!, pkg.dir);
    parseProto(readFileSync(join(dir, 'generated.proto'), 'utf8'), pkg, protos);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_generated')) continue;
      if (file === 'generated.pb.go') continue;
      parseGo(readFileSync(join(dir, file), 'utf8'), pkg, goFields);
    }
  }

  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || name in SPECIAL || SCALARS.has(name)) return;
    if (CUSTOM_JSON.has(name)) fail(`${name} has its own JSON form: decode it in special.ts first`);
    seen.add(name);
    const fields = protos.get(name);
    if (!fields) fail(`no message ${name}`);
    order.push(name);
    for (const f of fields) visit(f.type);
  };
  ROOTS.forEach(visit);

  const lines: string[] = [];
  let count = 0;
  for (const name of order.sort()) {
    const go = goFields.get(name);
    if (!go) fail(`no Go struct for ${name}`);
    const proto = new Map(protos.get(name)!.map((f) => [f.number, f]));
    const entries: string[] = [];
    // Go's declaration order, which is the order encoding/json writes the fields in.
    for (const [number, g] of go) {
      const f = proto.get(number);
      if (!f) fail(`${name}: Go field ${g.json} has protobuf number ${number}, not in generated.proto`);
      proto.delete(number);
      const flags =
        (f.label === 'repeated' ? FLAG.repeated : 0) |
        (f.label === 'map' ? FLAG.map : 0) |
        (g.pointer ? FLAG.pointer : 0) |
        (g.omitempty ? FLAG.omitempty : 0) |
        (g.inline ? FLAG.inline : 0);
      if (g.inline && (SCALARS.has(f.type) || f.label !== 'optional')) fail(`${name}.${f.name}: odd inline`);
      entries.push(`[${number}, '${g.json}', '${f.type}', ${flags}, '${g.go}']`);
      count++;
    }
    if (proto.size > 0) fail(`${name}: proto fields without a Go field: ${[...proto.keys()].join(', ')}`);
    lines.push(`  '${name}': [${entries.join(', ')}],`);
  }

  const text = `// Generated by \`npm run protobuf:schema\` (scripts/protobuf/generate.ts) from generated.proto and the Go struct
// tags of k8s.io/api and k8s.io/apimachinery ${staging}. Do not edit: change the script and run it again.
import type { MessageTable } from './table.js';

/** ${order.length} messages, ${count} fields: [number, JSON name ('' when inline), type, flags (table.ts), Go name]. */
export const MESSAGES: MessageTable = {
${lines.join('\n')}
};
`;
  writeFileSync(OUT, text);
  const prettier = spawnSync('npx', ['prettier', '--write', OUT], { cwd: REPO, encoding: 'utf8' });
  if (prettier.status !== 0) fail(`prettier: ${prettier.stderr}`);
  process.stdout.write(`wrote ${OUT}: ${order.length} messages, ${count} fields\n`);
}

main();
