/**
 * Which RBAC rules apply to a user in a namespace, read from the demo's store: every ClusterRoleBinding naming the
 * user (or one of its groups), then every RoleBinding in the namespace — upstream's DefaultRuleResolver
 * (pkg/registry/rbac/validation/rule.go VisitRulesFor, appliesToUser, GetRoleReferenceRules, the describers).
 * A binding whose role is missing contributes an error instead of rules, worded as the lister's NotFound.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { ObjectStore } from '../store/objectStore.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, ROLE_BINDINGS, ROLES } from '../store/resourceTypes.js';
import type { PolicyRule } from './rbacRules.js';
import { rulesOf } from './rbacRules.js';
import type { UserInfo } from './userInfo.js';

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  kind: string;
  name: string;
  apiGroup?: string;
}

interface Binding extends KubeObject {
  subjects?: Subject[];
  roleRef?: RoleRef;
}

/** Called with each rule and where it came from, or with an error; returning false stops the visit. */
export type RuleVisitor = (source: string | undefined, rule: PolicyRule | undefined, err?: string) => boolean;

/** serviceaccount.MatchesUsername: `system:serviceaccount:NS:NAME`. */
function matchesServiceAccount(namespace: string, name: string, username: string): boolean {
  return username === `system:serviceaccount:${namespace}:${name}`;
}

function appliesToUser(user: UserInfo, s: Subject, namespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.username === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || namespace;
      return ns.length > 0 && matchesServiceAccount(ns, s.name, user.username);
    }
    default:
      return false;
  }
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') {
    return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  }
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

export class RbacResolver {
  constructor(private readonly store: ObjectStore) {}

  /** The rules a role reference names, or the error the API server's listers give for a missing role. */
  private roleRules(ref: RoleRef | undefined, namespace: string): PolicyRule[] | string {
    const kind = ref?.kind ?? '';
    const name = ref?.name ?? '';
    if (kind === 'Role') {
      const role = namespace ? this.store.get(ROLES, namespace, name) : undefined;
      return role ? rulesOf(role) : `role.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`;
    }
    if (kind === 'ClusterRole') {
      const role = this.store.get(CLUSTER_ROLES, undefined, name);
      return role ? rulesOf(role) : `clusterrole.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`;
    }
    return `unsupported role reference kind: ${JSON.stringify(kind)}`;
  }

  /** Visits the rules that apply to `user` in `namespace` ('' for cluster-scoped requests), as VisitRulesFor. */
  visitRulesFor(user: UserInfo, namespace: string, visit: RuleVisitor): void {
    const scopes: { type: typeof ROLE_BINDINGS; ns: string }[] = [{ type: CLUSTER_ROLE_BINDINGS, ns: '' }];
    if (namespace) scopes.push({ type: ROLE_BINDINGS, ns: namespace });
    for (const { type, ns } of scopes) {
      for (const o of this.store.list(type, ns || undefined)) {
        const b = o as Binding;
        const subject = (b.subjects ?? []).find((s) => appliesToUser(user, s, ns));
        if (!subject) continue;
        const rules = this.roleRules(b.roleRef, ns);
        if (typeof rules === 'string') {
          if (!visit(undefined, undefined, rules)) return;
          continue;
        }
        const bindingName = ns ? `${b.metadata?.name ?? ''}/${ns}` : (b.metadata?.name ?? '');
        const source =
          `${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${JSON.stringify(bindingName)} of ` +
          `${b.roleRef?.kind ?? ''} ${JSON.stringify(b.roleRef?.name ?? '')} to ${describeSubject(subject, ns)}`;
        for (const rule of rules) if (!visit(source, rule)) return;
      }
    }
  }

  /** Every rule that applies, and the resolution errors (RulesFor). */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, err) => {
      if (rule) rules.push(rule);
      if (err) errors.push(err);
      return true;
    });
    return { rules, errors };
  }
}

/** utilerrors.NewAggregate(errs).Error(): one message as is, several deduplicated in brackets. */
export function aggregateMessage(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}
