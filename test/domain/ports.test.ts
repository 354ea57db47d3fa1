/**
 * The ports check's pure parts on real-world /proc/net/tcp* samples (test/fixtures/procnet/, sources in its
 * SOURCES.md): addresses decoded as the kernel wrote them (little-endian words, IPv6 and v4-mapped), LISTEN told
 * from the other states, malformed lines counted; then the verdicts a user reads, and the view's lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeclaredPort } from '../../src/domain/declaredPorts.js';
import { formatIPv6, onlyTcp6Missing, parseProcNetTcp } from '../../src/domain/ports/procNetTcp.js';
import { portVerdicts, verdictText } from '../../src/domain/ports/portVerdicts.js';
import { portsLines } from '../../src/domain/ports/portsText.js';
import { portsReadOrder } from '../../src/domain/ports/readOrder.js';
import type { Pod } from '../../src/domain/wire.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/procnet/${name}`, import.meta.url), 'utf8');

const brief = (text: string) => parseProcNetTcp(text).sockets.map((s) => `${s.state} ${s.address} ${s.port}`);

describe('parseProcNetTcp', () => {
  it('reads a real Linux 6.18 capture: IPv4 padded lines, IPv6, ::1, v4-mapped, an established pair', () => {
    const both = fixture('linux-6.18-node.tcp') + fixture('linux-6.18-node.tcp6');
    expect(brief(both)).toEqual([
      'LISTEN 127.0.0.1 13000',
      'LISTEN 0.0.0.0 19090',
      'ESTABLISHED 127.0.0.1 13000',
      'ESTABLISHED 127.0.0.1 45528',
      'LISTEN ::1 15000',
      'LISTEN :: 18080',
      'LISTEN ::ffff:127.0.0.1 17000',
    ]);
    expect(parseProcNetTcp(both).malformed).toBe(0);
    expect(parseProcNetTcp(both).sockets.map((s) => s.family)).toEqual([
      'ipv4',
      'ipv4',
      'ipv4',
      'ipv4',
      'ipv6',
      'ipv6',
      'ipv6',
    ]);
  });

  it("reads treadmill's test data, counting its non-hex line as malformed", () => {
    const v4 = parseProcNetTcp(fixture('treadmill.tcp'));
    expect(v4.sockets.map((s) => `${s.state} ${s.address}:${s.port}`)).toEqual([
      'LISTEN 0.0.0.0:3',
      'LISTEN 127.0.0.1:4',
      'TIME_WAIT 101.69.35.1:47756',
      'CLOSE_WAIT 35.49.18.162:60226',
    ]);
    expect(v4.malformed).toBe(1);
    expect(brief(fixture('treadmill.tcp6'))).toEqual([
      'LISTEN :: 1',
      'LISTEN ::1 2',
      'LISTEN :: 4660',
      'ESTABLISHED :: 4660',
    ]);
  });

  it("decodes the kernel documentation's example and FortiADC's listeners", () => {
    expect(brief(fixture('kernel-doc.tcp'))).toEqual(['ESTABLISHED 172.16.3.1 40012']);
    expect(brief(fixture('fortiadc.tcp'))).toEqual([
      'LISTEN 169.254.160.134 21',
      'LISTEN 127.0.0.1 53',
      'LISTEN 172.30.144.100 53',
      'LISTEN 172.30.144.100 22',
      'LISTEN 169.254.160.134 22',
    ]);
  });

  it('reads ::1 as the Stack Exchange question finds it printed (00000000000000000000000001000000)', () => {
    expect(brief(fixture('stackexchange-719440.tcp6'))).toEqual(['LISTEN ::1 5000']);
  });

  it('tells a kernel without tcp6 (GNU and busybox wording) from cat failing otherwise', () => {
    const v4 = fixture('linux-6.18-node.tcp');
    expect(onlyTcp6Missing(v4, 'cat: /proc/net/tcp6: No such file or directory\n')).toBe(true);
    expect(onlyTcp6Missing(v4, "cat: can't open '/proc/net/tcp6': No such file or directory\n")).toBe(true);
    expect(
      onlyTcp6Missing(
        '',
        "cat: can't open '/proc/net/tcp': No such file or directory\ncat: can't open '/proc/net/tcp6': No such file or directory\n",
      ),
    ).toBe(false);
    expect(onlyTcp6Missing(v4, 'cat: write error: No space left on device\n')).toBe(false);
  });

  it('writes IPv6 as RFC 5952 does', () => {
    const bytes = (hex: string) => hex.match(/../g)!.map((b) => Number.parseInt(b, 16));
    expect(formatIPv6(bytes('20010db8000000000001000000000001'))).toBe('2001:db8::1:0:0:1');
    expect(formatIPv6(bytes('fe800000000000000000000000000001'))).toBe('fe80::1');
    expect(formatIPv6(bytes('20010db8000100010001000100010001'))).toBe('2001:db8:1:1:1:1:1:1');
    expect(formatIPv6(bytes('00000000000000000000ffff0a f40001'.replace(' ', '')))).toBe('::ffff:10.244.0.1');
  });
});

const declared = (container: string, port: number, extra: Partial<DeclaredPort> = {}): DeclaredPort => ({
  container,
  port,
  protocol: 'TCP',
  ...extra,
});

describe('portVerdicts', () => {
  it('seed 000 web-app: 80 and 8080 fine, 9090 listening but not declared', () => {
    const sockets = parseProcNetTcp(
      [
        '   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
        '   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0',
        '   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0',
        '   2: 00000000000000000000000000000000:2382 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0',
      ].join('\n'),
    ).sockets;
    const rows = portVerdicts([declared('nginx', 80), declared('web-app', 8080)], sockets, ['10.244.0.7']);
    expect(
      rows.map((r) => [r.port, r.declared.map((d) => d.container), r.listening, verdictText(r)]),
    ).toEqual([
      [80, ['nginx'], ['0.0.0.0', '::'], 'fine'],
      [8080, ['web-app'], ['::'], 'fine'],
      [9090, [], ['::'], 'listening but not declared'],
    ]);
  });

  it('the classic mistake on a real capture: declared 8080 not listening, 127.0.0.1 and ::1 loopback only', () => {
    const sockets = parseProcNetTcp(fixture('linux-6.18-node.tcp') + fixture('linux-6.18-node.tcp6')).sockets;
    const rows = portVerdicts([declared('app', 8080, { name: 'http' })], sockets, ['10.244.0.9']);
    expect(rows.map((r) => `${r.port} ${r.verdict}`)).toEqual([
      '8080 not-listening',
      '13000 loopback-only',
      '15000 loopback-only',
      '17000 loopback-only',
      '18080 undeclared',
      '19090 undeclared',
    ]);
    // Established connections are not listeners: 45528 (the client's end) is no row.
    expect(rows.some((r) => r.port === 45528)).toBe(false);
  });

  it('a declared port bound to a loopback address is loopback only, not fine', () => {
    const sockets = parseProcNetTcp(fixture('treadmill.tcp')).sockets;
    const rows = portVerdicts([declared('app', 4)], sockets, ['10.0.0.5']);
    expect(rows.find((r) => r.port === 4)?.verdict).toBe('loopback-only');
  });

  it('a socket bound to the pod IP itself is reachable; another address is said', () => {
    const sockets = parseProcNetTcp(fixture('fortiadc.tcp')).sockets;
    const rows = portVerdicts([declared('dns', 53), declared('ftp', 21)], sockets, ['172.30.144.100']);
    expect(rows.map((r) => `${r.port} ${verdictText(r)}`)).toEqual([
      '21 listening on 169.254.160.134 only: not the pod IP',
      '22 listening but not declared',
      '53 fine',
    ]);
  });

  it('says a declared UDP port is not checked rather than not listening', () => {
    const rows = portVerdicts([declared('dns', 53, { protocol: 'UDP' })], [], ['10.0.0.1']);
    expect(rows.map(verdictText)).toEqual(['UDP: not checked (TCP only)']);
  });
});

function pod(partial: { containers: string[]; running: string[]; ephemeral?: string[] }): Pod {
  const { containers, running, ephemeral = [] } = partial;
  const status = (name: string) => ({
    name,
    ready: true,
    restartCount: 0,
    image: 'x',
    imageID: '',
    state: running.includes(name) ? { running: { startedAt: '2026-01-01T00:00:00Z' } } : { waiting: {} },
  });
  return {
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      containers: containers.map((name) => ({ name, image: 'x', ports: [{ containerPort: 8080 }] })),
      ephemeralContainers: ephemeral.map((name) => ({ name, image: 'busybox' })),
    },
    status: {
      podIP: '10.244.0.9',
      containerStatuses: containers.map(status),
      ephemeralContainerStatuses: ephemeral.map(status),
    },
  } as Pod;
}

describe('portsReadOrder', () => {
  it('tries the container the user is on, then the others, then running debug containers; never a stopped one', () => {
    const p = pod({
      containers: ['a', 'b', 'c'],
      running: ['a', 'c', 'debugger-x'],
      ephemeral: ['debugger-x'],
    });
    expect(portsReadOrder(p, 'c')).toEqual(['c', 'a', 'debugger-x']);
    expect(portsReadOrder(p, 'b')).toEqual(['a', 'c', 'debugger-x']);
    expect(portsReadOrder(pod({ containers: ['a'], running: [] }), undefined)).toEqual([]);
  });
});

describe('portsLines', () => {
  const at = new Date(2026, 0, 1, 6, 12, 3);
  it('marks the exec-read part with its container and time, and lists the verdicts', () => {
    const text = portsLines(pod({ containers: ['app'], running: ['app'] }), {
      kind: 'read',
      container: 'app',
      at,
      text: fixture('linux-6.18-node.tcp'),
      ipv6: false,
      skipped: [],
    }).map((l) => l.text);
    expect(text[1]).toBe(
      'Listening: read through exec (cat /proc/net/tcp /proc/net/tcp6) in container app at 06:12:03 — r reads again',
    );
    expect(text).toContain('  IPv4 only: this kernel has no /proc/net/tcp6');
    expect(text.find((l) => l.startsWith('8080'))).toMatch(
      /^8080\s+TCP\s+app\s+—\s+declared but not listening$/,
    );
    expect(text.find((l) => l.startsWith('13000'))).toMatch(
      /^13000\s+TCP\s+—\s+127\.0\.0\.1\s+loopback only: unreachable through the pod IP$/,
    );
  });

  it('without a read, lists the declared ports and says why in one line', () => {
    const p = pod({ containers: ['web-app'], running: ['web-app'] });
    const noCat = portsLines(p, { kind: 'no-cat', tried: ['web-app'] }).map((l) => l.text);
    expect(noCat[1]).toBe('Listening: not read — no running container has cat (web-app: distroless?)');
    expect(noCat[2]).toMatch(/^ {2}D adds a debug container/);
    expect(noCat.find((l) => l.startsWith('8080'))).toMatch(/not read$/);
    const refused = portsLines(p, { kind: 'failed', container: 'web-app', reason: 'forbidden: no' });
    expect(refused[1]?.text).toBe('Listening: not read in container web-app — forbidden: no');
  });
});
