/**
 * The legacy `auth-provider` entries: `oidc` (an id-token, refreshed with the refresh-token at an issuer run here
 * on loopback, a real HTTP server speaking OpenID discovery and the OAuth2 refresh grant), and `gcp`/`azure`,
 * removed from kubectl, which get kubectl's message naming the exec plugin that replaced them.
 */
import { copyFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import {
  admin,
  demoPods,
  kubeconfigFor,
  kubectlPods,
  podscopePods,
  startDemo,
  tempDir,
  writeYaml,
} from './support.js';

let demo: DemoServer;
let dir: string;
let issuer: {
  url: string;
  refreshes: { grant: string; refreshToken: string; client: string }[];
  server: http.Server;
};

/** An unsigned JWT with `exp` (the client reads exp only; the API server is the one that verifies). */
function jwt(expInSeconds: number, sub: string): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: issuer.url, sub, aud: 'kubernetes', exp: Math.floor(Date.now() / 1000) + expInSeconds })}.c2lnbmF0dXJl`;
}

async function startIssuer(): Promise<typeof issuer> {
  const refreshes: (typeof issuer)['refreshes'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ issuer: base, token_endpoint: `${base}/token` }));
        return;
      }
      if (req.url === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(body);
        const client = Buffer.from(
          (req.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        ).toString();
        refreshes.push({
          grant: form.get('grant_type') ?? '',
          refreshToken: form.get('refresh_token') ?? '',
          client,
        });
        if (form.get('refresh_token') !== 'refresh-1') {
          res.writeHead(400, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'refresh token revoked' }));
          return;
        }
        const idToken = jwt(3600, 'refreshed-user');
        demo.authenticator.addToken(idToken, admin('oidc:refreshed-user'));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: 'at',
            token_type: 'Bearer',
            id_token: idToken,
            refresh_token: 'refresh-2',
          }),
        );
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, refreshes, server };
}

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('auth-provider');
  issuer = await startIssuer();
});
afterAll(async () => {
  issuer.server.close();
  await demo.close();
});

function oidcUser(config: Record<string, string>): Record<string, unknown> {
  return {
    'auth-provider': {
      name: 'oidc',
      config: { 'idp-issuer-url': issuer.url, 'client-id': 'kubernetes', 'client-secret': 'shh', ...config },
    },
  };
}

describe('auth-provider oidc', () => {
  it('sends a valid id-token as the bearer token', async () => {
    const idToken = jwt(3600, 'alice');
    demo.authenticator.addToken(idToken, admin('oidc:alice'));
    const file = writeYaml(
      join(dir, 'oidc.yaml'),
      kubeconfigFor(demo, { user: oidcUser({ 'id-token': idToken }) }),
    );
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
    expect(issuer.refreshes).toEqual([]);
  });

  it('refreshes an expired id-token with the refresh-token at the issuer’s token endpoint', async () => {
    // The server would still take the old token (its clock runs late): the client refreshes anyway, as client-go.
    const expired = jwt(-60, 'alice');
    demo.authenticator.addToken(expired, admin('oidc:alice'));
    const file = writeYaml(
      join(dir, 'oidc-expired.yaml'),
      kubeconfigFor(demo, { user: oidcUser({ 'id-token': expired, 'refresh-token': 'refresh-1' }) }),
    );
    // kubectl writes the new tokens back into its file: it gets a copy.
    copyFileSync(file, join(dir, 'oidc-expired-kubectl.yaml'));
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(issuer.refreshes).toEqual([
      { grant: 'refresh_token', refreshToken: 'refresh-1', client: 'kubernetes:shh' },
    ]);
    expect((await kubectlPods(join(dir, 'oidc-expired-kubectl.yaml'))).pods).toEqual(demoPods(demo));
    expect(issuer.refreshes).toHaveLength(2);
  });

  it('an expired id-token without a refresh-token is one line; kubectl fails too', async () => {
    const file = writeYaml(
      join(dir, 'oidc-stale.yaml'),
      kubeconfigFor(demo, { user: oidcUser({ 'id-token': jwt(-60, 'bob') }) }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message:
        'cannot load the credentials: oidc: no valid id-token, and cannot refresh without refresh-token',
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });

  it('a refused refresh is the issuer’s error in one line', async () => {
    const file = writeYaml(
      join(dir, 'oidc-revoked.yaml'),
      kubeconfigFor(demo, { user: oidcUser({ 'id-token': jwt(-60, 'carol'), 'refresh-token': 'revoked' }) }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `cannot load the credentials: oidc token endpoint ${issuer.url}/token answered 400: invalid_grant: refresh token revoked`,
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });
});

describe('removed auth-providers', () => {
  it.each([
    [
      'gcp',
      'gke-gcloud-auth-plugin',
      'https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
    ],
    ['azure', 'kubelogin', 'https://azure.github.io/kubelogin'],
  ])('%s names %s, as kubectl does', async (name, plugin, docs) => {
    const file = writeYaml(
      join(dir, `${name}.yaml`),
      kubeconfigFor(demo, {
        user: {
          'auth-provider': { name, config: { 'access-token': 'ya29.x', 'cmd-path': '/usr/bin/gcloud' } },
        },
      }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `cannot load the credentials: the ${name} auth plugin has been removed: use the "${plugin}" kubectl/client-go credential plugin instead (see ${docs})`,
    });
    const k = await kubectlPods(file);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain(`The ${name} auth plugin has been removed`);
    expect(k.stderr).toContain(plugin);
  });
});
