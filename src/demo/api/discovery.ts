/**
 * Discovery documents: `/api`, `/api/v1`, `/apis`, `/apis/GROUP[/VERSION]`, `/version`. kubectl asks for the
 * aggregated v2 form first and falls back to these legacy JSON documents, which is all we serve.
 */
import type { ResourceType } from '../store/resourceTypes.js';
import { ALL_TYPES } from '../store/resourceTypes.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-podscope-demo',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function groups(): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const t of ALL_TYPES) {
    if (!t.group) continue;
    const vs = m.get(t.group) ?? new Set<string>();
    vs.add(t.version);
    m.set(t.group, vs);
  }
  return m;
}

function resourceList(groupVersion: string, types: ResourceType[]) {
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories ? { categories: t.categories } : {}),
    });
    for (const s of t.subresources) {
      resources.push({
        name: `${t.plural}/${s.name}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** The discovery document for a path, or undefined when the path is not a discovery path. */
export function discoveryDocument(path: string): unknown {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/version') return SERVER_VERSION;
  if (p === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:443' }],
    };
  }
  if (p === '/api/v1')
    return resourceList(
      'v1',
      ALL_TYPES.filter((t) => t.group === ''),
    );
  const gs = groups();
  if (p === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...gs].map(([name, versions]) => groupDoc(name, [...versions])),
    };
  }
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(p);
  if (m) {
    const versions = gs.get(m[1]!);
    if (!versions) return undefined;
    if (!m[2]) return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(m[1]!, [...versions]) };
    if (!versions.has(m[2])) return undefined;
    return resourceList(
      `${m[1]}/${m[2]}`,
      ALL_TYPES.filter((t) => t.group === m[1] && t.version === m[2]),
    );
  }
  if (p === '/healthz' || p === '/livez' || p === '/readyz') return 'ok';
  if (p === '/openapi/v3') return openApiIndex();
  if (p === '/openapi/v3/api/v1') return openApiGroupVersion('', 'v1');
  const api = /^\/openapi\/v3\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (api && creatableGroupVersions().includes(`${api[1]}/${api[2]}`))
    return openApiGroupVersion(api[1]!, api[2]!);
  return undefined;
}

function groupDoc(name: string, versions: string[]) {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

/** The `group/version`s with a kind that can be created (those kubectl asks OpenAPI about). */
function creatableGroupVersions(): string[] {
  const gvs = ALL_TYPES.filter((t) => t.group && t.verbs.includes('create') && t.listKind).map(
    (t) => `${t.group}/${t.version}`,
  );
  return [...new Set(gvs)];
}

/**
 * OpenAPI v3, only as much as kubectl reads before `create`/`apply`: whether POST and PATCH of the kinds a client
 * may create (core, RBAC, the workloads) take the `fieldValidation` parameter. With that, kubectl validates on the server instead of
 * downloading schemas.
 */
function openApiIndex() {
  return {
    paths: {
      'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=podscope-demo' },
      ...Object.fromEntries(
        creatableGroupVersions().map((gv) => [
          `apis/${gv}`,
          { serverRelativeURL: `/openapi/v3/apis/${gv}?hash=podscope-demo` },
        ]),
      ),
    },
  };
}

function openApiGroupVersion(group: string, version: string) {
  const gvk = (kind: string) => ({ group, version, kind });
  const param = { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } };
  const op = (kind: string, action: string) => ({
    operationId: `${action}${kind}`,
    parameters: [param],
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk(kind),
  });
  const paths: Record<string, unknown> = {};
  const root = group ? `/apis/${group}/${version}` : `/api/${version}`;
  for (const t of ALL_TYPES.filter(
    (x) => x.group === group && x.version === version && x.verbs.includes('create'),
  )) {
    const base = t.namespaced ? `${root}/namespaces/{namespace}/${t.plural}` : `${root}/${t.plural}`;
    paths[base] = { post: op(t.kind, 'post') };
    paths[`${base}/{name}`] = { patch: op(t.kind, 'patch'), put: op(t.kind, 'put') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}
