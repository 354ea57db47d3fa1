/**
 * nginx: the official image's entrypoint notices and nginx's startup notices, then access logs in nginx's `main`
 * format (combined plus `$http_x_forwarded_for`) from clients in the pod network, and now and then the error-log
 * line of a missing file. The access format ends with `$request_id`, as many real configurations add it (the
 * ingress-nginx default does): it carries the line's number (see seq.ts).
 */
import type { ContainerRun } from '../../runtime.js';
import { nginxAccessTime, nginxErrorTime } from '../clock.js';
import { between, mix, weighted } from '../hash.js';
import { PeriodicScript, type BodyLine } from '../periodic.js';
import type { LogScript, TimedLine } from '../script.js';
import { nginxRequestId } from '../seq.js';
import { podNetworkIp, runStartUs, seqOf } from './common.js';

const ENTRYPOINT = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

const NOTICES = [
  'using the "epoll" event method',
  'nginx/1.27.3',
  'built by gcc 12.2.0 (Debian 12.2.0-14) ',
  'OS: Linux 6.8.0-1017-gcp',
  'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
  'start worker processes',
];

interface Request {
  method: string;
  path: string;
  status: number;
  bytes: number;
  agent: 'browser' | 'curl' | 'probe' | 'bot';
}

// [weight, request]: mostly the welcome page and probes, as a default nginx serves.
const REQUESTS: readonly (readonly [number, Request])[] = [
  [30, { method: 'GET', path: '/', status: 200, bytes: 615, agent: 'browser' }],
  [14, { method: 'GET', path: '/', status: 200, bytes: 615, agent: 'probe' }],
  [10, { method: 'GET', path: '/', status: 200, bytes: 615, agent: 'curl' }],
  [8, { method: 'GET', path: '/index.html', status: 200, bytes: 615, agent: 'browser' }],
  [6, { method: 'GET', path: '/', status: 304, bytes: 0, agent: 'browser' }],
  [5, { method: 'GET', path: '/favicon.ico', status: 404, bytes: 153, agent: 'browser' }],
  [4, { method: 'GET', path: '/static/app.js', status: 404, bytes: 153, agent: 'browser' }],
  [3, { method: 'HEAD', path: '/', status: 200, bytes: 0, agent: 'curl' }],
  [3, { method: 'GET', path: '/robots.txt', status: 404, bytes: 153, agent: 'bot' }],
  [2, { method: 'POST', path: '/', status: 405, bytes: 157, agent: 'curl' }],
  [2, { method: 'GET', path: '/50x.html', status: 200, bytes: 497, agent: 'browser' }],
  [2, { method: 'GET', path: '/admin/', status: 403, bytes: 153, agent: 'bot' }],
  [1, { method: 'GET', path: '/wp-login.php', status: 404, bytes: 153, agent: 'bot' }],
  [1, { method: 'GET', path: '/api/status', status: 502, bytes: 157, agent: 'curl' }],
];

const AGENTS: Record<Request['agent'], readonly string[]> = {
  browser: [
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  ],
  curl: ['curl/8.5.0', 'curl/7.88.1', 'Wget', 'Go-http-client/1.1', 'python-requests/2.32.3'],
  probe: ['kube-probe/1.31'],
  bot: ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'masscan/1.3'],
};

/** Three random-looking words for a `$request_id`, derived from the line's hash cheaply (no further mix). */
function idNoise(h: number): [number, number, number] {
  const a = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  const b = Math.imul(a ^ (a >>> 12), 0x297a2d39);
  const c = Math.imul(b ^ (b >>> 15), 0x85ebca6b);
  return [a, b, c];
}

/** The nginx log of a run. */
export function nginxScript(run: ContainerRun): LogScript {
  const seed = run.seed;
  const startUs = runStartUs(run);
  const workers = between(mix(seed, 1), 1, 4);
  const preamble: TimedLine[] = [];
  let t = between(mix(seed, 2), 2_000, 9_000);
  for (const text of ENTRYPOINT) {
    preamble.push({ at: t, text });
    t += between(mix(seed, 3, preamble.length), 300, 3_000);
  }
  t += between(mix(seed, 4), 5_000, 40_000);
  const notice = (text: string) => {
    preamble.push({ at: t, text: `${nginxErrorTime(startUs + t)} [notice] 1#1: ${text}` });
    t += between(mix(seed, 5, preamble.length), 50, 400);
  };
  NOTICES.forEach(notice);
  for (let w = 0; w < workers; w++) notice(`start worker process ${29 + w}`);

  const text = (line: BodyLine): string => {
    const h = mix(seed, line.index, 0x6e67);
    const req = weighted(h, REQUESTS);
    const client = req.agent === 'probe' ? `10.244.${h % 4}.1` : podNetworkIp(mix(seed, line.index, 7));
    const worker = 29 + (h % workers);
    const when = startUs + line.headUs;
    const seq = seqOf(line.index);
    if (req.status === 404 && h % 3 === 0) {
      // The error log's side of a 404: nginx logs the failed open() with the connection number.
      const file = req.path === '/' ? '/index.html' : req.path;
      return (
        `${nginxErrorTime(when)} [error] ${worker}#${worker}: *${seq} open() "/usr/share/nginx/html${file}" failed ` +
        `(2: No such file or directory), client: ${client}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", ` +
        `host: "10.244.1.8"`
      );
    }
    const agents = AGENTS[req.agent];
    const agent = agents[mix(seed, line.index, 0x7561) % agents.length]!;
    const referer = req.agent === 'browser' && req.path !== '/' ? '"http://10.244.1.8/"' : '"-"';
    return (
      `${client} - - [${nginxAccessTime(when)}] "${req.method} ${req.path} HTTP/1.1" ${req.status} ${req.bytes} ` +
      `${referer} "${agent}" "-" ${nginxRequestId(seq, idNoise(h))}`
    );
  };

  return new PeriodicScript(seed, preamble, {
    startUs: t + 200_000,
    periodUs: between(mix(seed, 6), 250_000, 700_000),
    blockLines: 16,
    jitter: 0.7,
    text,
  });
}
