/**
 * The demo cluster's TLS: a CA made at start and a server certificate it signs for 127.0.0.1 and localhost.
 * The CA goes into the kubeconfig, so clients verify the server as they would a real cluster — nobody has to
 * learn to skip TLS verification. The same two steps make the real control plane's PKI in the tests
 * (test/cluster/pki.ts).
 */
import { generate } from 'selfsigned';

export interface DemoTls {
  /** The CA, key included: the demo signs its users' client certificates with it. */
  ca: KeyPair;
  caCert: string;
  cert: string;
  key: string;
}

/** A certificate and its private key, PEM. */
export interface KeyPair {
  cert: string;
  key: string;
}

const YEAR = 365 * 24 * 3600 * 1000;

/** EC P-256 (fast to generate), valid from a minute ago for a year. */
function keyOptions() {
  return {
    keyType: 'ec' as const,
    algorithm: 'sha256' as const,
    curve: 'P-256' as const,
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + YEAR),
  };
}

/** A self-signed certificate authority. */
export async function makeCertificateAuthority(commonName: string): Promise<KeyPair> {
  const ca = await generate([{ name: 'commonName', value: commonName }], {
    ...keyOptions(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: ca.cert, key: ca.private };
}

/** A serving certificate for kube-apiserver signed by `ca`, for 127.0.0.1 and the given DNS names. */
export async function signServerCertificate(ca: KeyPair, dnsNames: readonly string[]): Promise<KeyPair> {
  const server = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    ...keyOptions(),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 7, ip: '127.0.0.1' }, ...dnsNames.map((value) => ({ type: 2 as const, value }))],
      },
    ],
  });
  return { cert: server.cert, key: server.private };
}

/**
 * A client certificate signed by `ca` that the API server authenticates as `user` in `groups` (X.509: CN is the
 * user name, each O a group — Kubernetes' x509 authenticator).
 */
export async function signClientCertificate(
  ca: KeyPair,
  user: string,
  groups: readonly string[] = [],
): Promise<KeyPair> {
  const c = await generate(
    [{ name: 'commonName', value: user }, ...groups.map((g) => ({ name: 'organizationName', value: g }))],
    {
      ...keyOptions(),
      ca: { key: ca.key, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    },
  );
  return { cert: c.cert, key: c.private };
}

/** Makes a fresh CA and server certificate. */
export async function makeTls(): Promise<DemoTls> {
  const ca = await makeCertificateAuthority('podscope-demo-ca');
  const server = await signServerCertificate(ca, ['localhost', 'kubernetes.default.svc']);
  return { ca, caCert: ca.cert, cert: server.cert, key: server.key };
}
