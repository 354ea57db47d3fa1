/** The dialog's checks that ask the machine: is the local port free, and which one to suggest. */
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { localPortProblem, suggestLocalPort } from '../../../src/kube/portForward/index.js';
import { isRoot } from '../../../src/kube/portForward/localPort.js';
import { waitFor } from '../../support/waitFor.js';

const held: Server[] = [];
async function holdPort(port = 0): Promise<number> {
  const s = createServer().listen(port, '127.0.0.1');
  held.push(s);
  await once(s, 'listening');
  return (s.address() as AddressInfo).port;
}
afterEach(() => {
  for (const s of held.splice(0)) s.close();
});

describe('suggestLocalPort', () => {
  it('offers the same number when it is free, another free one when it is not', async () => {
    const port = await holdPort();
    held.pop()!.close();
    await waitClosed(port);
    expect(await suggestLocalPort(port, '127.0.0.1')).toBe(port);
    await holdPort(port);
    const other = await suggestLocalPort(port, '127.0.0.1');
    expect(other).not.toBe(port);
    expect(await localPortProblem('127.0.0.1', other)).toBeUndefined();
  });

  it('offers port 80 for a pod port 80 only to root, and only when it is free', async () => {
    const suggested = await suggestLocalPort(80, '127.0.0.1');
    if (isRoot() && (await localPortProblem('127.0.0.1', 80)) === undefined) expect(suggested).toBe(80);
    else expect(suggested).toBeGreaterThanOrEqual(1024);
  });
});

describe('localPortProblem', () => {
  it('says which local port is taken, as a forward that cannot bind says it', async () => {
    const busy = await holdPort();
    expect(await localPortProblem('127.0.0.1', busy)).toBe(
      `port ${busy} on 127.0.0.1 is in use (by another program)`,
    );
  });

  it('says when the address is not one of this machine', async () => {
    expect(await localPortProblem('192.0.2.1', 18080)).toBe('192.0.2.1 is not an address of this machine');
  });
});

async function waitClosed(port: number): Promise<void> {
  await waitFor(async () => (await localPortProblem('127.0.0.1', port)) === undefined, `port ${port} free`);
}
