/**
 * The demo's authentication, in kube-apiserver's order (k8s.io/apiserver union authenticator, as
 * pkg/kubeapiserver/authenticator builds it): a client certificate the cluster CA signed (X.509: CN is the user,
 * each O a group), then a bearer token from the static token table (--token-auth-file). The first that accepts the
 * request decides; none means 401.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { authenticatedUser, type UserInfo } from './userInfo.js';

export class Authenticator {
  private readonly tokens = new Map<string, UserInfo>();

  /** Accepts `token` as `user` (a line of a token auth file). */
  addToken(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  /** Who sent the request, or undefined (401). */
  authenticate(req: IncomingMessage): UserInfo | undefined {
    return this.fromCertificate(req) ?? this.fromToken(req);
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
