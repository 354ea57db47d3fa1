/** Access reviews: what kubectl auth can-i and auth whoami ask the API server, answered for the admin user. */
import type { Scenario } from '../scenario.js';
import { at, statusView } from '../views.js';

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const SSR = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

/** The rules as a set: the RBAC authorizer gathers them from role bindings in no fixed order. */
function sortedRules(status: unknown): unknown {
  if (status === null || typeof status !== 'object') return status;
  const sortBy = (xs: unknown) =>
    Array.isArray(xs) ? [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : xs;
  const st = status as Record<string, unknown>;
  return {
    ...st,
    resourceRules: sortBy(st['resourceRules']),
    nonResourceRules: sortBy(st['nonResourceRules']),
  };
}

const review = (r: { status: number; json: unknown }) =>
  r.status >= 400
    ? statusView(r as Parameters<typeof statusView>[0])
    : {
        http: r.status,
        kind: at(r.json, 'kind') ?? null,
        apiVersion: at(r.json, 'apiVersion') ?? null,
        spec: at(r.json, 'spec') ?? null,
        status: at(r.json, 'status') ?? null,
      };

export const authReviews: Scenario = {
  name: 'auth-reviews',
  about:
    'SelfSubjectAccessReview (resource and non-resource), SelfSubjectRulesReview, SelfSubjectReview (groups)',
  async run(s) {
    const post = (label: string, path: string, body: object) =>
      s.req(label, { method: 'POST', path, body }, review);
    await post('can list pods', SSAR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'list', resource: 'pods', namespace: s.ns } },
    });
    await post('can get /healthz', SSAR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { nonResourceAttributes: { verb: 'get', path: '/healthz' } },
    });
    await post('no attributes', SSAR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {},
    });
    await s.req(
      'rules',
      {
        method: 'POST',
        path: SSRR,
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          spec: { namespace: s.ns },
        },
      },
      (r) => {
        const v = review(r);
        return 'status' in v && r.status < 400 ? { ...v, status: sortedRules(v.status) } : v;
      },
    );
    await s.req(
      'whoami groups',
      {
        method: 'POST',
        path: SSR,
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      },
      (r) =>
        r.status >= 400
          ? statusView(r)
          : {
              http: r.status,
              kind: at(r.json, 'kind') ?? null,
              groups: at(r.json, 'status.userInfo.groups') ?? null,
            },
    );
    await s.req('list access reviews', { path: SSAR }, statusView);
  },
};

export const AUTH_SCENARIOS = [authReviews];
