/**
 * The decisions before any log line is written, with the real servers' wording:
 * - option decoding and validation: apimachinery's query conversion (`Convert_Slice_string_To_bool`:
 *   only absent, "0" and "false" are false) and `ValidatePodLogOptions` (pkg/apis/core/validation/validation.go),
 *   reported through `errors.NewInvalid` as `PodLogOptions "NAME" is invalid: …`;
 * - container choice: pkg/registry/core/pod/strategy.go `validateContainer` (init, regular, ephemeral names);
 * - run choice: pkg/kubelet/kubelet_pods.go `validateContainerLogStatus`.
 */
import { describe, expect, it } from 'vitest';
import { chooseContainer } from '../../../src/demo/logs/container.js';
import type { LogFailure } from '../../../src/demo/logs/failure.js';
import { parseLogOptions, type PodLogOptions } from '../../../src/demo/logs/options.js';
import { logTarget } from '../../../src/demo/logs/target.js';
import { FakeRuntime, podOf, statusOf } from './fakeRuntime.js';

const q = (s: string) => new URLSearchParams(s);

function ok(r: PodLogOptions | LogFailure): PodLogOptions {
  if ('failure' in r) throw new Error(`unexpected failure: ${r.message}`);
  return r;
}

function fail(r: object): LogFailure {
  if (!('failure' in r)) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  return r as LogFailure;
}

describe('parseLogOptions', () => {
  it('reads what client-node always sends as all-false', () => {
    const o = ok(
      parseLogOptions(q('container=web&follow=false&pretty=false&previous=false&timestamps=false'), 'p'),
    );
    expect(o).toEqual({ container: 'web', follow: false, previous: false, timestamps: false });
  });

  it('reads booleans as the API server does: anything but absent, 0 and false is true', () => {
    expect(ok(parseLogOptions(q('follow=true&previous=1&timestamps='), 'p'))).toMatchObject({
      follow: true,
      previous: true,
      timestamps: true,
    });
    expect(ok(parseLogOptions(q('follow=FALSE&previous=0'), 'p'))).toMatchObject({
      follow: false,
      previous: false,
    });
  });

  it('reads numbers and truncates sinceTime to the second, as the API server forwards it', () => {
    const o = ok(
      parseLogOptions(q('tailLines=10&limitBytes=500&sinceTime=2026-11-21T10:41:27.987654Z'), 'p'),
    );
    expect(o.tailLines).toBe(10);
    expect(o.limitBytes).toBe(500);
    expect(o.sinceTime).toBe(Date.UTC(2026, 10, 21, 10, 41, 27));
    expect(ok(parseLogOptions(q('sinceTime=2026-11-21T12:41:27%2B02:00'), 'p')).sinceTime).toBe(
      Date.UTC(2026, 10, 21, 10, 41, 27),
    );
    expect(ok(parseLogOptions(q('sinceSeconds=30&tailLines='), 'p'))).toMatchObject({ sinceSeconds: 30 });
  });

  it('refuses a parameter that does not parse with 400, as a query conversion error', () => {
    const f = fail(parseLogOptions(q('tailLines=ten'), 'p'));
    expect(f).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'strconv.ParseInt: parsing "ten": invalid syntax',
    });
    expect(fail(parseLogOptions(q('sinceTime=yesterday'), 'p')).code).toBe(400);
  });

  it('refuses invalid values with 422 Invalid, naming the field', () => {
    const f = fail(parseLogOptions(q('tailLines=-1'), 'web'));
    expect(f.code).toBe(422);
    expect(f.reason).toBe('Invalid');
    expect(f.message).toBe(
      'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(f.details).toEqual({
      name: 'web',
      kind: 'PodLogOptions',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: -1: must be greater than or equal to 0',
          field: 'tailLines',
        },
      ],
    });
    expect(fail(parseLogOptions(q('limitBytes=0'), 'web')).message).toBe(
      'PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0',
    );
    expect(fail(parseLogOptions(q('sinceSeconds=0'), 'web')).message).toBe(
      'PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0',
    );
    expect(fail(parseLogOptions(q('sinceSeconds=5&sinceTime=2026-11-21T10:41:27Z'), 'web')).message).toBe(
      'PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    );
    expect(fail(parseLogOptions(q('tailLines=-1&limitBytes=-5'), 'web')).message).toBe(
      'PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, ' +
        'limitBytes: Invalid value: -5: must be greater than 0]',
    );
  });
});

describe('chooseContainer', () => {
  const two = podOf({ name: 'web', containers: ['nginx', 'web-app'], initContainers: ['init-db'] });

  it('defaults to the only container, whatever the init containers', () => {
    expect(
      chooseContainer(podOf({ name: 'web', containers: ['nginx'], initContainers: ['init-db'] }), ''),
    ).toEqual({
      name: 'nginx',
    });
  });

  it('asks for a name when there are several, listing init containers first (no default-container annotation)', () => {
    const pod = {
      ...two,
      metadata: { ...two.metadata, annotations: { 'kubectl.kubernetes.io/default-container': 'nginx' } },
    };
    expect(fail(chooseContainer(pod, ''))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'a container name must be specified for pod web, choose one of: [init-db nginx web-app]',
    });
  });

  it('refuses an unknown name and accepts an init container’s', () => {
    expect(fail(chooseContainer(two, 'nope')).message).toBe('container nope is not valid for pod web');
    expect(chooseContainer(two, 'init-db')).toEqual({ name: 'init-db' });
  });
});

describe('logTarget', () => {
  const T = Date.UTC(2026, 10, 21, 10, 0, 0);

  function setup() {
    const rt = new FakeRuntime();
    const first = rt.finish(
      rt.start({ pod: 'web', container: 'app', image: 'podscope/crasher', startedAt: T }),
      T + 4000,
      1,
    );
    const second = rt.start({
      pod: 'web',
      container: 'app',
      image: 'podscope/crasher',
      startedAt: T + 14_000,
    });
    return { rt, first, second, runs: rt.runs('default', 'web', 'app')! };
  }

  it('reads the running run, or the previous one with previous=true', () => {
    const { first, second, runs } = setup();
    const pod = podOf({ name: 'web', containers: ['app'], statuses: [statusOf('app', runs)] });
    expect(logTarget(pod, 'app', false, runs)).toEqual({ run: second });
    expect(logTarget(pod, 'app', true, runs)).toEqual({ run: first });
  });

  it('reads the last terminated run for both while a crashing container waits to restart', () => {
    const { rt, first } = setup();
    const runs = [rt.runs('default', 'web', 'app')![0]!];
    const pod = podOf({
      name: 'web',
      containers: ['app'],
      statuses: [statusOf('app', runs, 'CrashLoopBackOff')],
    });
    expect(logTarget(pod, 'app', false, runs)).toEqual({ run: first });
    expect(logTarget(pod, 'app', true, runs)).toEqual({ run: first });
  });

  it('reads a terminated (completed) container’s run, and has no previous one for it', () => {
    const rt = new FakeRuntime();
    const job = rt.finish(
      rt.start({ pod: 'job', container: 'job', image: 'podscope/job', startedAt: T }),
      T + 3000,
    );
    const runs = rt.runs('default', 'job', 'job')!;
    const pod = podOf({ name: 'job', containers: ['job'], statuses: [statusOf('job', runs)] });
    expect(logTarget(pod, 'job', false, runs)).toEqual({ run: job });
    expect(fail(logTarget(pod, 'job', true, runs)).message).toBe(
      'previous terminated container "job" in pod "job" not found',
    );
  });

  it('refuses with the kubelet’s words while the container waits to start', () => {
    const pod = (reason: string) =>
      podOf({ name: 'web', containers: ['nginx'], statuses: [statusOf('nginx', [], reason)] });
    expect(fail(logTarget(pod('ContainerCreating'), 'nginx', false, []))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'container "nginx" in pod "web" is waiting to start: ContainerCreating',
    });
    expect(fail(logTarget(pod('ErrImagePull'), 'nginx', false, [])).message).toBe(
      'container "nginx" in pod "web" is waiting to start: image can\'t be pulled',
    );
    expect(fail(logTarget(pod('ImagePullBackOff'), 'nginx', false, [])).message).toBe(
      'container "nginx" in pod "web" is waiting to start: trying and failing to pull image',
    );
    expect(fail(logTarget(pod('PodInitializing'), 'nginx', true, [])).message).toBe(
      'previous terminated container "nginx" in pod "web" not found',
    );
  });

  it('finds init container statuses, and says when a container has no status and no runs', () => {
    const rt = new FakeRuntime();
    const init = rt.finish(
      rt.start({ pod: 'web', container: 'migrate', image: 'podscope/migrate', startedAt: T }),
      T + 6000,
    );
    const runs = rt.runs('default', 'web', 'migrate')!;
    const pod = podOf({
      name: 'web',
      containers: ['app'],
      initContainers: ['migrate'],
      initStatuses: [statusOf('migrate', runs)],
    });
    expect(logTarget(pod, 'migrate', false, runs)).toEqual({ run: init });
    expect(fail(logTarget(pod, 'app', false, undefined)).message).toBe(
      'container "app" in pod "web" is not available',
    );
  });

  it('falls back to the run in the same position when the status names an ID the runtime does not know', () => {
    const { first, second, runs } = setup();
    const status = statusOf('app', runs);
    const renamed = {
      ...status,
      containerID: 'containerd://unknown',
      lastState: { terminated: { exitCode: 1, containerID: 'containerd://old' } },
    };
    const pod = podOf({ name: 'web', containers: ['app'], statuses: [renamed] });
    expect(logTarget(pod, 'app', false, runs)).toEqual({ run: second });
    expect(logTarget(pod, 'app', true, runs)).toEqual({ run: first });
  });
});
