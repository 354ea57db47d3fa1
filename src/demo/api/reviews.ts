/**
 * The reviews a client POSTs about itself, answered for the demo's one user as the API server answers its
 * admin (a member of system:masters): SelfSubjectAccessReview (allowed, unless the server was started with the
 * resource forbidden), SelfSubjectRulesReview (cluster-admin's rules and those every authenticated user has, as
 * the RBAC authorizer lists them), SelfSubjectReview (who the user is). kubectl auth can-i and auth whoami.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readObject } from '../http/body.js';
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

/** What RBAC gives system:masters (cluster-admin) and system:authenticated (basic-user, discovery, public-info-viewer). */
const RESOURCE_RULES = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  {
    verbs: ['create'],
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
];
const NON_RESOURCE_RULES = [
  { verbs: ['*'], nonResourceURLs: ['*'] },
  { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
  {
    verbs: ['get'],
    nonResourceURLs: [
      '/api',
      '/api/*',
      '/apis',
      '/apis/*',
      '/healthz',
      '/livez',
      '/openapi',
      '/openapi/*',
      '/readyz',
      '/version',
      '/version/',
    ],
  },
];

export async function handleReview(
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  user: UserInfo,
  forbidden: readonly string[],
): Promise<void> {
  if (req.method !== 'POST') {
    return sendMethodNotAllowed(res);
  }
  // JSON, or protobuf once the demo's protobuf schema has these kinds (scripts/protobuf/generate.ts ROOTS).
  const body = (await readObject(req, { kind: type.kind, apiVersion: apiVersionOf(type) })) ?? {};
  const spec = (body['spec'] ?? {}) as {
    resourceAttributes?: { resource?: string };
    nonResourceAttributes?: unknown;
  };
  const head = { kind: type.kind, apiVersion: apiVersionOf(type), metadata: { creationTimestamp: null } };
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
    const denied =
      !!spec.resourceAttributes?.resource && forbidden.includes(spec.resourceAttributes.resource);
    return sendJson(res, 201, { ...head, spec, status: { allowed: !denied } });
  }
  if (type === SELF_SUBJECT_RULES_REVIEWS) {
    return sendJson(res, 201, {
      ...head,
      spec: {},
      status: { resourceRules: RESOURCE_RULES, nonResourceRules: NON_RESOURCE_RULES, incomplete: false },
    });
  }
  sendJson(res, 201, {
    ...head,
    status: { userInfo: { username: user.username, groups: user.groups } },
  });
}
