/** The kubeconfig for the demo cluster: context `podscope-demo`, namespace `default`, bearer token, the CA. */
import { chmod, writeFile } from 'node:fs/promises';

export interface KubeconfigParams {
  server: string;
  caCert: string;
  token: string;
  context?: string;
  namespace?: string;
}

/** The kubeconfig as YAML text. */
export function kubeconfigYaml(p: KubeconfigParams): string {
  const ctx = p.context ?? 'podscope-demo';
  const ca = Buffer.from(p.caCert).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${ctx}`,
    '  cluster:',
    `    server: ${p.server}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    `- name: ${ctx}-user`,
    '  user:',
    `    token: ${p.token}`,
    'contexts:',
    `- name: ${ctx}`,
    '  context:',
    `    cluster: ${ctx}`,
    `    user: ${ctx}-user`,
    `    namespace: ${p.namespace ?? 'default'}`,
    `current-context: ${ctx}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig readable by its owner only (it holds a credential). */
export async function writeKubeconfig(file: string, p: KubeconfigParams): Promise<void> {
  await writeFile(file, kubeconfigYaml(p), { mode: 0o600 });
  await chmod(file, 0o600);
}
