/**
 * The legacy `auth-provider: oidc` of kubeconfigs, as client-go's plugin did it (k8s.io/client-go/plugin/pkg/
 * client/auth/oidc/oidc.go, `oidcAuthProvider.idToken`): the `id-token` is sent as a bearer token while its `exp`
 * claim is more than 10 s away; otherwise, with a `refresh-token`, the token endpoint named by the issuer's
 * `/.well-known/openid-configuration` is asked for a new one (grant_type=refresh_token, client id and secret by
 * HTTP basic auth, as golang.org/x/oauth2 sends them) and its `id_token` is used. kubectl writes the new tokens
 * back into the kubeconfig; podscope keeps them in memory for as long as it runs and leaves the file alone.
 *
 * `gcp` and `azure` were removed from kubectl (client-go 1.26): they get kubectl's message, in one line.
 */
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { isObject } from '../decode/read.js';

/** client-go's `expiryDelta`: a token this close to `exp` is refreshed first. */
const EXPIRY_DELTA_S = 10;

interface Tokens {
  idToken?: string;
  refreshToken?: string;
}

/** What a refresh gives: always an id-token. */
interface Refreshed extends Tokens {
  idToken: string;
}

/** Refreshed tokens, per provider config (the config itself is never changed). */
const refreshed = new Map<string, Tokens>();

const REMOVED: Record<string, { plugin: string; docs: string }> = {
  gcp: {
    plugin: 'gke-gcloud-auth-plugin',
    docs: 'https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
  },
  azure: { plugin: 'kubelogin', docs: 'https://azure.github.io/kubelogin' },
};

/** The removed providers' message, as kubectl prints it (client-go rest/plugin.go), on one line. */
export function removedProviderMessage(name: string): string | undefined {
  const r = REMOVED[name];
  if (!r) return undefined;
  return `the ${name} auth plugin has been removed: use the "${r.plugin}" kubectl/client-go credential plugin instead (see ${r.docs})`;
}

function str(config: Record<string, unknown>, key: string): string {
  const v = config[key];
  return typeof v === 'string' ? v : '';
}

/** The `exp` claim of a JWT, or undefined when it has none or is no JWT. */
function expiry(jwt: string): number | undefined {
  const part = jwt.split('.')[1];
  if (!part) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    const exp = isObject(claims) ? claims['exp'] : undefined;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

function valid(idToken: string | undefined): idToken is string {
  if (!idToken) return false;
  const exp = expiry(idToken);
  // client-go: an id-token without a parsable exp is not used (it fails to verify as a JWT).
  return exp !== undefined && Date.now() / 1000 + EXPIRY_DELTA_S < exp;
}

interface Answer {
  status: number;
  body: string;
}

function send(
  url: URL,
  ca: Buffer | undefined,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method, headers, ...(ca ? { ca } : {}), timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

function json(answer: Answer, what: string): Record<string, unknown> {
  if (answer.status < 200 || answer.status > 299) {
    let why = answer.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    try {
      const e: unknown = JSON.parse(answer.body);
      if (isObject(e) && typeof e['error'] === 'string')
        why = [e['error'], e['error_description']].filter((x) => typeof x === 'string').join(': ');
    } catch {
      // Not JSON: the text is the reason.
    }
    throw new Error(`${what} answered ${answer.status}${why ? `: ${why}` : ''}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    throw new Error(`${what} did not answer JSON`);
  }
  if (!isObject(parsed)) throw new Error(`${what} did not answer a JSON object`);
  return parsed;
}

async function refresh(config: Record<string, unknown>, refreshToken: string): Promise<Refreshed> {
  const issuer = str(config, 'idp-issuer-url');
  if (!issuer) throw new Error('oidc: no idp-issuer-url to refresh the id-token with');
  const caFile = str(config, 'idp-certificate-authority');
  const caData = str(config, 'idp-certificate-authority-data');
  const ca = caFile ? readFileSync(caFile) : caData ? Buffer.from(caData, 'base64') : undefined;
  const discovery = json(
    await send(new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`), ca, 'GET', {
      Accept: 'application/json',
    }),
    `oidc issuer ${issuer}`,
  );
  const endpoint = discovery['token_endpoint'];
  if (typeof endpoint !== 'string') throw new Error(`oidc issuer ${issuer} names no token_endpoint`);
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const extra = str(config, 'extra-scopes');
  if (extra) form.set('scope', ['openid', ...extra.split(',')].join(' '));
  const id = encodeURIComponent(str(config, 'client-id'));
  const secret = encodeURIComponent(str(config, 'client-secret'));
  const tokens = json(
    await send(
      new URL(endpoint),
      ca,
      'POST',
      {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      },
      form.toString(),
    ),
    `oidc token endpoint ${endpoint}`,
  );
  const idToken = tokens['id_token'];
  // client-go: "token response did not contain an id_token".
  if (typeof idToken !== 'string' || !idToken)
    throw new Error('oidc: token response did not contain an id_token');
  const next = tokens['refresh_token'];
  return { idToken, refreshToken: typeof next === 'string' && next ? next : refreshToken };
}

const running = new Map<string, Promise<Refreshed>>();

/**
 * The id-token to send as the bearer token: the kubeconfig's (or the last refreshed one) while valid, else a
 * refreshed one. Throws one line when there is no valid token and no way to refresh it.
 */
export async function oidcToken(config: Record<string, unknown>): Promise<string> {
  const key = JSON.stringify(config);
  const own = refreshed.get(key) ?? {
    idToken: str(config, 'id-token'),
    refreshToken: str(config, 'refresh-token'),
  };
  if (valid(own.idToken)) return own.idToken;
  if (!own.refreshToken) throw new Error('oidc: no valid id-token, and cannot refresh without refresh-token');
  let p = running.get(key);
  if (!p) {
    p = refresh(config, own.refreshToken).finally(() => running.delete(key));
    running.set(key, p);
  }
  const tokens = await p;
  refreshed.set(key, tokens);
  return tokens.idToken;
}

/** After a 401: the id-token in use is refused, so the next request refreshes (when it can). */
export function forgetOidcToken(config: Record<string, unknown>): boolean {
  const key = JSON.stringify(config);
  const own = refreshed.get(key) ?? { refreshToken: str(config, 'refresh-token') };
  if (!own.refreshToken) return false;
  refreshed.set(key, { refreshToken: own.refreshToken });
  return true;
}
