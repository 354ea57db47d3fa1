/**
 * A small Node.js web server, like the book examples the demo images stand for: kiada's startup lines, or the
 * hello app's npm banner (seed 002's `kubectl logs hello`), then one line per request received.
 */
import type { ContainerRun } from '../../runtime.js';
import { between, mix, weighted } from '../hash.js';
import { PeriodicScript, type BodyLine } from '../periodic.js';
import type { LogScript, TimedLine } from '../script.js';
import { podNetworkIp, seqOf } from './common.js';

const PATHS: readonly (readonly [number, string])[] = [
  [80, '/'],
  [6, '/favicon.ico'],
  [6, '/healthz'],
  [4, '/quote'],
  [4, '/?name=podscope'],
];

function banner(run: ContainerRun, port: number): string[] {
  const app = run.profile.listens[0]?.app;
  if (app === 'kiada') {
    return ['Kiada server starting...', `Local hostname is ${run.pod}`, `Listening on port ${port}`];
  }
  return [
    '',
    '> @ start /opt/microservices',
    `> node helloworld.js "${port}"`,
    '',
    `Hello server listening on port ${port}`,
  ];
}

/** The log of a run of a Node.js web server. */
export function nodeScript(run: ContainerRun): LogScript {
  const seed = run.seed;
  const port = run.profile.listens[0]?.port ?? 3000;
  const preamble: TimedLine[] = [];
  // npm and node take a moment to start; the banner lines are one write each.
  let t = between(mix(seed, 1), 150_000, 400_000);
  for (const text of banner(run, port)) {
    preamble.push({ at: t, text });
    t += between(mix(seed, 2, preamble.length), 200, 20_000);
  }
  const text = (line: BodyLine): string => {
    const h = mix(seed, line.index, 0x6e64);
    const path = weighted(h, PATHS);
    // The request id is Fastify's default form (req-1, req-2, …): it carries the line's number (see seq.ts).
    return `Received request req-${seqOf(line.index)} for ${path} from ::ffff:${podNetworkIp(mix(seed, line.index, 9))}`;
  };
  return new PeriodicScript(seed, preamble, {
    startUs: t + 300_000,
    periodUs: between(mix(seed, 3), 300_000, 700_000),
    blockLines: 16,
    jitter: 0.7,
    text,
  });
}
