/**
 * The answer to a SelfSubjectAccessReview (authorization.k8s.io/v1): its `status`, checked. `allowed` is required
 * by the API; a review without a status is a malformed answer, named as one.
 */
import { object, optBoolean, optString, topObject, type Subject } from './read.js';

/** What the authorizer said. */
export interface ReviewStatus {
  readonly allowed?: boolean;
  /** An authorizer denied it outright (`allowed: false` alone is "no opinion"). */
  readonly denied?: boolean;
  /** Why, in the authorizer's words. */
  readonly reason?: string;
}

/**
 * The review's status.
 * @param raw the parsed body of the POST
 * @param where the request, e.g. `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`
 * @throws DecodeError, e.g. `the server sent an access review without status (…)`
 */
export function decodeAccessReview(raw: unknown, where?: string): ReviewStatus {
  const s: Subject = { what: 'an access review', where };
  const status = object(topObject(raw, s), 'status', s);
  return {
    allowed: optBoolean(status, 'allowed', s, 'status'),
    denied: optBoolean(status, 'denied', s, 'status'),
    reason: optString(status, 'reason', s, 'status'),
  };
}
