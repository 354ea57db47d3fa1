/**
 * Forwards to a StatefulSet and a DaemonSet (issue 16's `:pf sts/…` and `:pf ds/…`), against the demo over real
 * HTTPS and WebSocket, with kubectl as the referee:
 * - redis (the `redis` StatefulSet's image) answers on 6379 as redis-server does: `PING` → `+PONG`, its
 *   unknown-command and arity errors, and an HTTP request cut off at its `Host:` line;
 * - kube-proxy (the DaemonSet of kube-system, host network) answers /healthz on 10256, and /proxyMode on
 *   127.0.0.1:10249 (reached through port-forward, which dials the node's loopback);
 * - `kubectl port-forward sts/redis` and `ds/kube-proxy` pick the pod podscope's forward starts on
 *   (kubectl's attachablepodforobject.go: the most active pod first — Ready longest, then oldest);
 * - deleting the serving pod leaves the forward answering through another within 3 s; and when the StatefulSet
 *   has one replica, the pod it recreates under the same name is a switch too.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followLocalPort, parseFollowSpec } from '../../src/domain/followForward.js';
import type { ForwardInfo, PortForwardRegistry } from '../../src/kube/portForward/index.js';
import { resolveFollowTarget } from '../../src/kube/portForward/index.js';
import { kubectlSuite } from '../support/kubectlSuite.js';
import { waitFor } from '../support/waitFor.js';
import { forwardIn, httpRequest, testRegistry, waitForState } from '../kube/portForward/support.js';
import type { TestCluster } from '../support/demoCluster.js';

const CACHE_STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: default}
spec:
  replicas: 1
  serviceName: cache
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      terminationGracePeriodSeconds: 2
      containers: [{name: redis, image: "redis:7", ports: [{name: redis, containerPort: 6379}]}]
`;

/** Ready pods of a selector, so a deleted one leaves others to move to. */
async function readyPods(t: TestCluster, namespace: string, selector: string, count: number): Promise<void> {
  await waitFor(
    async () => {
      const pods = await t.core.listNamespacedPod({ namespace, labelSelector: selector });
      const ready = pods.items.filter(
        (p) =>
          !p.metadata?.deletionTimestamp &&
          p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length >= count;
    },
    `${count} Ready pods of ${selector}`,
    20_000,
  );
}

const suite = kubectlSuite(async (t) => {
  await readyPods(t, 'default', 'app=redis', 2);
  await readyPods(t, 'kube-system', 'k8s-app=kube-proxy', 2);
});

let registry: PortForwardRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

/**
 * Sends `text` on a fresh connection to 127.0.0.1:`port` and returns what came back once it ends with a CRLF
 * line (every reply this file waits for is one line) or the server closed the connection.
 */
function talk(port: number, text: string, timeoutMs = 5000): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no complete answer to ${JSON.stringify(text)} within ${timeoutMs} ms (got ${JSON.stringify(reply)})`,
        ),
      );
    }, timeoutMs);
    socket.on('connect', () => socket.write(text));
    socket.on('data', (c: Buffer) => {
      reply += c.toString('latin1');
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closed: true });
    });
    // A one-line reply is complete; wait a little past it only for the commands that close the connection.
    const check = setInterval(() => {
      if (!reply.endsWith('\r\n') || text.includes('Host:') || /^QUIT/i.test(text)) return;
      clearInterval(check);
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closed: false });
    }, 5);
    socket.on('close', () => clearInterval(check));
  });
}

async function pings(port: number): Promise<boolean> {
  try {
    return (await talk(port, 'PING\r\n', 2000)).reply === '+PONG\r\n';
  } catch {
    return false;
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const r = await httpRequest(port, 'GET', '/healthz');
    return r.status === 200 && r.body.toString().includes('"nodeEligible": true');
  } catch {
    return false;
  }
}

/** `kubectl port-forward TARGET 0:PORT`: the local port and the pod kubectl chose (its -v=6 request log). */
async function kubectlForward(
  args: string[],
  remote: number,
): Promise<{ port: number; pod: string; stop: () => void }> {
  const child = suite.kubectl.spawn(['port-forward', ...args, `0:${remote}`, '-v=6']);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  try {
    const port = await waitFor(
      () => new RegExp(`127\\.0\\.0\\.1:(\\d+) -> ${remote}`).exec(out)?.[1],
      `kubectl forwarding (${err.slice(-300)})`,
    );
    const pod = await waitFor(
      () => /\/pods\/([^/?\s]+)\/portforward/.exec(err)?.[1],
      'the pod in kubectl -v=6',
    );
    return { port: Number(port), pod, stop: () => child.kill() };
  } catch (e) {
    child.kill();
    throw e;
  }
}

/** `:pf ARG` in `namespace`, as the command line starts it; resolves once the forward is active. */
async function follow(arg: string, namespace: string): Promise<ForwardInfo> {
  registry = testRegistry(suite.t);
  const spec = parseFollowSpec(arg);
  if ('error' in spec) throw new Error(spec.error);
  const target = await resolveFollowTarget(suite.t.kc, spec, namespace);
  const f = await registry.startFollow({ target, localPort: followLocalPort(spec, target.remotePort) });
  return waitForState(registry, f.id, 'active');
}

/** Deletes the forward's pod as `kubectl delete pod` does and waits until `answers` through another pod. */
async function failover(
  f: ForwardInfo,
  namespace: string,
  answers: (port: number) => Promise<boolean>,
): Promise<{ after: string; ms: number }> {
  const r = registry!;
  const before = f.pod;
  const t0 = Date.now();
  const deleted = await suite.kubectl.run(['delete', 'pod', before, '-n', namespace, '--wait=false']);
  expect(deleted.stderr).toBe('');
  const after = await waitFor(
    async () => {
      const now = forwardIn(r, f.id)!;
      return now.pod !== before && now.pod !== '' && (await answers(now.localPort)) ? now.pod : undefined;
    },
    'the forward answering through another pod',
    3000,
    10,
  );
  return { after, ms: Date.now() - t0 };
}

describe('redis on 6379, as redis-server answers', () => {
  it('answers PING, unknown commands, arity errors and an HTTP request as redis 7 does', async () => {
    const kf = await kubectlForward(['sts/redis'], 6379);
    try {
      expect(await talk(kf.port, 'PING\r\n')).toEqual({ reply: '+PONG\r\n', closed: false });
      // redis-cli's form: a multibulk array of bulk strings.
      expect((await talk(kf.port, '*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n')).reply).toBe('$2\r\nhi\r\n');
      expect((await talk(kf.port, 'FOO bar baz\r\n')).reply).toBe(
        "-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n",
      );
      expect((await talk(kf.port, 'HELLOTHERE\r\n')).reply).toBe(
        "-ERR unknown command 'HELLOTHERE', with args beginning with: \r\n",
      );
      expect((await talk(kf.port, 'GET\r\n')).reply).toBe(
        "-ERR wrong number of arguments for 'get' command\r\n",
      );
      expect(await talk(kf.port, 'QUIT\r\n')).toEqual({ reply: '+OK\r\n', closed: true });
      // What curl sends: `GET / HTTP/1.1` is a GET with too many arguments, and the `Host:` line drops the client.
      expect(await talk(kf.port, 'GET / HTTP/1.1\r\nHost: localhost:6379\r\n\r\n')).toEqual({
        reply: "-ERR wrong number of arguments for 'get' command\r\n",
        closed: true,
      });
    } finally {
      kf.stop();
    }
  });
});

describe(':pf sts/redis', () => {
  it('starts on the pod kubectl port-forward sts/redis picks, PINGs, and follows a deleted pod within 3 s', async () => {
    const kf = await kubectlForward(['sts/redis'], 6379);
    kf.stop();
    const f = await follow('sts/redis 0:6379', 'default');
    expect(f.follow).toEqual({ target: 'sts/redis', switches: 0 });
    expect(f.pod).toBe(kf.pod);
    expect(await pings(f.localPort)).toBe(true);
    const { after, ms } = await failover(f, 'default', pings);
    expect(after).toMatch(/^redis-\d$/);
    expect(ms).toBeLessThan(3000);
    expect((await waitForState(registry!, f.id, 'active')).follow?.switches).toBe(1);
  });

  it('with one replica, waits for the pod the StatefulSet recreates under the same name, and counts it a switch', async () => {
    // A StatefulSet of its own: one replica, and the short grace period a redis (which exits on SIGTERM at once)
    // can have — the demo's kubelet holds a deleted pod for its whole grace period.
    const applied = await suite.kubectl.run(['apply', '-f', '-'], CACHE_STS);
    expect(applied.stderr).toBe('');
    await readyPods(suite.t, 'default', 'app=cache', 1);
    const f = await follow('sts/cache 0:6379', 'default');
    expect(f.pod).toBe('cache-0');
    expect((await talk(f.localPort, 'SET greeting hello\r\n')).reply).toBe('+OK\r\n');
    const r = registry!;
    const deleted = await suite.kubectl.run(['delete', 'pod', 'cache-0', '--wait=false']);
    expect(deleted.stderr).toBe('');
    const waiting = await waitForState(r, f.id, 'waiting');
    expect(waiting.state).toEqual({ kind: 'waiting', reason: 'no ready pod behind sts/cache' });
    const back = await waitFor(
      async () => {
        const now = forwardIn(r, f.id)!;
        return now.state.kind === 'active' && (await pings(now.localPort)) ? now : undefined;
      },
      'the forward answering through the new cache-0',
      30_000,
      20,
    );
    expect(back.pod).toBe('cache-0');
    expect(back.follow?.switches).toBe(1);
    // A new pod: redis without a volume starts empty.
    expect((await talk(back.localPort, 'GET greeting\r\n')).reply).toBe('$-1\r\n');
  }, 60_000);
});

describe(':pf ds/kube-proxy', () => {
  it('starts on the pod kubectl picks, answers /healthz on 10256, and follows a deleted pod within 3 s', async () => {
    const kf = await kubectlForward(['ds/kube-proxy', '-n', 'kube-system'], 10256);
    try {
      expect(await healthy(kf.port)).toBe(true);
    } finally {
      kf.stop();
    }
    const f = await follow('ds/kube-proxy 0:10256 -n kube-system', 'kube-system');
    expect(f.follow).toEqual({ target: 'ds/kube-proxy', switches: 0 });
    expect(f.pod).toBe(kf.pod);
    const { ms } = await failover(f, 'kube-system', healthy);
    expect(ms).toBeLessThan(3000);
    expect((await waitForState(registry!, f.id, 'active')).follow?.switches).toBe(1);
  });

  it('reaches the metrics server on the node loopback (127.0.0.1:10249), as kubectl does', async () => {
    const kf = await kubectlForward(['ds/kube-proxy', '-n', 'kube-system'], 10249);
    try {
      const r = await httpRequest(kf.port, 'GET', '/proxyMode');
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe('iptables');
    } finally {
      kf.stop();
    }
    const f = await follow('ds/kube-proxy 0:10249', 'kube-system');
    const metrics = await httpRequest(f.localPort, 'GET', '/metrics');
    expect(metrics.body.toString()).toMatch(/^kubeproxy_sync_proxy_rules_last_timestamp_seconds /m);
  });
});
