/** The part of @mongodb-js/socksv5 (a SOCKS5 server, no types of its own) the proxy tests use. */
declare module '@mongodb-js/socksv5' {
  import type { AddressInfo } from 'node:net';
  export interface ConnectionInfo {
    dstAddr: string;
    dstPort: number;
    srcAddr: string;
    srcPort: number;
  }
  export interface SocksServer {
    listen(port: number, host: string, cb: () => void): SocksServer;
    address(): AddressInfo;
    close(cb?: () => void): SocksServer;
    useAuth(auth: unknown): SocksServer;
  }
  export function createServer(
    listener: (info: ConnectionInfo, accept: () => void, deny: () => void) => void,
  ): SocksServer;
  export const auth: { None(): unknown };
}
