/**
 * The demo's authorization, in kube-apiserver's order (pkg/kubeapiserver/authorizer/config.go with
 * `--authorization-mode=Node,RBAC`, combined by k8s.io/apiserver pkg/authorization/union): members of
 * system:masters are allowed everything (authorizerfactory.NewPrivilegedGroups), the Node authorizer has no opinion
 * on anyone but kubelets (the demo has none), then RBAC decides from the Roles and bindings in the store
 * (plugin/pkg/auth/authorizer/rbac/rbac.go Authorize). Before all of them, the resources the server was started with
 * as `forbidden` are refused to everyone (DemoServerOptions.forbidden: a dashboard under a restricted role without
 * writing one).
 *
 * A refusal is answered as responsewriters.Forbidden does: `forbiddenMessage` wrapped by errors.NewForbidden, the
 * authorizer's reason appended after `: ` when there is one (RBAC gives one only when a binding names a missing role).
 */
import type { ObjectStore } from '../store/objectStore.js';
import type { StatusDetails } from '../http/status.js';
import type { Attributes } from './requestAttributes.js';
import { aggregateMessage, RbacResolver } from './rbacResolver.js';
import type { PolicyRule } from './rbacRules.js';
import { ruleAllows } from './rbacRules.js';

/** user.SystemPrivilegedGroup */
export const SYSTEM_MASTERS = 'system:masters';

export interface Decision {
  allowed: boolean;
  /** What the deciding authorizer said (`RBAC: allowed by …`), or the reasons of all of them when none allowed. */
  reason: string;
}

export class DemoAuthorizer {
  readonly rbac: RbacResolver;

  constructor(
    store: ObjectStore,
    private readonly forbidden: readonly string[] = [],
  ) {
    this.rbac = new RbacResolver(store);
  }

  authorize(a: Attributes): Decision {
    if (a.kind === 'resource' && this.forbidden.includes(a.resource)) return { allowed: false, reason: '' };
    if (a.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
    let allowedBy: string | undefined;
    const errors: string[] = [];
    this.rbac.visitRulesFor(a.user, a.kind === 'resource' ? a.namespace : '', (source, rule, err) => {
      if (rule && ruleAllows(a, rule)) {
        allowedBy = source;
        return false;
      }
      if (err) errors.push(err);
      return true;
    });
    if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregateMessage(errors)}` : '' };
  }

  /** The rules a SelfSubjectRulesReview lists for the user in `namespace` (the union's RulesFor: RBAC's). */
  rulesFor(a: { user: Attributes['user'] }, namespace: string): { rules: PolicyRule[]; error?: string } {
    const { rules, errors } = this.rbac.rulesFor(a.user, namespace);
    return errors.length ? { rules, error: aggregateMessage(errors) } : { rules };
  }
}

/** responsewriters.forbiddenMessage */
function forbiddenMessage(a: Attributes): string {
  const user = JSON.stringify(a.user.username);
  if (a.kind === 'nonResource') return `User ${user} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${user} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${scope}`;
}

/** The 403 Status's message and details (errors.NewForbidden over the resource, without the subresource). */
export function forbiddenStatus(a: Attributes, reason: string): { message: string; details: StatusDetails } {
  const why = reason ? `${forbiddenMessage(a)}: ${reason}` : forbiddenMessage(a);
  if (a.kind === 'nonResource') return { message: `forbidden: ${why}`, details: {} };
  const gr = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const message = a.name
    ? `${gr} ${JSON.stringify(a.name)} is forbidden: ${why}`
    : `${gr} is forbidden: ${why}`;
  return {
    message,
    details: {
      ...(a.name ? { name: a.name } : {}),
      ...(a.apiGroup ? { group: a.apiGroup } : {}),
      ...(a.resource ? { kind: a.resource } : {}),
    },
  };
}
