/**
 * The control plane's keys and certificates, made fresh for each start (nothing is kept): a CA that signs the API
 * server's serving certificate and the users' client certificates (the API server's --client-ca-file), and the
 * service-account key pair kube-apiserver signs tokens with and kube-controller-manager uses for token secrets.
 */
import { generateKeyPairSync } from 'node:crypto';
import { generate } from 'selfsigned';

export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

const YEAR = 365 * 24 * 3600 * 1000;

function validity(): { notBeforeDate: Date; notAfterDate: Date } {
  return { notBeforeDate: new Date(Date.now() - 60_000), notAfterDate: new Date(Date.now() + YEAR) };
}

export async function makePki(): Promise<Pki> {
  const ca = await generate([{ name: 'commonName', value: 'podscope-real-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    curve: 'P-256',
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    curve: 'P-256',
    ...validity(),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes' },
          { type: 2, value: 'kubernetes.default' },
          { type: 2, value: 'kubernetes.default.svc' },
        ],
      },
    ],
  });
  const sa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    caCert: ca.cert,
    caKey: ca.private,
    serverCert: server.cert,
    serverKey: server.private,
    serviceAccountKey: sa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    serviceAccountPub: sa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * A client certificate the API server authenticates as `user` in `groups` (X.509: CN is the user name, each O a
 * group — Kubernetes' x509 authenticator).
 */
export async function clientCert(
  pki: Pki,
  user: string,
  groups: readonly string[] = [],
): Promise<{ cert: string; key: string }> {
  const c = await generate(
    [{ name: 'commonName', value: user }, ...groups.map((g) => ({ name: 'organizationName', value: g }))],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      curve: 'P-256',
      ...validity(),
      ca: { key: pki.caKey, cert: pki.caCert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    },
  );
  return { cert: c.cert, key: c.private };
}
