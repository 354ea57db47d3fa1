/**
 * The demo's authentication, in kube-apiserver's order (k8s.io/apiserver union authenticator, as
 * pkg/kubeapiserver/authenticator/config.go `New` builds it): basic auth from a password file, then a client
 * certificate the cluster CA signed (X.509: CN is the user, each O a group), then a bearer token from the static
 * token table (--token-auth-file). The first that accepts the request decides; one that doesn't (no credential of
 * its kind, a wrong password, an unknown token) passes it on; none means 401.
 *
 * Basic auth: kube-apiserver had it (--basic-auth-file, a CSV of password,user,uid,"group1,group2", checked by
 * k8s.io/apiserver/plugin/pkg/authenticator/password/passwordfile) until 1.19 removed the flag, so the real 1.32
 * control plane of the tests refuses it; clusters with their own front door (k3s' early versions, Rancher's
 * proxies) still take it, and kubectl still sends `username`/`password`. The demo accepts it for the users added
 * with `addBasicUser`, in the place the old authenticator had (first, before X.509).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, authenticatedUser, type UserInfo } from './userInfo.js';

export class Authenticator {
  private readonly tokens = new Map<string, UserInfo>();
  private readonly passwords = new Map<string, { password: string; user: UserInfo }>();

  /** Accepts `token` as `user` (a line of a token auth file). */
  addToken(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  /** Stops accepting `token` (the token file changed: a rotation). */
  removeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** Accepts HTTP basic auth as `user` with `password` (a line of the old --basic-auth-file). */
  addBasicUser(username: string, password: string, user: UserInfo = authenticatedUser(username, [])): void {
    this.passwords.set(username, { password, user });
  }

  /**
   * Who sent the request, or undefined (401). As kube-apiserver with --anonymous-auth (on by default): a request
   * that presents no credential an authenticator recognises is `system:anonymous` and RBAC decides (403 for most,
   * /version and /healthz allowed); one whose credential fails (an unknown bearer token, a certificate the CA did
   * not sign) is refused — union.NewFailOnError(authenticators, anonymous) in
   * pkg/kubeapiserver/authenticator/config.go. A wrong basic-auth password fails nothing (passwordfile answered
   * "not mine"), and the real 1.32 server has no basic authenticator at all: both are anonymous.
   */
  authenticate(req: IncomingMessage): UserInfo | undefined {
    const user = this.fromBasicAuth(req) ?? this.fromCertificate(req) ?? this.fromToken(req);
    if (user) return user;
    return this.presentedFailingCredential(req) ? undefined : ANONYMOUS;
  }

  private presentedFailingCredential(req: IncomingMessage): boolean {
    if (/^Bearer\s/i.test(req.headers.authorization ?? '')) return true;
    const socket = req.socket as Partial<TLSSocket>;
    if (socket.authorized || typeof socket.getPeerCertificate !== 'function') return false;
    return Object.keys(socket.getPeerCertificate()).length > 0;
  }

  private fromBasicAuth(req: IncomingMessage): UserInfo | undefined {
    const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return undefined;
    const text = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) return undefined;
    const entry = this.passwords.get(text.slice(0, colon));
    if (!entry) return undefined;
    const given = Buffer.from(text.slice(colon + 1));
    const want = Buffer.from(entry.password);
    // passwordfile compares in constant time (subtle.ConstantTimeCompare).
    return given.length === want.length && timingSafeEqual(given, want) ? entry.user : undefined;
  }

  private fromCertificate(req: IncomingMessage): UserInfo | undefined {
    const socket = req.socket as Partial<TLSSocket>;
    // The server asks for a certificate but accepts connections without one; only a verified chain counts.
    if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return undefined;
    // Node gives a repeated attribute (several O) as an array.
    const subject = socket.getPeerCertificate().subject as
      Record<string, string | string[] | undefined> | undefined;
    const values = (v: string | string[] | undefined): string[] =>
      v === undefined ? [] : Array.isArray(v) ? v : [v];
    const cn = values(subject?.['CN'])[0];
    if (!cn) return undefined;
    return authenticatedUser(cn, values(subject?.['O']));
  }

  private fromToken(req: IncomingMessage): UserInfo | undefined {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    return m ? this.tokens.get(m[1]!) : undefined;
  }
}
