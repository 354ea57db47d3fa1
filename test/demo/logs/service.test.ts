/**
 * LogService over real HTTP with a fixed clock: what a non-followed request returns (slices, timestamps, byte
 * limits, previous runs) and how it refuses, as Status bodies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339NanoFixed } from '../../../src/demo/logs/clock.js';
import { extraNanos, linesThrough } from '../../../src/demo/logs/script.js';
import { LogService, RETAINED_LINES } from '../../../src/demo/logs/service.js';
import { lineSeq } from '../../../src/demo/logs/seq.js';
import { logScript } from '../../../src/demo/logs/styles/index.js';
import type { ContainerRun } from '../../../src/demo/runtime.js';
import { FakeRuntime, podOf, statusOf } from './fakeRuntime.js';
import { fetchAll, logUrl, startHarness, type Harness } from './harness.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

let runtime: FakeRuntime;
let service: LogService;
let h: Harness;

beforeEach(async () => {
  runtime = new FakeRuntime();
  service = new LogService(runtime, () => NOW);
  h = await startHarness(service);
});

afterEach(async () => {
  service.close();
  await h.close();
});

/** Registers pod `name` whose only container `c` has these runs, with a matching status. */
function publish(name: string, containers: string[] = ['c'], waiting?: string): void {
  const statuses = containers.map((c) => statusOf(c, runtime.runs('default', name, c) ?? [], waiting));
  h.pods.set(`default/${name}`, podOf({ name, containers, statuses }));
}

/** The lines of a run's log written up to NOW (and before its finish), as the service should return them. */
function expected(run: ContainerRun, nowMs = NOW): string[] {
  const s = logScript(run);
  const endMs = Math.min(nowMs, run.finishedAt === undefined ? Infinity : run.finishedAt - 0.001);
  const n = linesThrough(s, Math.floor((endMs - run.startedAt) * 1000));
  return Array.from({ length: n }, (_, i) => s.text(i));
}

describe('GET …/log', () => {
  it('returns the whole log so far as chunked text/plain', async () => {
    const run = runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 60_000 });
    publish('web');
    const res = await fetchAll(logUrl(h, 'web'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.lines).toEqual(expected(run));
    expect(res.lines.length).toBeGreaterThan(60);
    expect(res.text.endsWith('\n')).toBe(true);
    // Nothing is followed, so the service holds no runtime subscription.
    expect(runtime.listenerCount).toBe(0);
    expect(service.openStreams).toBe(0);
  });

  it('takes the last tailLines lines; tailLines=0 gives an empty 200', async () => {
    const run = runtime.start({
      pod: 'web',
      container: 'c',
      image: 'podscope/api',
      startedAt: NOW - 600_000,
    });
    publish('web');
    const all = expected(run);
    expect((await fetchAll(logUrl(h, 'web', { tailLines: 25 }))).lines).toEqual(all.slice(-25));
    const none = await fetchAll(logUrl(h, 'web', { tailLines: 0 }));
    expect(none.status).toBe(200);
    expect(none.text).toBe('');
    expect((await fetchAll(logUrl(h, 'web', { tailLines: 1_000_000 }))).lines).toEqual(all);
  });

  it('takes lines written since sinceSeconds ago', async () => {
    const run = runtime.start({ pod: 'web', container: 'c', image: 'hello', startedAt: NOW - 60_000 });
    publish('web');
    const s = logScript(run);
    const from = linesThrough(s, 50_000_000 - 1); // lines at or after 50 s into the run
    const res = await fetchAll(logUrl(h, 'web', { sinceSeconds: 10 }));
    expect(res.lines).toEqual(expected(run).slice(from));
    expect(res.lines.length).toBeGreaterThan(10);
  });

  it('takes lines since sinceTime, truncated to the second as the API server forwards it', async () => {
    const run = runtime.start({ pod: 'web', container: 'c', image: 'hello', startedAt: NOW - 60_000 });
    publish('web');
    const s = logScript(run);
    // 11:59:39.500 is sent to the kubelet as 11:59:39, i.e. 21 s before NOW, 39 s into the run.
    const res = await fetchAll(logUrl(h, 'web', { sinceTime: new Date(NOW - 20_500).toISOString() }));
    expect(res.lines).toEqual(expected(run).slice(linesThrough(s, 39_000_000 - 1)));
    // A sinceTime before the start gives everything; one in the future gives nothing.
    expect((await fetchAll(logUrl(h, 'web', { sinceTime: '2020-01-01T00:00:00Z' }))).lines).toEqual(
      expected(run),
    );
    expect((await fetchAll(logUrl(h, 'web', { sinceTime: '2030-01-01T00:00:00Z' }))).text).toBe('');
  });

  it('applies tailLines first, then since, as the kubelet does', async () => {
    const run = runtime.start({ pod: 'web', container: 'c', image: 'hello', startedAt: NOW - 60_000 });
    publish('web');
    const all = expected(run);
    const s = logScript(run);
    const sinceIdx = linesThrough(s, 55_000_000 - 1);
    const res = await fetchAll(logUrl(h, 'web', { tailLines: 30, sinceSeconds: 5 }));
    expect(res.lines).toEqual(all.slice(Math.max(all.length - 30, sinceIdx)));
  });

  it('prefixes RFC3339Nano timestamps (nine digits) and a space', async () => {
    const run = runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 30_000 });
    publish('web');
    const s = logScript(run);
    const res = await fetchAll(logUrl(h, 'web', { timestamps: true }));
    const plain = expected(run);
    expect(res.lines.length).toBe(plain.length);
    res.lines.forEach((line, i) => {
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
      expect(line).toBe(
        `${rfc3339NanoFixed(run.startedAt * 1000 + s.at(i), extraNanos(run.seed, i))} ${plain[i]}`,
      );
      const ms = Date.parse(line.slice(0, 23) + 'Z');
      expect(ms).toBeGreaterThanOrEqual(run.startedAt);
      expect(ms).toBeLessThanOrEqual(NOW);
    });
  });

  it('cuts the byte stream at limitBytes, mid-line, timestamps included', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 30_000 });
    publish('web');
    for (const params of [{ timestamps: false }, { timestamps: true }]) {
      const full = await fetchAll(logUrl(h, 'web', params));
      for (const limit of [1, 100, 4097]) {
        const cut = await fetchAll(logUrl(h, 'web', { ...params, limitBytes: limit }));
        expect(cut.body.length).toBe(limit);
        expect(cut.body.equals(full.body.subarray(0, limit))).toBe(true);
      }
      const more = await fetchAll(logUrl(h, 'web', { ...params, limitBytes: full.body.length + 10 }));
      expect(more.body.equals(full.body)).toBe(true);
    }
  });

  it('keeps at most RETAINED_LINES lines, like a rotated log file', async () => {
    runtime.start({ pod: 'fire', container: 'c', image: 'podscope/firehose', startedAt: NOW - 2_000 });
    publish('fire');
    const res = await fetchAll(logUrl(h, 'fire'));
    expect(res.lines.length).toBe(RETAINED_LINES);
    const first = lineSeq(res.lines[0]!)!;
    expect(first).toBeGreaterThan(1);
    expect(lineSeq(res.lines.at(-1)!)).toBe(first + RETAINED_LINES - 1);
  });

  it('reads the previous run with previous=true; the finished run stops at its finishedAt', async () => {
    const first = runtime.finish(
      runtime.start({ pod: 'crash', container: 'c', image: 'podscope/crasher', startedAt: NOW - 40_000 }),
      NOW - 36_000,
      1,
    );
    const second = runtime.start({
      pod: 'crash',
      container: 'c',
      image: 'podscope/crasher',
      startedAt: NOW - 2_000,
    });
    publish('crash');
    const prev = await fetchAll(logUrl(h, 'crash', { previous: true }));
    expect(prev.status).toBe(200);
    expect(prev.lines).toEqual(expected(first));
    expect(prev.text).toMatch(/ERROR|fatal|panic|Traceback/);
    const cur = await fetchAll(logUrl(h, 'crash'));
    expect(cur.lines).toEqual(expected(second));
    expect(cur.text).not.toMatch(/Traceback|goroutine| {4}at /);
  });

  it('cuts a run’s lines at finishedAt when it was stopped early', async () => {
    const run = runtime.finish(
      runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 60_000 }),
      NOW - 30_000,
    );
    publish('web');
    const s = logScript(run);
    const res = await fetchAll(logUrl(h, 'web'));
    expect(res.lines.length).toBe(linesThrough(s, 30_000_000 - 1));
  });
});

describe('GET …/log refusals', () => {
  async function status(url: string) {
    const res = await fetchAll(url);
    return {
      code: res.status,
      type: res.headers['content-type'],
      body: JSON.parse(res.text) as Record<string, unknown>,
    };
  }

  it('asks for a container name in a multi-container pod', async () => {
    runtime.start({ pod: 'two', container: 'nginx', image: 'nginx', startedAt: NOW - 1000 });
    runtime.start({ pod: 'two', container: 'web-app', image: 'podscope/web-app', startedAt: NOW - 1000 });
    publish('two', ['nginx', 'web-app']);
    const r = await status(logUrl(h, 'two'));
    expect(r.code).toBe(400);
    expect(r.type).toBe('application/json');
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'a container name must be specified for pod two, choose one of: [nginx web-app]',
      reason: 'BadRequest',
      code: 400,
    });
    expect((await status(logUrl(h, 'two', { container: 'db' }))).body.message).toBe(
      'container db is not valid for pod two',
    );
    expect((await fetchAll(logUrl(h, 'two', { container: 'web-app' }))).status).toBe(200);
  });

  it('says the container is waiting to start, or has no previous run', async () => {
    publish('new', ['c'], 'ContainerCreating');
    expect((await status(logUrl(h, 'new'))).body.message).toBe(
      'container "c" in pod "new" is waiting to start: ContainerCreating',
    );
    publish('typo', ['c'], 'ImagePullBackOff');
    expect((await status(logUrl(h, 'typo'))).body.message).toBe(
      'container "c" in pod "typo" is waiting to start: trying and failing to pull image',
    );
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 1000 });
    publish('web');
    const r = await status(
      logUrl(h, 'web', { container: 'c', follow: false, previous: true, timestamps: false, pretty: false }),
    );
    expect(r.code).toBe(400);
    expect(r.body.message).toBe('previous terminated container "c" in pod "web" not found');
  });

  it('answers 422 for invalid options and 204 for a pod not yet scheduled', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 1000 });
    publish('web');
    const r = await status(logUrl(h, 'web', { tailLines: -3 }));
    expect(r.code).toBe(422);
    expect(r.body).toMatchObject({ reason: 'Invalid', details: { name: 'web', kind: 'PodLogOptions' } });
    h.pods.set('default/pending', podOf({ name: 'pending', containers: ['c'], nodeName: '' }));
    const pending = await fetchAll(logUrl(h, 'pending'));
    expect(pending.status).toBe(204);
    expect(pending.text).toBe('');
  });

  it('answers 503 once closed', async () => {
    runtime.start({ pod: 'web', container: 'c', image: 'nginx', startedAt: NOW - 1000 });
    publish('web');
    service.close();
    expect((await status(logUrl(h, 'web'))).code).toBe(503);
  });
});
