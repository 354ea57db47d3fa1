/**
 * The times in a service-account token, read from its JWT payload only (RFC 7519 §4.1: `exp`, `iat`, `nbf` as
 * seconds since the epoch; Kubernetes adds `kubernetes.io.warnafter`). The signature is not checked and the token
 * itself is never returned: only these numbers and the subject leave this function.
 */

/** What podscope keeps of a token. */
export interface TokenTimes {
  /** Epoch seconds. */
  readonly exp: number | undefined;
  readonly iat: number | undefined;
  /** When kube-apiserver starts warning about a token it extended (pkg/serviceaccount/claims.go). */
  readonly warnafter: number | undefined;
  /** `system:serviceaccount:NS:NAME`. */
  readonly sub: string | undefined;
  /** The audiences, e.g. the API server's issuer URL. */
  readonly aud: readonly string[];
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The token's times, or why they cannot be read (one line, without any part of the token).
 * @param token the file's content (surrounding whitespace allowed)
 */
export function tokenTimes(token: string): TokenTimes | { readonly error: string } {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return { error: 'not a JWT (expected three dot-separated parts)' };
  let payload: unknown;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    payload = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
  } catch {
    return { error: 'the JWT payload is not base64url JSON' };
  }
  if (!isRecord(payload)) return { error: 'the JWT payload is not a JSON object' };
  const k8s = payload['kubernetes.io'];
  const aud = payload['aud'];
  return {
    exp: num(payload['exp']),
    iat: num(payload['iat']),
    warnafter: isRecord(k8s) ? num(k8s['warnafter']) : undefined,
    sub: typeof payload['sub'] === 'string' ? payload['sub'] : undefined,
    aud: typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : [],
  };
}
