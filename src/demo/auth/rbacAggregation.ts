/**
 * The clusterrole-aggregation controller (pkg/controller/clusterroleaggregation, syncClusterRole): a ClusterRole
 * with an aggregationRule gets, as its rules, the rules of every other ClusterRole its selectors pick — selector
 * by selector, roles by name, each rule once — rewritten whenever a ClusterRole changes. `admin`, `edit` and
 * `view` are built so from the system:aggregate-to-* roles, and a role a user labels
 * `rbac.authorization.k8s.io/aggregate-to-view: "true"` extends `view` at once.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { Requirement } from '../api/labelSelector.js';
import { matchesRequirements } from '../api/labelSelector.js';
import type { ObjectStore } from '../store/objectStore.js';
import { CLUSTER_ROLES } from '../store/resourceTypes.js';
import type { PolicyRule } from './rbacRules.js';
import { rulesOf } from './rbacRules.js';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const OPERATORS: Record<string, Requirement['op']> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/** metav1.LabelSelectorAsSelector; an operator it does not know selects nothing (the controller's error). */
function requirements(s: LabelSelector): Requirement[] | undefined {
  const reqs: Requirement[] = Object.entries(s.matchLabels ?? {}).map(([key, v]) => ({
    key,
    op: '=',
    values: [v],
  }));
  for (const e of s.matchExpressions ?? []) {
    const op = OPERATORS[e.operator];
    if (!op) return undefined;
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The rules an aggregated role should have now. */
function aggregatedRules(role: KubeObject, all: readonly KubeObject[]): PolicyRule[] {
  const selectors = ((role['aggregationRule'] as { clusterRoleSelectors?: LabelSelector[] } | undefined)
    ?.clusterRoleSelectors ?? []) as LabelSelector[];
  const rules: PolicyRule[] = [];
  const byName = [...all].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const selector of selectors) {
    const reqs = requirements(selector);
    if (!reqs) continue;
    for (const other of byName) {
      if (other.metadata?.name === role.metadata?.name) continue;
      if (!matchesRequirements(reqs, other.metadata?.labels)) continue;
      for (const rule of rulesOf(other)) if (!rules.some((r) => same(r, rule))) rules.push(rule);
    }
  }
  return rules;
}

/** Keeps aggregated ClusterRoles up to date; returns the unsubscribe function. */
export function startClusterRoleAggregation(store: ObjectStore): () => void {
  let pending = false;
  const sync = (): void => {
    pending = false;
    const all = store.list(CLUSTER_ROLES);
    for (const role of all) {
      if (!role['aggregationRule']) continue;
      const rules = aggregatedRules(role, all);
      // equality.Semantic.DeepEqual: an empty list and none are the same.
      const current = rulesOf(role);
      if (same(rules, current)) continue;
      store.update(CLUSTER_ROLES, undefined, role.metadata!.name!, (o) => {
        o['rules'] = rules;
      });
    }
  };
  sync();
  return store.subscribe((c) => {
    if (c.resource !== CLUSTER_ROLES || pending) return;
    pending = true;
    queueMicrotask(sync);
  });
}
