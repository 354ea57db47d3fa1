/** An error answer of the log endpoint, before it becomes a Status body (see ../http/status.ts). */
import type { ServerResponse } from 'node:http';
import { sendStatus, type StatusDetails, type StatusReason } from '../http/status.js';

/** A refused log request: HTTP code, Status reason and the API server's message. */
export interface LogFailure {
  failure: true;
  code: number;
  reason: StatusReason;
  message: string;
  details?: StatusDetails;
}

/** A 400 BadRequest, the code the API server gives for every container-selection and kubelet refusal. */
export function badRequest(message: string): LogFailure {
  return { failure: true, code: 400, reason: 'BadRequest', message };
}

/** Whether a result is a refusal. */
export function isFailure<T extends object>(result: T | LogFailure): result is LogFailure {
  return 'failure' in result;
}

/** Sends a refusal as the API server does: a Status object with the HTTP code. */
export function sendFailure(res: ServerResponse, f: LogFailure): void {
  sendStatus(res, f.code, f.reason, f.message, f.details);
}
