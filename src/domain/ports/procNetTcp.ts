/**
 * `/proc/net/tcp` and `/proc/net/tcp6` read back into sockets, as the kernel writes them: `tcp4_seq_show` /
 * `get_tcp4_sock` (net/ipv4/tcp_ipv4.c) and `tcp6_seq_show` / `get_tcp6_sock` (net/ipv6/tcp_ipv6.c), described in
 * Documentation/networking/proc_net_tcp.rst. Each line is `sl: LOCAL REMOTE st …`, an address being
 * `%08X:%04X` (IPv4) or `%08X%08X%08X%08X:%04X` (IPv6): the port is in host order, but the address is printed as
 * 32-bit words of network-order bytes read as host-order integers, so on a little-endian machine (x86-64, arm64:
 * every node we know of) the bytes of each word come out reversed: 127.0.0.1 is `0100007F`, ::1 is
 * `00000000000000000000000001000000`. Both files may come in one text (`cat tcp tcp6`): each line says its family
 * by its address's length, and header lines are skipped.
 */

/** The two files, IPv4's then IPv6's: what the ports check reads. */
export const PROC_NET_TCP_PATHS = ['/proc/net/tcp', '/proc/net/tcp6'] as const;

/** TCP states as the kernel numbers them (include/net/tcp_states.h). */
const TCP_STATES = [
  undefined,
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
] as const;

/** A TCP state's name (`LISTEN` is 0A), or `UNKNOWN(XX)` for a number this table does not know. */
export type TcpState = NonNullable<(typeof TCP_STATES)[number]> | `UNKNOWN(${string})`;

/** One socket line: its local end and state (the remote end of a listener is all zeros). */
export interface TcpSocket {
  readonly family: 'ipv4' | 'ipv6';
  /** Printed as `ip` prints it: `127.0.0.1`, `::`, `::1`, `::ffff:127.0.0.1`. */
  readonly address: string;
  readonly port: number;
  readonly state: TcpState;
}

/** What a text held: its sockets, and how many lines were neither a header nor a socket. */
export interface ProcNetTcp {
  readonly sockets: readonly TcpSocket[];
  /** Lines that could not be read (kept count of, so a reader can say the file looked odd). */
  readonly malformed: number;
}

const LINE =
  /^\s*\d+:\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+[0-9A-Fa-f]+:[0-9A-Fa-f]{4}\s+([0-9A-Fa-f]{2})\b/;

/** The 4 bytes of one printed word, in memory (network) order: the word was printed as a little-endian integer. */
function wordBytes(hex8: string): number[] {
  const n = Number.parseInt(hex8, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** An IPv6 address's 16 bytes as RFC 5952 text (longest run of two or more zero groups as `::`, v4-mapped dotted). */
export function formatIPv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** The address part of a line (8 or 32 hex digits) as text. */
function formatAddress(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8)));
  return formatIPv6(bytes);
}

function stateOf(hex: string): TcpState {
  return TCP_STATES[Number.parseInt(hex, 16)] ?? `UNKNOWN(${hex.toUpperCase()})`;
}

/**
 * The sockets of one or more `/proc/net/tcp*` texts.
 * @param text what `cat /proc/net/tcp /proc/net/tcp6` printed (either file alone works too)
 */
export function parseProcNetTcp(text: string): ProcNetTcp {
  const sockets: TcpSocket[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^\s*sl\s/.test(line)) continue;
    const m = LINE.exec(line);
    if (!m) {
      malformed++;
      continue;
    }
    const [, address = '', port = '', state = ''] = m;
    sockets.push({
      family: address.length === 8 ? 'ipv4' : 'ipv6',
      address: formatAddress(address),
      port: Number.parseInt(port, 16),
      state: stateOf(state),
    });
  }
  return { sockets, malformed };
}

/** Whether a text looks like a `/proc/net/tcp*` file at all (its header line is there). */
export function hasProcNetHeader(text: string): boolean {
  return /^\s*sl\s+local_address\s/m.test(text);
}

/**
 * Whether `cat /proc/net/tcp /proc/net/tcp6` failed only for want of tcp6 (a kernel built or booted without
 * IPv6): the IPv4 file came out, and every error line names tcp6 — GNU's `cat: /proc/net/tcp6: No such file or
 * directory` or busybox's `cat: can't open '/proc/net/tcp6': No such file or directory`.
 */
export function onlyTcp6Missing(stdout: string, stderr: string): boolean {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  return hasProcNetHeader(stdout) && lines.length > 0 && lines.every((l) => l.includes('/proc/net/tcp6'));
}
