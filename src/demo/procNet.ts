/**
 * `/proc/net/tcp` and `/proc/net/tcp6` of a demo pod, as the kernel writes them for the pod's listening sockets
 * (src/demo/podNetwork.ts podListeners: every running container's, since they share the pod's network namespace).
 * Followed: net/ipv4/tcp_ipv4.c (tcp4_seq_show: the header, then get_tcp4_sock per socket, each line padded with
 * spaces to 149 characters by seq_setwidth(TMPSZ - 1) / seq_pad) and net/ipv6/tcp_ipv6.c (tcp6_seq_show,
 * get_tcp6_sock: not padded). Addresses are 32-bit words of network-order bytes printed as little-endian integers
 * (an x86-64 node), ports in host order. A listening socket's trailing fields are what Linux 6.x prints for one:
 * no queues or timers, refcount 1, rto 100 (1 s in clock ticks), ato 0, cwnd 10 and the fast-open queue length
 * 0; `%pK` shows a hashed pointer, made up here from the inode.
 */
import { createHash } from 'node:crypto';
import type { Pod } from '../domain/wire.js';
import { podListeners } from './podNetwork.js';

const TCP4_WIDTH = 149;
const TCP4_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const TCP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const LISTEN = '0A';

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/** Four bytes in network order, printed as the little-endian 32-bit word they are in memory. */
function word(bytes: readonly number[]): string {
  return [...bytes]
    .reverse()
    .map((b) => hex(b, 2))
    .join('');
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address written with at most one `::` (the demo's: `::`, `::1`). */
function ipv6Bytes(address: string): number[] {
  const [head = '', tail = ''] = address.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** A stable made-up inode for a socket: the same pod, port and address read the same across reads. */
function inodeOf(pod: Pod, port: number, address: string): number {
  const digest = createHash('sha256')
    .update(`${pod.metadata?.uid ?? ''}/${address}/${port}`)
    .digest();
  return 100_000 + (digest.readUInt32BE(0) % 9_000_000);
}

/** The fields after the remote address, for a listening socket. */
function tail(inode: number): string {
  const pointer = createHash('sha256').update(String(inode)).digest('hex').slice(0, 8);
  return `${LISTEN} 00000000:00000000 00:00000000 00000000 ${'0'.padStart(5)} ${'0'.padStart(8)} ${inode} 1 00000000${pointer} 100 0 0 10 0`;
}

/** The two files' contents for the pod as it is now (a container that is not running has no sockets). */
export function procNetFiles(pod: Pod): Record<'/proc/net/tcp' | '/proc/net/tcp6', string> {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const l of podListeners(pod)) {
    for (const address of l.addresses) {
      const inode = inodeOf(pod, l.port, address);
      if (address.includes(':')) {
        const b = ipv6Bytes(address);
        const local = [0, 4, 8, 12].map((i) => word(b.slice(i, i + 4))).join('');
        v6.push(
          `${String(v6.length).padStart(4)}: ${local}:${hex(l.port, 4)} ${'0'.repeat(32)}:0000 ${tail(inode)}`,
        );
      } else {
        const local = word(ipv4Bytes(address));
        v4.push(`${String(v4.length).padStart(4)}: ${local}:${hex(l.port, 4)} 00000000:0000 ${tail(inode)}`);
      }
    }
  }
  const padded = (line: string): string => `${line.padEnd(TCP4_WIDTH)}\n`;
  return {
    '/proc/net/tcp': [TCP4_HEADER, ...v4].map(padded).join(''),
    '/proc/net/tcp6': [TCP6_HEADER, ...v6].map((l) => `${l}\n`).join(''),
  };
}
