/**
 * A process that starts, fails and exits: some startup lines, then the fatal error with its stack trace, all
 * written just before the run's planned exit (the image's crash lifecycle) so they are in the log of the
 * terminated run that `kubectl logs --previous` shows. A Node.js, a Go or a Python program, chosen by the seed.
 */
import type { ContainerRun } from '../../runtime.js';
import { epochSeconds, isoMillis } from '../clock.js';
import { mix } from '../hash.js';
import { FiniteScript, type LogScript, type TimedLine } from '../script.js';
import { lastLineUs, runStartUs, spread } from './common.js';

interface Crash {
  /** Startup lines, given their absolute time; no request behind them, so no number either (see seq.ts). */
  startup: ((us: number) => string)[];
  /** The fatal record: its first line and its continuation lines. */
  fatal: (us: number) => string;
  trace: string[];
}

const SCENARIOS: readonly Crash[] = [
  {
    startup: [
      (us) => `${isoMillis(us)} INFO  starting worker v2.3.1 (node v22.12.0)`,
      (us) => `${isoMillis(us)} INFO  connecting to postgres at postgres.default.svc.cluster.local:5432`,
      (us) => `${isoMillis(us)} WARN  database not reachable, retrying in 1s (attempt 1 of 3)`,
      (us) => `${isoMillis(us)} WARN  database not reachable, retrying in 1s (attempt 2 of 3)`,
    ],
    fatal: (us) => `${isoMillis(us)} ERROR fatal: giving up after 3 attempts`,
    trace: [
      'Error: connect ECONNREFUSED 10.96.112.40:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)',
      '    at async Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
      '    at async main (/app/dist/main.js:27:5)',
    ],
  },
  {
    startup: [
      (us) => `{"level":"info","ts":${epochSeconds(us)},"msg":"starting","version":"0.9.3"}`,
      (us) =>
        `{"level":"info","ts":${epochSeconds(us)},"msg":"loading config","path":"/etc/app/config.yaml"}`,
    ],
    fatal: (us) =>
      `{"level":"fatal","ts":${epochSeconds(us)},"msg":"invalid configuration","error":"missing required key \\"database.url\\""}`,
    trace: [
      'panic: invalid configuration: missing required key "database.url"',
      '',
      'goroutine 1 [running]:',
      'main.mustLoadConfig({0xc000014090, 0x14})',
      '\t/src/cmd/server/main.go:58 +0x1d2',
      'main.main()',
      '\t/src/cmd/server/main.go:31 +0x45',
    ],
  },
  {
    startup: [
      () => `INFO:worker:Starting worker 1.8.0`,
      () => `INFO:worker:Connecting to redis://redis:6379/0`,
      () => `INFO:worker:Waiting for jobs on queue "emails"`,
    ],
    fatal: () => `ERROR:worker:Unhandled exception in main loop`,
    trace: [
      'Traceback (most recent call last):',
      '  File "/app/worker.py", line 88, in <module>',
      '    main()',
      '  File "/app/worker.py", line 74, in main',
      '    handle(job["payload"])',
      "KeyError: 'payload'",
    ],
  },
];

/** The log of a run of a crashing process. */
export function crashScript(run: ContainerRun): LogScript {
  const scenario = SCENARIOS[mix(run.seed, 0x6372) % SCENARIOS.length]!;
  const startUs = runStartUs(run);
  const endUs = lastLineUs(run, 4000);
  const times = spread(scenario.startup.length, Math.min(80_000, endUs / 10), endUs * 0.6, run.seed, 1);
  const lines: TimedLine[] = scenario.startup.map((write, k) => ({
    at: times[k]!,
    text: write(startUs + times[k]!),
  }));
  lines.push({ at: endUs, text: scenario.fatal(startUs + endUs) });
  scenario.trace.forEach((text, k) => lines.push({ at: endUs + 1 + k, text }));
  return new FiniteScript(lines);
}
