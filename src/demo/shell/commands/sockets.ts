/** Socket tools: `nc -z` port checks through the host's `tcpOpen`, and busybox `netstat` over the pod's ports. */
import { abortable } from '../io.js';
import { INTERRUPTED } from '../state.js';
import type { Command } from '../state.js';
import { parseArgs } from './args.js';
import { resolveIp, SERVICES } from './network.js';

/** busybox `nc -zv HOST PORT…` (`HOST (IP:PORT) open`), or OpenBSD netcat's wording on Debian-like images. */
const nc: Command = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), { flags: 'zvnul46', values: 'wWp' });
  if (args.invalid) {
    ctx.stderr(`nc: invalid option -- '${args.invalid}'\n`);
    return 1;
  }
  const [host, ...portArgs] = args.operands;
  if (host === undefined || portArgs.length === 0) {
    ctx.stderr('usage: nc [-46lnuvz] [-w timeout] host port\n');
    return 1;
  }
  if (!args.flags.has('z')) {
    // Without -z nc would hold a connection open and pipe stdin into it; the demo only scans.
    ctx.stderr('nc: only port scanning (-z) is available in the demo cluster\n');
    return 1;
  }
  const verbose = args.flags.has('v');
  const gnu = ctx.state.dialect.userland === 'gnu';
  const ip = resolveIp(ctx.state, host) ?? host;
  let status = 0;
  for (const portArg of portArgs) {
    const port = Number(portArg);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      ctx.stderr(gnu ? `nc: port number invalid: ${portArg}\n` : `nc: bad port '${portArg}'\n`);
      return 1;
    }
    const open = await abortable(ctx.state.host.tcpOpen(host, port), ctx.signal);
    if (open === undefined) return INTERRUPTED;
    if (!open) status = 1;
    if (!verbose && open) continue;
    const service = SERVICES[port] ?? '*';
    if (gnu) {
      ctx.stderr(
        open
          ? `Connection to ${host} (${ip}) ${port} port [tcp/${service}] succeeded!\n`
          : `nc: connect to ${host} (${ip}) port ${port} (tcp) failed: Connection refused\n`,
      );
    } else {
      ctx.stderr(
        open ? `${host} (${ip}:${port}) open\n` : `nc: ${host} (${ip}:${port}): Connection refused\n`,
      );
    }
  }
  return status;
};

/** The program a command line runs: `/usr/sbin/nginx -g …` and `nginx: master process` are both nginx. */
function programName(command: string): string {
  const first = command.split(/[\s:]/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

/** busybox `netstat`: the pod's listening sockets (containers of a pod share one network namespace). */
const netstat: Command = (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), { flags: 'latunpewrWx' });
  if (args.invalid) {
    ctx.stderr(`netstat: invalid option -- '${args.invalid}'\n`);
    return 1;
  }
  const has = (f: string): boolean => args.flags.has(f);
  const listening = has('l') || has('a');
  const protocols = has('t') || has('u') ? [has('t') ? 'TCP' : '', has('u') ? 'UDP' : ''] : ['TCP', 'UDP'];
  const title = has('l') ? 'only servers' : has('a') ? 'servers and established' : 'w/o servers';
  const head = (s: string, w: number): string => s.padEnd(w);
  let out = `Active Internet connections (${title})\n`;
  out += `Proto Recv-Q Send-Q ${head('Local Address', 23)} ${head('Foreign Address', 23)} State`;
  out += has('p') ? `       PID/Program name\n` : '\n';
  if (listening) {
    // busybox reads /proc/net/tcp, then tcp6 (then the UDP files): IPv4 sockets first.
    const v6 = (l: { address?: string }): boolean => (l.address ?? '').includes(':');
    const sockets = [...ctx.state.host.listeningPorts].sort((a, b) => Number(v6(a)) - Number(v6(b)));
    for (const l of sockets) {
      if (!protocols.includes(l.protocol)) continue;
      const port = has('n') ? String(l.port) : (SERVICES[l.port] ?? String(l.port));
      const tcp = l.protocol === 'TCP';
      let line = `${head(tcp ? 'tcp' : 'udp', 5)} ${'0'.padStart(6)} ${'0'.padStart(6)} `;
      // An IPv6 address and its port are joined by one more colon (`:::80`), as busybox prints them.
      const address = l.address ?? '0.0.0.0';
      const any = v6(l) ? '::' : '0.0.0.0';
      line += `${head(`${address}:${port}`, 23)} ${head(`${any}:*`, 23)} ${head(tcp ? 'LISTEN' : '', 11)}`;
      if (has('p')) {
        // A process in another container of the pod is in another PID namespace: netstat shows "-".
        const proc = ctx.state.host.processes.find(
          (p) => p.command === l.process || programName(p.command) === programName(l.process),
        );
        // busybox cuts the column at 20 characters: "1/nginx: master proc".
        line += ` ${proc ? `${proc.pid}/${proc.command.replace(/^\S*\//, '')}`.slice(0, 20) : '-'}`;
      }
      out += line.trimEnd() + '\n';
    }
  }
  ctx.stdout(out);
  return 0;
};

/** The programs of this file, by name. */
export const SOCKET_COMMANDS: Record<string, Command> = { nc, netstat };
