/**
 * The differences between the demo cluster and a real kube-apiserver 1.32 that the differential runner
 * (./differential/) finds and that are not fixed, each with its reason. test/real/differential.test.ts holds
 * every scenario to this list: a scenario not listed must be identical, a listed one must still differ where
 * listed (remove the entry when it is fixed).
 */
import type { KnownDifference } from './differential/known.js';

const KWOK =
  'the real control plane runs kwok, not kubelets: no image is pulled and no process runs, so the misspelt ' +
  'webserver image and the crasher run like the rest (the demo shows ImagePullBackOff and CrashLoopBackOff), and ' +
  'kube-scheduler places pods by its scores where the demo goes round-robin; it runs no kube-system pods either';

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  { scenario: 'kubectl-get-seed', reason: KWOK },
  { scenario: 'table-seed-pods', reason: KWOK },
  {
    scenario: 'create-errors',
    steps: ['bad JSON'],
    reason:
      "a body that is not JSON: the API server quotes encoding/json's error and the body; the demo's decoder " +
      "words V8's error (src/demo/http/body.ts)",
    owner: 'proto',
  },
  {
    scenario: 'patch-types',
    steps: ['merge: changes a forbidden spec field'],
    reason:
      'the API server appends a Go cmp.Diff of the internal PodSpec to the message of a forbidden pod update; ' +
      "the demo gives the message without Go's struct diff",
  },
  {
    scenario: 'ephemeral-containers',
    steps: ['change its image (invalid)'],
    reason:
      'the API server appends a Go cmp.Diff of the internal EphemeralContainer to the message; the demo does not',
  },
  {
    scenario: 'server-side-apply',
    steps: ['apply: bad YAML'],
    reason: "a YAML body that does not parse: the API server words go-yaml's error, the demo js-yaml's",
  },
  {
    scenario: 'kubectl-auth',
    steps: ['auth whoami (groups)'],
    reason:
      "kubectl sends SelfSubjectReview as protobuf, and the demo's protobuf schema cannot have it yet: its " +
      'UserInfo.extra is a map of authentication.ExtraValue, a named []string the generator has no Go struct for ' +
      '(scripts/protobuf/generate.ts); access and rules reviews are in the schema and answered alike',
    owner: 'proto',
  },
  {
    scenario: 'kubectl-discovery',
    reason:
      'the demo names itself (v1.32.0-podscope-demo, its own build data) and serves only the resources podscope ' +
      'reads (pods, events, nodes, namespaces, the workload kinds, RBAC, metrics), not the whole API',
  },
];

/**
 * RBAC differences the scenarios above cannot show (they act as the admin, a member of system:masters, whom RBAC
 * never asks): what the demo's authorizer and RBAC storage leave out, each with its reason. The restricted users'
 * answers themselves — 403 bodies, access reviews, `kubectl auth can-i [--list]`, tables, 422s — are compared with
 * the real server by test/real/rbac.test.ts and do not differ.
 */
export const RBAC_UNCOMPARED_DIFFERENCES: { what: string; reason: string }[] = [
  {
    what: 'which binding an allowed request is credited to',
    reason:
      "an access review's reason names the first binding that allows (`RBAC: allowed by ClusterRoleBinding …`); " +
      "the real server visits bindings in its informer cache's order, a Go map's, which changes from run to run; " +
      'the demo visits them by name. When several bindings allow (get /healthz: system:discovery and ' +
      'system:public-info-viewer) the two may name different ones; the rules a rules review lists come in those ' +
      'orders too (kubectl auth can-i --list printed them alike in every run here)',
  },
  {
    what: 'escalation prevention',
    reason:
      'the real server refuses a user creating or updating a Role, ClusterRole or binding that grants what the ' +
      'user does not hold, unless it has `escalate`/`bind` (pkg/registry/rbac/*/policybased, ' +
      'ConfirmNoEscalation); the demo only asks the authorizer — only its admin can write RBAC objects, and ' +
      'system:masters is exempt from that check upstream too',
  },
  {
    what: 'bootstrap policy',
    reason:
      'only the default ClusterRoles and bindings users rely on are created (cluster-admin, admin, edit, view, ' +
      'system:aggregate-to-*, system:basic-user, system:discovery, system:public-info-viewer), not the ' +
      "controllers' and nodes' own (system:controller:*, system:node, …): `kubectl get clusterroles` lists fewer",
  },
  {
    what: 'aggregation field manager',
    reason:
      'an aggregated ClusterRole rewritten by the demo keeps its managedFields; the real controller applies the ' +
      'rules as field manager clusterrole-aggregation-controller',
  },
  {
    what: 'impersonation and service accounts',
    reason:
      'the demo has no impersonation filter (`kubectl --as` is not honoured) and no service-account tokens: a ' +
      'ServiceAccount subject matches only a user named system:serviceaccount:NS:NAME (e.g. by client certificate)',
  },
];
