/**
 * execCapture against the demo cluster over real WebSocket: output and exit codes as `kubectl exec` gives them,
 * a program the image lacks, a refused exec with the server's words, the byte cap said, and a timeout.
 */
import { describe, expect, it } from 'vitest';
import { execCapture } from '../../../src/kube/shell/execCapture.js';
import { runningWebApp, waitForPodPhase } from '../../support/demoCluster.js';
import { kubectlSuite } from '../../support/kubectlSuite.js';

let webApp: string;
const suite = kubectlSuite(async (t) => {
  await waitForPodPhase(t, 'default', 'bb', 'Running');
  webApp = await runningWebApp(t);
});

const bb = { namespace: 'default', pod: 'bb', container: 'bb' };

describe('execCapture', () => {
  it('captures stdout as kubectl exec prints it', async () => {
    const result = await execCapture({ kc: suite.t.kc, ...bb, command: ['cat', '/etc/hosts'] });
    const viaKubectl = await suite.kubectl.run(['exec', 'bb', '-c', 'bb', '--', 'cat', '/etc/hosts']);
    expect(result).toEqual({ kind: 'exit', code: 0, stdout: viaKubectl.stdout, stderr: '', truncated: 0 });
    expect(result.kind === 'exit' && result.stdout).toContain('bb');
  });

  it('keeps stderr apart and returns a non-zero exit code', async () => {
    const result = await execCapture({ kc: suite.t.kc, ...bb, command: ['cat', '/no/such/file'] });
    expect(result.kind).toBe('exit');
    if (result.kind !== 'exit') return;
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no\/such\/file.*No such file or directory/);
  });

  it('says when the image has no such program (distroless)', async () => {
    const result = await execCapture({
      kc: suite.t.kc,
      namespace: 'frontend',
      pod: webApp,
      container: 'web-app',
      command: ['cat', '/proc/net/tcp'],
    });
    expect(result.kind).toBe('missing');
  });

  it('gives the server’s reason when the exec is refused', async () => {
    const result = await execCapture({ kc: suite.t.kc, ...bb, container: 'nope', command: ['true'] });
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.reason).toMatch(/container nope is not valid|not found|nope/);
  });

  it('keeps at most maxBytes and counts the rest', async () => {
    const result = await execCapture({ kc: suite.t.kc, ...bb, command: ['cat', '/etc/hosts'], maxBytes: 10 });
    expect(result.kind === 'exit' && result.stdout.length).toBe(10);
    expect(result.kind === 'exit' && result.truncated).toBeGreaterThan(0);
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    const result = await execCapture({ kc: suite.t.kc, ...bb, command: ['sleep', '30'], timeoutMs: 500 });
    expect(result).toEqual({ kind: 'failed', reason: 'timed out after 500 ms' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const pending = execCapture({ kc: suite.t.kc, ...bb, command: ['sleep', '30'], signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    expect(await pending).toEqual({ kind: 'failed', reason: 'cancelled' });
  });
});
