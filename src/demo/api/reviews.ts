/**
 * The reviews a client POSTs about itself, answered from the demo's authorizer as the API server answers them:
 * SelfSubjectAccessReview (pkg/registry/authorization/selfsubjectaccessreview/rest.go: the authorizer's decision
 * and reason for the request's user on the spec's attributes), SelfSubjectRulesReview
 * (selfsubjectrulesreview/rest.go: the RBAC rules that apply in the namespace, resolution errors as
 * evaluationError), SelfSubjectReview (who the user is). kubectl auth can-i [--list] and auth whoami.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readObject } from '../http/body.js';
import { rfc3339 } from '../store/objectStore.js';
import { fieldManager, managedFieldsEntry } from './managedFields.js';
import { sendJson } from '../http/json.js';
import { sendMethodNotAllowed } from '../http/status.js';
import type { ResourceType } from '../store/resourceTypes.js';
import {
  apiVersionOf,
  SELF_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_RULES_REVIEWS,
} from '../store/resourceTypes.js';
import { ApiError } from './apiErrors.js';
import type { UserInfo } from '../auth/userInfo.js';
import type { DemoAuthorizer } from '../auth/authorizer.js';
import type { PolicyRule } from '../auth/rbacRules.js';
import type { Attributes } from '../auth/requestAttributes.js';

interface ResourceAttributesSpec {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** authorizationutil.ResourceAttributesFrom / NonResourceAttributesFrom. */
function specAttributes(
  user: UserInfo,
  spec: {
    resourceAttributes?: ResourceAttributesSpec;
    nonResourceAttributes?: { path?: string; verb?: string };
  },
): Attributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      kind: 'resource',
      user,
      verb: r.verb ?? '',
      apiGroup: r.group ?? '',
      apiVersion: r.version ?? '',
      namespace: r.namespace ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource ?? '',
      name: r.name ?? '',
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return { kind: 'nonResource', user, verb: n.verb ?? '', path: n.path ?? '' };
}

/** A rule as the review's status lists it: ResourceRule or NonResourceRule, empty lists left out. */
function resourceRule(r: PolicyRule) {
  return {
    verbs: r.verbs,
    ...(r.apiGroups?.length ? { apiGroups: r.apiGroups } : {}),
    ...(r.resources?.length ? { resources: r.resources } : {}),
    ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
  };
}

export async function handleReview(
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  user: UserInfo,
  authorizer: DemoAuthorizer,
  now: number,
): Promise<void> {
  if (req.method !== 'POST') {
    return sendMethodNotAllowed(res);
  }
  // JSON, or protobuf once the demo's protobuf schema has these kinds (scripts/protobuf/generate.ts ROOTS).
  const body = (await readObject(req, { kind: type.kind, apiVersion: apiVersionOf(type) })) ?? {};
  const spec = (body['spec'] ?? {}) as {
    resourceAttributes?: ResourceAttributesSpec;
    nonResourceAttributes?: { path?: string; verb?: string };
  };
  // The create handler records the request's fields under its manager, as for any object (the review is not stored).
  const query = new URL(req.url ?? '/', 'https://127.0.0.1').searchParams;
  const entry = managedFieldsEntry(
    body as Parameters<typeof managedFieldsEntry>[0],
    fieldManager(query, req.headers['user-agent']),
    apiVersionOf(type),
    rfc3339(now),
  );
  const head = {
    kind: type.kind,
    apiVersion: apiVersionOf(type),
    metadata: { creationTimestamp: null, ...(entry ? { managedFields: [entry] } : {}) },
  };
  if (type === SELF_SUBJECT_ACCESS_REVIEWS) {
    if (!spec.resourceAttributes === !spec.nonResourceAttributes) {
      // ValidateSelfSubjectAccessReview; the internal kind is not set, so the message starts with ".group".
      const detail = 'exactly one of nonResourceAttributes or resourceAttributes must be specified';
      const value = spec.resourceAttributes ? 'resourceAttributes' : 'null';
      throw new ApiError(
        422,
        'Invalid',
        `.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "${value}": ${detail}`,
        {
          group: 'authorization.k8s.io',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: `Invalid value: "${value}": ${detail}`,
              field: 'spec.resourceAttributes',
            },
          ],
        },
      );
    }
    const d = authorizer.authorize(specAttributes(user, spec));
    return sendJson(res, 201, {
      ...head,
      spec,
      status: { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) },
    });
  }
  if (type === SELF_SUBJECT_RULES_REVIEWS) {
    const namespace = (body['spec'] as { namespace?: string } | undefined)?.namespace ?? '';
    if (!namespace) throw new ApiError(400, 'BadRequest', 'no namespace on request');
    const { rules, error } = authorizer.rulesFor({ user }, namespace);
    return sendJson(res, 201, {
      ...head,
      spec: {},
      status: {
        resourceRules: rules.filter((r) => (r.resources?.length ?? 0) > 0).map(resourceRule),
        nonResourceRules: rules
          .filter((r) => (r.nonResourceURLs?.length ?? 0) > 0)
          .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
        incomplete: false,
        ...(error ? { evaluationError: error } : {}),
      },
    });
  }
  sendJson(res, 201, {
    ...head,
    status: { userInfo: { username: user.username, groups: user.groups } },
  });
}
