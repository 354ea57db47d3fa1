/**
 * The kubeconfig for the demo cluster: one cluster (the CA), context `podscope-demo` (bearer token, namespace
 * `default`) and, when given, one more context per extra user (a token or a client certificate), all on the same
 * cluster. The current context is `podscope-demo` unless another is asked for.
 */
import { chmod, writeFile } from 'node:fs/promises';

/** A user of its own context: a bearer token, or a client certificate and key (PEM). */
export interface KubeconfigUser {
  context: string;
  namespace?: string;
  token?: string;
  clientCertificate?: { cert: string; key: string };
}

export interface KubeconfigParams {
  server: string;
  caCert: string;
  token: string;
  context?: string;
  namespace?: string;
  /** More contexts after the first, one per user. */
  users?: readonly KubeconfigUser[];
  /** Which context is current; the first by default. */
  currentContext?: string;
}

const b64 = (pem: string): string => Buffer.from(pem).toString('base64');

function credential(u: KubeconfigUser): string[] {
  if (u.clientCertificate) {
    return [
      `    client-certificate-data: ${b64(u.clientCertificate.cert)}`,
      `    client-key-data: ${b64(u.clientCertificate.key)}`,
    ];
  }
  return [`    token: ${u.token ?? ''}`];
}

/** The kubeconfig as YAML text. */
export function kubeconfigYaml(p: KubeconfigParams): string {
  const ctx = p.context ?? 'podscope-demo';
  const users: KubeconfigUser[] = [
    { context: ctx, token: p.token, namespace: p.namespace ?? 'default' },
    ...(p.users ?? []),
  ];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${ctx}`,
    '  cluster:',
    `    server: ${p.server}`,
    `    certificate-authority-data: ${b64(p.caCert)}`,
    'users:',
    ...users.flatMap((u) => [`- name: ${u.context}-user`, '  user:', ...credential(u)]),
    'contexts:',
    ...users.flatMap((u) => [
      `- name: ${u.context}`,
      '  context:',
      `    cluster: ${ctx}`,
      `    user: ${u.context}-user`,
      `    namespace: ${u.namespace ?? 'default'}`,
    ]),
    `current-context: ${p.currentContext ?? ctx}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig readable by its owner only (it holds credentials). */
export async function writeKubeconfig(file: string, p: KubeconfigParams): Promise<void> {
  await writeFile(file, kubeconfigYaml(p), { mode: 0o600 });
  await chmod(file, 0o600);
}
