/** One-line wording of failures, whichever layer they come from (node:https, undici, client-node's Watch). */
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/kube/backoff.js';
import {
  CredentialsError,
  describeFailure,
  KubeHttpError,
  oneLine,
  RequestTimeoutError,
} from '../../src/kube/errors.js';

const SERVER = 'https://10.0.0.1:6443';
const sysError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeFailure', () => {
  it('unwraps undici "fetch failed" to the socket error', () => {
    const err = new TypeError('fetch failed', {
      cause: sysError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:6443'),
    });
    expect(describeFailure(err, SERVER)).toEqual({
      kind: 'unreachable',
      message: `cannot reach the Kubernetes API server at ${SERVER}: connection refused`,
    });
  });

  it('words timeouts, including client-node watch TimeoutError and our own', () => {
    expect(describeFailure(new DOMException('timed out', 'TimeoutError'), SERVER).kind).toBe('timeout');
    expect(describeFailure(sysError('ETIMEDOUT'), SERVER).message).toBe(
      `cannot reach the Kubernetes API server at ${SERVER}: connection timed out`,
    );
    expect(describeFailure(new RequestTimeoutError(10_000), SERVER).message).toBe(
      `the Kubernetes API server at ${SERVER} did not answer within 10 s`,
    );
  });

  it('recognises TLS verification failures', () => {
    const f = describeFailure(
      sysError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      SERVER,
    );
    expect(f.kind).toBe('tls');
    expect(f.message).toContain('self-signed certificate in certificate chain');
  });

  it('classifies HTTP answers, from a Status or from the Watch statusCode', () => {
    expect(describeFailure(new KubeHttpError(410, 'too old resource version: 1 (5)'), SERVER).kind).toBe(
      'gone',
    );
    expect(describeFailure(new KubeHttpError(400, 'unable to parse requirement: x'), SERVER)).toEqual({
      kind: 'bad-request',
      status: 400,
      message: 'the server rejected the request: unable to parse requirement: x',
    });
    const watch403 = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    expect(describeFailure(watch403, SERVER, 'watch pods').message).toBe(
      'forbidden: not allowed to watch pods',
    );
    const watch500 = Object.assign(new Error('Internal Server Error'), { statusCode: 500 });
    expect(describeFailure(watch500, SERVER).message).toBe('the server answered 500');
  });

  it('keeps a plugin failure to its last line', () => {
    const err = new CredentialsError('Usage:\n  plugin [flags]\n\nerror: token expired\n', 'aws');
    expect(describeFailure(err, SERVER).message).toBe('credential plugin "aws" failed: error: token expired');
  });

  it('folds any message to one line', () => {
    expect(oneLine('a\n  b\tc ')).toBe('a b c');
    expect(oneLine('x'.repeat(400))).toHaveLength(300);
    expect(describeFailure('weird\nthing', SERVER)).toEqual({ kind: 'other', message: 'weird thing' });
  });
});

describe('backoffDelay', () => {
  it('doubles from 0.5 s to a 30 s cap, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, mid))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(1, () => 0)).toBe(400);
    expect(backoffDelay(1, () => 0.999)).toBe(600);
  });
});
