/**
 * Followed logs over real HTTP and the real clock: new lines as time passes, the end of the stream when the run
 * ends, server-side drops and reconnects without loss, and backpressure from a reader that stops reading.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countNumbered, findSeqBreak, lineSeq } from '../../../src/demo/logs/seq.js';
import { LogService } from '../../../src/demo/logs/service.js';
import { logScript } from '../../../src/demo/logs/styles/index.js';
import { FakeRuntime, podOf, statusOf } from './fakeRuntime.js';
import { followUrl, logUrl, startHarness, waitFor, type Harness } from './harness.js';

let runtime: FakeRuntime;
let service: LogService;
let h: Harness;

beforeEach(async () => {
  runtime = new FakeRuntime();
  service = new LogService(runtime);
  h = await startHarness(service);
});

afterEach(async () => {
  service.close();
  await h.close();
});

function publish(name: string, container = 'c', waiting?: string): void {
  const runs = runtime.runs('default', name, container) ?? [];
  h.pods.set(
    `default/${name}`,
    podOf({ name, containers: [container], statuses: [statusOf(container, runs, waiting)] }),
  );
}

const lastSeq = (lines: readonly string[]) => {
  for (let i = lines.length - 1; i >= 0; i--) {
    const s = lineSeq(lines[i]!);
    if (s !== undefined) return s;
  }
  return 0;
};

describe('follow', () => {
  it('sends new lines as they are written, and ends when the run finishes', async () => {
    const run = runtime.start({
      pod: 'web',
      container: 'c',
      image: 'hello',
      startedAt: Date.now() - 5_000,
      seed: 11,
    });
    publish('web');
    const f = await followUrl(
      logUrl(h, 'web', { container: 'c', follow: true, pretty: true, previous: false, timestamps: false }),
    );
    expect(f.status).toBe(200);
    expect(f.headers['content-type']).toBe('text/plain');
    await waitFor('the log so far', () => f.lines.length >= 6);
    const initial = lastSeq(f.lines);
    await waitFor('a new line', () => lastSeq(f.lines) > initial, 3000);
    expect(runtime.listenerCount).toBe(1);
    expect(f.ended).toBeUndefined();

    runtime.finish(run, Date.now(), 137, 'Error');
    await waitFor('the end of the stream', () => f.ended !== undefined);
    expect(f.ended).toBe('end');
    expect(countNumbered(f.lines)).toBeGreaterThan(0);
    expect(findSeqBreak(f.lines)).toBeUndefined();
    expect(f.lines.slice(0, 5)).toEqual([
      '',
      '> @ start /opt/microservices',
      '> node helloworld.js "3000"',
      '',
      'Hello server listening on port 3000',
    ]);
    await waitFor('the service to forget the stream', () => service.openStreams === 0);
    expect(runtime.listenerCount).toBe(0);
  });

  it('with tailLines=0 sends only lines written after the request', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: Date.now() - 20_000, seed: 5 });
    publish('web');
    const f = await followUrl(logUrl(h, 'web', { follow: true, tailLines: 0 }));
    await waitFor('a new line', () => f.lines.length > 0, 3000);
    expect(lineSeq(f.lines[0]!)).toBeGreaterThan(20);
    f.close();
    await waitFor('the service to notice the client left', () => service.openStreams === 0);
    expect(runtime.listenerCount).toBe(0);
  });

  it('shows a crash’s stack trace, then ends when the kubelet records the exit', async () => {
    // The crasher exits 4 s after it starts; its error and trace come just before.
    const run = runtime.start({
      pod: 'crash',
      container: 'c',
      image: 'podscope/crasher',
      startedAt: Date.now() - 3_000,
      seed: 3,
    });
    publish('crash');
    const f = await followUrl(logUrl(h, 'crash', { follow: true, timestamps: true }));
    await waitFor('the trace', () => f.lines.some((l) => /Traceback|goroutine| {4}at /.test(l)), 3000);
    expect(f.ended).toBeUndefined();
    runtime.finish(run, run.startedAt + 4000, 1);
    await waitFor('the end of the stream', () => f.ended !== undefined);
    expect(f.ended).toBe('end');
    // A crash names no request, so its lines carry no number: the whole log is checked against what was written.
    const script = logScript(run);
    const written: string[] = [];
    for (let i = 0; Number.isFinite(script.at(i)); i++) written.push(script.text(i));
    expect(f.lines.map((l) => l.slice(l.indexOf(' ') + 1))).toEqual(written);
    for (const l of f.lines) expect(Date.parse(l.slice(0, 23) + 'Z')).toBeLessThan(run.startedAt + 4000);
  });

  it('of a container waiting to restart, prints the last run and ends at once', async () => {
    const run = runtime.start({
      pod: 'loop',
      container: 'c',
      image: 'podscope/crasher',
      startedAt: Date.now() - 20_000,
    });
    runtime.finish(run, run.startedAt + 4000, 1);
    publish('loop', 'c', 'CrashLoopBackOff');
    const f = await followUrl(logUrl(h, 'loop', { follow: true }));
    await waitFor('the end of the stream', () => f.ended !== undefined);
    expect(f.ended).toBe('end');
    expect(f.lines.join('\n')).toMatch(/ERROR|fatal|Traceback|panic/);
  });

  it('ends when a new run of the container starts, even if the old one’s exit was not reported', async () => {
    const run = runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: Date.now() - 10_000 });
    publish('web');
    const f = await followUrl(logUrl(h, 'web', { follow: true }));
    await waitFor('the log so far', () => f.lines.length > 10);
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: Date.now() });
    await waitFor('the end of the stream', () => f.ended !== undefined);
    expect(f.ended).toBe('end');
    expect(runtime.runs('default', 'web', 'c')![0]!.id).toBe(run.id);
  });

  it('stops at limitBytes', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: Date.now() - 10_000 });
    publish('web');
    const f = await followUrl(logUrl(h, 'web', { follow: true, limitBytes: 50 }));
    await waitFor('the end of the stream', () => f.ended !== undefined);
    expect(f.ended).toBe('end');
    expect(f.lines).toEqual([]); // 50 bytes: not even one whole line
  });
});

describe('dropStreams', () => {
  it('aborts open streams like a network drop; a reconnect with sinceTime loses and repeats nothing', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'kiada', startedAt: Date.now() - 8_000, seed: 9 });
    publish('web');
    const first = await followUrl(logUrl(h, 'web', { follow: true, timestamps: true }));
    await waitFor('some lines', () => first.lines.length > 8);
    const seqBefore = lastSeq(first.lines);
    await waitFor('a new line', () => lastSeq(first.lines) > seqBefore, 3000);

    expect(service.dropStreams()).toBe(1);
    await waitFor('the client to see the drop', () => first.ended !== undefined);
    expect(first.ended).toBe('error');
    await waitFor('the service to forget the stream', () => service.openStreams === 0);

    // Resume as podscope does: from the last timestamp seen, dropping the overlap by sequence number.
    const received = [...first.lines];
    const lastTs = received.at(-1)!.slice(0, 30);
    const second = await followUrl(logUrl(h, 'web', { follow: true, timestamps: true, sinceTime: lastTs }));
    const resumeAfter = lastSeq(received);
    await waitFor('lines past the drop', () => lastSeq(second.lines) > resumeAfter + 1, 4000);
    // The API server truncates sinceTime to the second, so the overlap is real and must be dropped by the reader.
    expect(lineSeq(second.lines[0]!)).toBeLessThanOrEqual(resumeAfter);
    const fresh = second.lines.slice(second.lines.findIndex((l) => lineSeq(l) === resumeAfter) + 1);
    const combined = [...received, ...fresh];
    expect(countNumbered(fresh)).toBeGreaterThan(0);
    expect(findSeqBreak(combined)).toBeUndefined();
    expect(lastSeq(combined)).toBeGreaterThan(resumeAfter);
    second.close();
  });

  it('can end streams cleanly instead', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: Date.now() - 5_000 });
    publish('web');
    const a = await followUrl(logUrl(h, 'web', { follow: true }));
    const b = await followUrl(logUrl(h, 'web', { follow: true, tailLines: 1 }));
    await waitFor('both streams to be open', () => service.openStreams === 2);
    expect(service.dropStreams('end')).toBe(2);
    await waitFor('both ends', () => a.ended !== undefined && b.ended !== undefined);
    expect([a.ended, b.ended]).toEqual(['end', 'end']);
    expect(runtime.listenerCount).toBe(0);
  });

  it('close() ends open streams cleanly', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: Date.now() - 5_000 });
    publish('web');
    const f = await followUrl(logUrl(h, 'web', { follow: true }));
    await waitFor('the stream to open', () => service.openStreams === 1);
    service.close();
    await waitFor('the end', () => f.ended !== undefined);
    expect(f.ended).toBe('end');
    expect(runtime.listenerCount).toBe(0);
  });
});

describe('firehose', () => {
  it('writes as fast as the reader takes, and buffers nothing while the reader stops', async () => {
    runtime.start({ pod: 'fire', container: 'c', image: 'podscope/firehose', startedAt: Date.now() - 100 });
    publish('fire');
    const f = await followUrl(logUrl(h, 'fire', { follow: true, tailLines: 0 }));
    await waitFor('200,000 lines', () => f.lines.length >= 200_000, 15_000);
    expect(countNumbered(f.lines)).toBe(f.lines.length);
    expect(findSeqBreak(f.lines)).toBeUndefined();

    f.pause();
    const res = h.responses.at(-1)!;
    let last = -1;
    let stableSince = Date.now();
    // Wait until the server has stopped writing (the socket buffers are full and it waits for drain).
    await waitFor(
      'the server to stop writing to a paused reader',
      () => {
        const written = res.socket?.bytesWritten ?? 0;
        if (written !== last) {
          last = written;
          stableSince = Date.now();
        }
        return Date.now() - stableSince > 300;
      },
      10_000,
    );
    // Node holds at most one chunk beyond what the kernel took: nothing grows while the reader sleeps.
    expect(res.writableLength).toBeLessThan(256 * 1024);
    expect(service.openStreams).toBe(1);

    const before = f.lines.length;
    f.resume();
    await waitFor('reading to resume', () => f.lines.length > before + 100_000, 15_000);
    f.close();
    expect(findSeqBreak(f.lines)).toBeUndefined();
    await waitFor('the service to forget the stream', () => service.openStreams === 0);
  });
});
