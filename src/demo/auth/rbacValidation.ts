/**
 * What the API server does to RBAC objects before storing them: the defaults (pkg/apis/rbac/v1 defaults.go:
 * a binding's roleRef.apiGroup, a User or Group subject's apiGroup is rbac.authorization.k8s.io) and the
 * validation (pkg/apis/rbac/validation/validation.go: ValidateRole, ValidateClusterRole, ValidateRoleBinding,
 * ValidateClusterRoleBinding, their Update forms, ValidatePolicyRule, ValidateRoleBindingSubject), refused as
 * a 422 Invalid worded as errors.NewInvalid words it.
 */
import type { KubeObject } from '../../domain/wire.js';
import { ApiError } from '../api/apiErrors.js';
import type { FieldError } from '../sim/fieldErrors.js';
import { invalid, invalidStatus, notSupported, required } from '../sim/fieldErrors.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, RBAC_TYPES, ROLE_BINDINGS } from '../store/resourceTypes.js';
import type { PolicyRule } from './rbacRules.js';
import type { RoleRef, Subject } from './rbacResolver.js';

const GROUP = 'rbac.authorization.k8s.io';

/** The top-level fields of the RBAC kinds besides metadata: what an update may change. */
export const RBAC_FIELDS = ['rules', 'aggregationRule', 'roleRef', 'subjects'] as const;

export function isRbacType(type: ResourceType): boolean {
  return RBAC_TYPES.includes(type);
}

/** path.IsValidPathSegmentName, as ValidateRBACName. */
function nameProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

function isBinding(type: ResourceType): boolean {
  return type === ROLE_BINDINGS || type === CLUSTER_ROLE_BINDINGS;
}

/** A list field left out when empty, as `omitempty` does. */
function list(key: string, v: unknown): Record<string, unknown> {
  return Array.isArray(v) && v.length > 0 ? { [key]: v } : {};
}

/** rbacv1.PolicyRule's fields in Go's order; verbs has no omitempty. */
function wireRule(r: PolicyRule): PolicyRule {
  return {
    verbs: r.verbs ?? null,
    ...list('apiGroups', r.apiGroups),
    ...list('resources', r.resources),
    ...list('resourceNames', r.resourceNames),
    ...list('nonResourceURLs', r.nonResourceURLs),
  } as PolicyRule;
}

/**
 * SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding / SetDefaults_Subject, and the fields in the order
 * and with the emptiness the API server writes them (a role's `rules` has no omitempty: null when absent).
 */
export function normaliseRbacObject(type: ResourceType, o: KubeObject): KubeObject {
  const { rules, aggregationRule, roleRef, subjects, ...rest } = o;
  if (!isBinding(type)) {
    return {
      ...rest,
      rules: Array.isArray(rules) ? (rules as PolicyRule[]).map(wireRule) : null,
      ...(type === CLUSTER_ROLES && aggregationRule ? { aggregationRule } : {}),
    };
  }
  const ref = (roleRef ?? {}) as RoleRef;
  const subs = Array.isArray(subjects) ? (subjects as Subject[]) : [];
  return {
    ...rest,
    ...list(
      'subjects',
      subs.map((s) => ({
        kind: s.kind ?? '',
        ...(s.apiGroup || s.kind === 'User' || s.kind === 'Group' ? { apiGroup: s.apiGroup || GROUP } : {}),
        name: s.name ?? '',
        ...(s.namespace ? { namespace: s.namespace } : {}),
      })),
    ),
    roleRef: { apiGroup: ref.apiGroup || GROUP, kind: ref.kind ?? '', name: ref.name ?? '' },
  };
}

/** field.Invalid of a value that is not a string (a list, a struct): printed as Go's %#v, unquoted. */
function goValueInvalid(field: string, shown: string, detail: string): FieldError {
  return { type: 'Invalid', field, detail: `${shown}: ${detail}` };
}

function ruleErrors(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) errs.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    const shown = `[]string{${urls.map((u) => JSON.stringify(u)).join(', ')}}`;
    if (namespaced) {
      errs.push(
        goValueInvalid(
          `${path}.nonResourceURLs`,
          shown,
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    }
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(
        goValueInvalid(
          `${path}.nonResourceURLs`,
          shown,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if (!rule.apiGroups?.length) {
    errs.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  }
  if (!rule.resources?.length) {
    errs.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  }
  return errs;
}

function subjectErrors(s: Subject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(`${path}.name`, ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.apiGroup) errs.push(notSupported(`${path}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${path}.namespace`, ''));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== GROUP) errs.push(notSupported(`${path}.apiGroup`, s.apiGroup ?? '', [GROUP]));
      break;
    default:
      errs.push(notSupported(`${path}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function objectErrors(type: ResourceType, o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = o.metadata?.name ?? '';
  for (const p of name ? nameProblems(name) : []) errs.push(invalid('metadata.name', name, p));
  if (isBinding(type)) {
    const ref = (o['roleRef'] ?? {}) as RoleRef;
    if (ref.apiGroup !== GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
    const kinds = type === CLUSTER_ROLE_BINDINGS ? ['ClusterRole'] : ['Role', 'ClusterRole'];
    if (!kinds.includes(ref.kind ?? '')) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
    if (!ref.name) errs.push(required('roleRef.name', ''));
    else for (const p of nameProblems(ref.name)) errs.push(invalid('roleRef.name', ref.name, p));
    ((o['subjects'] ?? []) as Subject[]).forEach((s, i) => {
      errs.push(...subjectErrors(s, type === ROLE_BINDINGS, `subjects[${i}]`));
    });
  } else {
    ((o['rules'] ?? []) as PolicyRule[]).forEach((r, i) => {
      errs.push(...ruleErrors(r, type !== CLUSTER_ROLES, `rules[${i}]`));
    });
  }
  return errs;
}

function refuse(type: ResourceType, name: string, errs: FieldError[]): never {
  const kind = `${type.kind}.${GROUP}`;
  const st = invalidStatus(kind, name, errs);
  throw new ApiError(422, 'Invalid', st.message, { name, group: GROUP, kind: type.kind, causes: st.causes });
}

/** A new RBAC object, defaulted; throws the 422 its validation gives. */
export function prepareRbacCreate(type: ResourceType, input: KubeObject): KubeObject {
  const o = normaliseRbacObject(type, input);
  const errs = objectErrors(type, o);
  if (errs.length) refuse(type, o.metadata?.name ?? '', errs);
  return o;
}

/** An updated RBAC object, defaulted; a binding's roleRef may not change (ValidateRoleBindingUpdate). */
export function prepareRbacUpdate(type: ResourceType, before: KubeObject, next: KubeObject): KubeObject {
  const o = normaliseRbacObject(type, next);
  const errs = objectErrors(type, o);
  if (isBinding(type)) {
    const a = (before['roleRef'] ?? {}) as RoleRef;
    const b = (o['roleRef'] ?? {}) as RoleRef;
    if (a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name) {
      // field.Invalid over a struct prints it as Go's %#v.
      const shown = `rbac.RoleRef{APIGroup:${JSON.stringify(b.apiGroup ?? '')}, Kind:${JSON.stringify(b.kind ?? '')}, Name:${JSON.stringify(b.name ?? '')}}`;
      errs.push(goValueInvalid('roleRef', shown, 'cannot change roleRef'));
    }
  }
  if (errs.length) refuse(type, before.metadata?.name ?? '', errs);
  return o;
}
