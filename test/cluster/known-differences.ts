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
    reason:
      "kubectl sends its access and self-subject reviews as protobuf, and the demo's protobuf schema has no " +
      'SelfSubjectAccessReview, SelfSubjectRulesReview or SelfSubjectReview yet (scripts/protobuf/generate.ts ROOTS); ' +
      'the same reviews as JSON are answered alike (scenario auth-reviews)',
    owner: 'proto',
  },
  {
    scenario: 'kubectl-discovery',
    reason:
      'the demo names itself (v1.32.0-podscope-demo, its own build data) and serves only the resources podscope ' +
      'reads (pods, events, nodes, namespaces, deployments, replicasets, metrics), not the whole API',
  },
];
