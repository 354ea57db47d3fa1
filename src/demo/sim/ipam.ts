/** Pod IPs per node: node i owns 10.244.(64·i … 64·i+63).x, so each node can hold about 16,000 pods. */
export class Ipam {
  private readonly next = new Map<number, number>();
  private readonly free = new Map<number, number[]>();

  /** A free IP on node `index`. */
  allocate(index: number): string {
    const f = this.free.get(index);
    let k: number;
    if (f && f.length > 0) k = f.shift()!;
    else {
      k = this.next.get(index) ?? 0;
      this.next.set(index, k + 1);
    }
    // Joined: one flat string (ids.ts), not a rope of its parts.
    return ['10.244', index * 64 + Math.floor(k / 250), (k % 250) + 2].join('.');
  }

  /** Gives an IP back once its pod is gone. */
  release(index: number, ip: string): void {
    const parts = ip.split('.').map(Number);
    const k = ((parts[2] ?? 0) - index * 64) * 250 + (parts[3] ?? 2) - 2;
    const f = this.free.get(index) ?? [];
    f.push(k);
    this.free.set(index, f);
  }
}
