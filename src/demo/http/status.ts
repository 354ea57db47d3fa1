/** Kubernetes `Status` bodies: every error the demo server answers is one, as a real API server's are. */
import type { ServerResponse } from 'node:http';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  /** StatusReasonUnknown: an error that was not a Status (a 500); `reason` is left out, as omitempty does. */
  | '';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** A failure Status object, as the API server sends it. */
export function failureStatus(code: number, reason: StatusReason, message: string, details?: StatusDetails) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

/** Writes a failure Status with its HTTP code; does nothing if headers already went out (then it ends the body). */
export function sendStatus(
  res: ServerResponse,
  code: number,
  reason: StatusReason,
  message: string,
  details?: StatusDetails,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(failureStatus(code, reason, message, details));
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** `pods "x" not found`, the API server's wording. */
export function sendNotFound(res: ServerResponse, resource: string, name: string, group = ''): void {
  sendStatus(res, 404, 'NotFound', `${resource}${group ? '.' + group : ''} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });
}

/**
 * A Status from errors.NewGenericServerResponse (no such resource, method not allowed, unsupported media type):
 * its details are there but empty, so they encode as `{}`.
 */
export function sendGenericStatus(
  res: ServerResponse,
  code: number,
  reason: StatusReason,
  message: string,
): void {
  sendStatus(res, code, reason, message, {});
}

/** 405 for a verb a resource doesn't serve, worded and shaped (empty details) as the API server answers it. */
export function sendMethodNotAllowed(res: ServerResponse): void {
  sendGenericStatus(
    res,
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}
