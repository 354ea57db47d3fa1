// kubectl against a benchmark's demo process (startDemoProcess): a command's output, and `kubectl logs -f`'s
// lines per second (its output counted by wc -l, so kubectl's cost is little more than writing to /dev/null).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** kubectl with the demo's kubeconfig and its own cache directory; stdin piped when `stdin` is given. */
export function kubectl(d, argv, stdin) {
  return spawn('kubectl', [`--kubeconfig=${d.kubeconfig}`, `--cache-dir=${d.cacheDir}`, ...argv], {
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'],
  });
}

/** Runs kubectl to its end (feeding `stdin` when given) and returns its output; throws when it fails. */
export async function run(d, argv, stdin) {
  const child = kubectl(d, argv, stdin);
  if (stdin !== undefined) child.stdin.end(stdin);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`kubectl ${argv.join(' ')} exited with ${code}`);
  return out;
}

/** `kubectl logs -f …` (the arguments after `logs`) for `seconds`: the lines it printed per second. */
export async function kubectlLogsRate(d, logsArgs, seconds) {
  return (await kubectlLogsRun(d, logsArgs, seconds)).rate;
}

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`: 100 on Linux). */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat (Linux). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** `kubectl logs -f …` for `seconds`: lines per second, the lines, and kubectl's CPU seconds meanwhile. */
export async function kubectlLogsRun(d, logsArgs, seconds) {
  const logs = kubectl(d, ['logs', ...logsArgs]);
  const wc = spawn('wc', ['-l'], { stdio: ['pipe', 'pipe', 'inherit'] });
  logs.stdout.pipe(wc.stdin);
  let count = '';
  wc.stdout.on('data', (c) => (count += c));
  const done = new Promise((r) => wc.on('exit', r));
  await sleep(seconds * 1000);
  const cpu = cpuSeconds(logs.pid);
  logs.kill('SIGTERM');
  await done;
  const lines = Number(count.trim());
  return { rate: lines / seconds, lines, cpu };
}
