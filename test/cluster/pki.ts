/**
 * The control plane's keys and certificates, made fresh for each start (nothing is kept): a CA that signs the API
 * server's serving certificate and the users' client certificates (the API server's --client-ca-file), and the
 * service-account key pair kube-apiserver signs tokens with and kube-controller-manager uses for token secrets.
 * The certificates are made as the demo makes its own (src/demo/tls.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { KeyPair } from '../../src/demo/tls.js';
import {
  makeCertificateAuthority,
  signClientCertificate,
  signServerCertificate,
} from '../../src/demo/tls.js';

export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

export async function makePki(): Promise<Pki> {
  const ca = await makeCertificateAuthority('podscope-real-ca');
  const server = await signServerCertificate(ca, [
    'localhost',
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
  ]);
  const sa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    caCert: ca.cert,
    caKey: ca.key,
    serverCert: server.cert,
    serverKey: server.key,
    serviceAccountKey: sa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    serviceAccountPub: sa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A client certificate for `user` in `groups`, signed by the control plane's CA (its --client-ca-file). */
export function clientCert(pki: Pki, user: string, groups: readonly string[] = []): Promise<KeyPair> {
  return signClientCertificate({ cert: pki.caCert, key: pki.caKey }, user, groups);
}
