/**
 * The demo's /proc/net/tcp and tcp6 as kubectl exec reads them (the kernel's header and line format, the
 * addresses the apps bind; the ports check reads the same bytes), and a pod network that honours those
 * addresses: the localhost-app pod's app, bound to 127.0.0.1:3000, answers inside the pod and through kubectl
 * port-forward (which dials the pod's loopback), but another pod reaching its IP is refused — seed 001's "works
 * with port-forward, not through a Service".
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProcNetTcp } from '../../src/domain/ports/procNetTcp.js';
import { readListeners } from '../../src/kube/shell/readListeners.js';
import {
  runningWebApp,
  startTestCluster,
  waitForPodPhase,
  type TestCluster,
} from '../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
let kubectl: Kubectl;
let appIP: string;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  kubectl = new Kubectl(t.demo);
  await waitForPodPhase(t, 'default', 'localhost-app', 'Running');
  await waitForPodPhase(t, 'default', 'bb', 'Running');
  appIP =
    (await t.core.readNamespacedPod({ name: 'localhost-app', namespace: 'default' })).status?.podIP ?? '';
});
afterAll(async () => {
  await t.demo.close();
});

const TCP4_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const TCP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

async function exec(pod: string, container: string, ...command: string[]) {
  return kubectl.run([
    'exec',
    '-n',
    pod.includes('/') ? pod.split('/')[0]! : 'default',
    pod.split('/').pop()!,
    '-c',
    container,
    '--',
    ...command,
  ]);
}

describe('/proc/net/tcp and tcp6 in the demo', () => {
  it('are the kernel’s format, read by kubectl exec: localhost-app listens on 127.0.0.1:3000 only', async () => {
    const tcp = await exec('localhost-app', 'app', 'cat', '/proc/net/tcp');
    expect(tcp.code).toBe(0);
    const lines = tcp.stdout.split('\n');
    // tcp4_seq_show pads every line, the header too, to 149 characters.
    expect(lines[0]).toBe(TCP4_HEADER.padEnd(149));
    expect(lines.slice(0, -1).every((l) => l.length === 149)).toBe(true);
    expect(lines[1]).toMatch(
      /^ {3}0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000 {5}0 {8}0 \d+ 1 [0-9a-f]{16} 100 0 0 10 0 *$/,
    );
    const tcp6 = await exec('localhost-app', 'app', 'cat', '/proc/net/tcp6');
    expect(tcp6.stdout).toBe(`${TCP6_HEADER}\n`);
    // What the ports check reads is what kubectl exec prints, byte for byte.
    const both = await exec('localhost-app', 'app', 'cat', '/proc/net/tcp', '/proc/net/tcp6');
    const read = await readListeners({
      kc: t.kc,
      namespace: 'default',
      pod: 'localhost-app',
      preferred: 'app',
    });
    expect(read.kind === 'read' && read.text).toBe(both.stdout);
  });

  it('web-app (seed 000): nginx on 0.0.0.0:80 and [::]:80, the app on [::]:8080 and [::]:9090', async () => {
    const pod = await runningWebApp(t);
    const both = await exec(`frontend/${pod}`, 'nginx', 'cat', '/proc/net/tcp', '/proc/net/tcp6');
    expect(both.code).toBe(0);
    const parsed = parseProcNetTcp(both.stdout);
    expect(parsed.malformed).toBe(0);
    expect(parsed.sockets.map((s) => `${s.state} ${s.address} ${s.port}`)).toEqual([
      'LISTEN 0.0.0.0 80',
      'LISTEN :: 80',
      'LISTEN :: 8080',
      'LISTEN :: 9090',
    ]);
    // The same sockets whichever container reads them: they share the pod's network namespace.
    const sidecar = await exec('api-with-sidecar', 'log-shipper', 'cat', '/proc/net/tcp6');
    expect(parseProcNetTcp(sidecar.stdout).sockets.map((s) => `${s.address} ${s.port}`)).toEqual([':: 8080']);
  });
});

describe('netstat over the same sockets', () => {
  it('web-app: the four lines of seed 000’s `netstat -l` (the kernel’s order within tcp6 aside)', async () => {
    const pod = await runningWebApp(t);
    const out = (await exec(`frontend/${pod}`, 'nginx', 'netstat', '-l')).stdout.split('\n');
    expect(out.slice(2, -1).sort()).toEqual(
      [
        'tcp        0      0 0.0.0.0:http            0.0.0.0:*               LISTEN',
        'tcp        0      0 :::http-alt             :::*                    LISTEN',
        'tcp        0      0 :::9090                 :::*                    LISTEN',
        'tcp        0      0 :::http                 :::*                    LISTEN',
      ].sort(),
    );
    const local = await exec('localhost-app', 'app', 'netstat', '-tln');
    expect(local.stdout).toContain(
      'tcp        0      0 127.0.0.1:3000          0.0.0.0:*               LISTEN\n',
    );
  });
});

describe('a listener bound to 127.0.0.1', () => {
  it('answers inside its pod, on localhost, but not on its own pod IP', async () => {
    expect((await exec('localhost-app', 'app', 'wget', '-qO-', 'http://localhost:3000/')).stdout).toBe(
      'Hello World\n',
    );
    expect((await exec('localhost-app', 'app', 'nc', '-zv', '127.0.0.1', '3000')).code).toBe(0);
    const own = await exec('localhost-app', 'app', 'nc', '-zv', appIP, '3000');
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('Connection refused');
  });

  it('is refused from another pod, as is the declared 8080 nothing listens on', async () => {
    for (const port of ['3000', '8080']) {
      const r = await exec('bb', 'bb', 'nc', '-zv', appIP, port);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`nc: ${appIP} (${appIP}:${port}): Connection refused\n`);
    }
    const wget = await exec('bb', 'bb', 'wget', '-qO-', `http://${appIP}:3000/`);
    expect(wget.code).not.toBe(0);
    expect(wget.stderr).toMatch(/Connection refused|can't connect/);
  });

  it('answers through kubectl port-forward, which connects to the pod’s loopback', async () => {
    const child = kubectl.spawn(['port-forward', '-n', 'default', 'pod/localhost-app', ':3000']);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const local = Number(
        await waitFor(
          () => /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out)?.[1],
          'kubectl port-forward to listen',
        ),
      );
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port: local, path: '/', agent: false }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(body).toBe('Hello World\n');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
