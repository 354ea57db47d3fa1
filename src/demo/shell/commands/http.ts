/**
 * HTTP clients, worded like the real ones so that what a tutorial shows is what the demo prints: busybox
 * `wget` (seed 002 shows its output verbatim) and curl 8. Requests go through the host's `httpGet`, which knows
 * which pods answer where.
 */
import type { HttpAnswer } from '../host.js';
import { abortable } from '../io.js';
import { resolvePath } from '../fs.js';
import { INTERRUPTED } from '../state.js';
import type { Command, CommandContext } from '../state.js';
import { parseArgs } from './args.js';
import { resolveIp } from './network.js';

/** What went wrong with a connection, from the host's error text. */
type Failure = 'refused' | 'timeout' | 'dns' | 'unreachable' | 'protocol' | 'other';

function classify(error: string): Failure {
  if (/refused/i.test(error)) return 'refused';
  if (/timed? ?out|timeout/i.test(error)) return 'timeout';
  if (/resolve|bad address|not found|unknown host|no such host|ENOTFOUND|EAI_AGAIN/i.test(error))
    return 'dns';
  if (/unreachable|no route/i.test(error)) return 'unreachable';
  if (/protocol/i.test(error)) return 'protocol';
  return 'other';
}

interface Target {
  url: string;
  host: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Target | undefined {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
    return { url: u.toString(), host: u.hostname, port, path: u.pathname + u.search };
  } catch {
    return undefined;
  }
}

async function fetch(ctx: CommandContext, url: string): Promise<HttpAnswer | { error: string } | undefined> {
  try {
    return await abortable(ctx.state.host.httpGet(url), ctx.signal);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** busybox's progress line: `-                    100% |*****…|    12  0:00:00 ETA`. */
function progressLine(name: string, size: number): string {
  const amount = size < 100_000 ? String(size) : `${Math.round(size / 1024)}k`;
  return `${name.padEnd(20)} 100% |${'*'.repeat(32)}| ${amount.padStart(5)}  0:00:00 ETA\n`;
}

const wget: Command = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), {
    flags: 'qcsS',
    values: 'OTUYP',
    long: { quiet: 'q', 'output-document': 'O', timeout: 'T', spider: 's', 'server-response': 'S' },
  });
  if (args.invalid) {
    ctx.stderr(`wget: unrecognized option '${args.invalid}'\n`);
    return 1;
  }
  const raw = args.operands[0];
  if (raw === undefined) {
    ctx.stderr('wget: missing URL\n');
    return 1;
  }
  const quiet = args.flags.has('q');
  const target = parseUrl(raw);
  if (!target) {
    ctx.stderr(`wget: bad address '${raw}'\n`);
    return 1;
  }
  const answer = await fetch(ctx, target.url);
  if (answer === undefined) return INTERRUPTED;
  const ip = resolveIp(ctx.state, target.host) ?? target.host;
  const say = (line: string): void => {
    if (!quiet) ctx.stderr(line);
  };
  if ('error' in answer) {
    const failure = classify(answer.error);
    if (failure === 'dns') {
      ctx.stderr(`wget: bad address '${target.host}'\n`);
      return 1;
    }
    say(`Connecting to ${target.host}:${target.port} (${ip}:${target.port})\n`);
    if (failure === 'timeout') ctx.stderr('wget: download timed out\n');
    else if (failure === 'refused')
      ctx.stderr(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    else if (failure === 'unreachable')
      ctx.stderr(`wget: can't connect to remote host (${ip}): No route to host\n`);
    else ctx.stderr(`wget: ${answer.error}\n`);
    return 1;
  }
  say(`Connecting to ${target.host}:${target.port} (${ip}:${target.port})\n`);
  if (answer.statusCode >= 400) {
    ctx.stderr(`wget: server returned error: HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\n`);
    return 1;
  }
  const size = Buffer.byteLength(answer.body);
  const output = args.flags.get('O');
  if (output === '-') {
    say('writing to stdout\n');
    ctx.stdout(answer.body);
    say(progressLine('-', size));
    say('written to stdout\n');
    return 0;
  }
  const file =
    typeof output === 'string'
      ? output
      : target.path
          .replace(/[?#].*/, '')
          .split('/')
          .pop() || 'index.html';
  const path = resolvePath(ctx.state.cwd, file);
  if (output === undefined && ctx.state.fs.stat(path) !== undefined) {
    ctx.stderr(`wget: can't open '${file}': File exists\n`);
    return 1;
  }
  say(`saving to '${file}'\n`);
  if (ctx.state.fs.write(path, answer.body, false) !== 'ok') {
    ctx.stderr(`wget: can't open '${file}': No such file or directory\n`);
    return 1;
  }
  say(progressLine(file, size));
  say(`'${file}' saved\n`);
  return 0;
};

function headerLines(answer: HttpAnswer): string {
  const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
  for (const [k, v] of Object.entries(answer.headers)) lines.push(`${k}: ${v}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** The option `--connect-timeout` is parsed as (no short letter: curl has none; the demo's transfers connect at once). */
const CONNECT_TIMEOUT = '\u0001';

/** What `-w` variables read. */
interface WriteOutVars {
  code: number;
  /** 0 when there was no answer: printed `000`, as curl does. */
  httpCode: number;
  seconds: number;
  size: number;
  ip: string;
  port: number;
  url: string;
}

/**
 * curl's `-w FORMAT` (src/tool_writeout.c): `%{name}` variables, `%{stdout}`/`%{stderr}` switching where the rest
 * goes, `%%`, and the `\n` `\r` `\t` escapes; an unknown variable is reported on stderr and left out.
 */
function writeOutput(
  format: string,
  v: WriteOutVars,
  stdout: (s: string) => void,
  stderr: (s: string) => void,
): void {
  const values: Record<string, string> = {
    http_code: String(v.httpCode).padStart(3, '0'),
    response_code: String(v.httpCode).padStart(3, '0'),
    exitcode: String(v.code),
    time_total: v.seconds.toFixed(6),
    time_connect: (v.seconds / 2).toFixed(6),
    size_download: String(v.size),
    remote_ip: v.httpCode ? v.ip : '',
    remote_port: v.httpCode ? String(v.port) : '',
    url_effective: v.url,
  };
  let out = stdout;
  let text = '';
  const flush = (): void => {
    if (text) out(text);
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '\\' && i + 1 < format.length) {
      const e = format[i + 1]!;
      const escaped = e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : undefined;
      if (escaped !== undefined) {
        text += escaped;
        i++;
        continue;
      }
    }
    if (c === '%' && format[i + 1] === '%') {
      text += '%';
      i++;
      continue;
    }
    if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end > 0) {
        const name = format.slice(i + 2, end);
        i = end;
        if (name === 'stdout' || name === 'stderr') {
          flush();
          out = name === 'stdout' ? stdout : stderr;
        } else if (name in values) text += values[name];
        else stderr(`curl: unknown --write-out variable: '${name}'\n`);
        continue;
      }
    }
    text += c;
  }
  flush();
}

/** curl's exit code and message for a failed transfer. */
function curlError(failure: Failure, target: Target, error: string): [number, string] {
  const where = `${target.host} port ${target.port}`;
  switch (failure) {
    case 'dns':
      return [6, `Could not resolve host: ${target.host}`];
    case 'timeout':
      return [28, `Failed to connect to ${where} after 10002 ms: Timeout was reached`];
    case 'refused':
    case 'unreachable':
      return [7, `Failed to connect to ${where} after 0 ms: Couldn't connect to server`];
    case 'protocol':
      return [1, `Protocol "${/protocol (\w+)/i.exec(error)?.[1] ?? '?'}" not supported`];
    case 'other':
      return [56, `Recv failure: ${error}`];
  }
}

/** The meter curl prints on stderr when its output is not a terminal and -s is not given. */
function curlMeter(size: number, done: boolean): string {
  const n = (v: number): string => (v < 100_000 ? String(v) : `${Math.round(v / 1024)}k`).padStart(5);
  const pct = done ? '100' : '  0';
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `${pct} ${n(size)}  ${pct} ${n(size)}    0     0  ${n(size * 10)}      0 --:--:-- --:--:-- --:--:-- ${n(size * 10)}\n`
  );
}

const curl: Command = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), {
    flags: 'sSiIvfLkg',
    values: `omHXdAuwe${CONNECT_TIMEOUT}`,
    long: {
      silent: 's',
      'show-error': 'S',
      include: 'i',
      head: 'I',
      verbose: 'v',
      fail: 'f',
      location: 'L',
      insecure: 'k',
      output: 'o',
      'max-time': 'm',
      'connect-timeout': CONNECT_TIMEOUT,
      'write-out': 'w',
      header: 'H',
      request: 'X',
      data: 'd',
      'user-agent': 'A',
    },
  });
  if (args.invalid) {
    const name = args.invalid.startsWith('--') ? args.invalid : `-${args.invalid}`;
    ctx.stderr(`curl: option ${name}: is unknown\ncurl: try 'curl --help' for more information\n`);
    return 2;
  }
  const raw = args.operands[0];
  if (raw === undefined) {
    ctx.stderr("curl: try 'curl --help' for more information\n");
    return 2;
  }
  const has = (f: string): boolean => args.flags.has(f);
  const silent = has('s');
  const showErrors = !silent || has('S');
  const target = parseUrl(raw);
  if (!target) {
    if (showErrors) ctx.stderr('curl: (3) URL rejected: Malformed input to a URL function\n');
    return 3;
  }
  const verbose = (line: string): void => {
    if (has('v')) ctx.stderr(line);
  };
  const ip = resolveIp(ctx.state, target.host) ?? target.host;
  const began = performance.now();
  const answer = await fetch(ctx, target.url);
  if (answer === undefined) return INTERRUPTED;
  const writeOut = args.flags.get('w');
  // -w is written after the transfer, whatever its result (after the error message: tool_operate.c,
  // post_per_transfer).
  const finish = (code: number, body = ''): number => {
    if (typeof writeOut === 'string') {
      const vars: WriteOutVars = {
        code,
        httpCode: 'error' in answer ? 0 : answer.statusCode,
        seconds: (performance.now() - began) / 1000,
        size: Buffer.byteLength(body),
        ip,
        port: target.port,
        url: target.url,
      };
      writeOutput(writeOut, vars, ctx.stdout, ctx.stderr);
    }
    return code;
  };
  if ('error' in answer) {
    const failure = classify(answer.error);
    if (failure !== 'dns') verbose(`*   Trying ${ip}:${target.port}...\n`);
    const [code, message] = curlError(failure, target, answer.error);
    if (!silent && !ctx.isatty && !has('v')) ctx.stderr(curlMeter(0, false));
    if (showErrors) ctx.stderr(`curl: (${code}) ${message}\n`);
    return finish(code);
  }
  verbose(`*   Trying ${ip}:${target.port}...\n`);
  verbose(`* Connected to ${target.host} (${ip}) port ${target.port}\n`);
  verbose(`> ${has('I') ? 'HEAD' : 'GET'} ${target.path} HTTP/1.1\n`);
  verbose(`> Host: ${target.host}${target.port === 80 ? '' : `:${target.port}`}\n`);
  verbose('> User-Agent: curl/8.11.1\n> Accept: */*\n> \n');
  verbose(
    headerLines(answer)
      .split('\r\n')
      .slice(0, -1)
      .map((l) => `< ${l}\n`)
      .join(''),
  );
  if (has('f') && answer.statusCode >= 400) {
    if (showErrors) ctx.stderr(`curl: (22) The requested URL returned error: ${answer.statusCode}\n`);
    return finish(22);
  }
  const body = has('I') ? '' : answer.body;
  const text = (has('i') || has('I') ? headerLines(answer) : '') + body;
  const output = args.flags.get('o');
  if (typeof output === 'string' && output !== '-') {
    if (ctx.state.fs.write(resolvePath(ctx.state.cwd, output), text, false) !== 'ok') {
      if (showErrors) ctx.stderr(`curl: (23) Failure writing output to destination\n`);
      return finish(23, body);
    }
    if (!silent && !has('v')) ctx.stderr(curlMeter(Buffer.byteLength(body), true));
  } else {
    if (!silent && !ctx.isatty && !has('v')) ctx.stderr(curlMeter(Buffer.byteLength(body), true));
    ctx.stdout(text);
  }
  verbose(`* Connection #0 to host ${target.host} left intact\n`);
  return finish(0, body);
};

/** The programs of this file, by name. */
export const HTTP_COMMANDS: Record<string, Command> = { wget, curl };
