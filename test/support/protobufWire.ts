/**
 * Writing protobuf by hand, for tests that need bodies no client sends: malformed ones, unknown fields, packed
 * numbers, a message split in two. `message(field(1, 'x'), field(7, 0n))`.
 */

function varint(v: bigint): number[] {
  let u = BigInt.asUintN(64, v);
  const out: number[] = [];
  while (u >= 0x80n) {
    out.push(Number(u & 0x7fn) | 0x80);
    u >>= 7n;
  }
  out.push(Number(u));
  return out;
}

/** A raw tag: field number and wire type. */
export function tag(field: number, wire: number): Buffer {
  return Buffer.from(varint((BigInt(field) << 3n) | BigInt(wire)));
}

/** One field: a bigint is a varint, a string or Buffer length-delimited. */
export function field(n: number, value: bigint | string | Buffer): Buffer {
  if (typeof value === 'bigint') return Buffer.concat([tag(n, 0), Buffer.from(varint(value))]);
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([tag(n, 2), Buffer.from(varint(BigInt(bytes.length))), bytes]);
}

/** Varints one after another, the payload of a packed repeated field. */
export function packed(values: bigint[]): Buffer {
  return Buffer.from(values.flatMap(varint));
}

export function message(...fields: Buffer[]): Buffer {
  return Buffer.concat(fields);
}

/** The `k8s\0` body: a runtime.Unknown with this apiVersion and kind around the object's message. */
export function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = message(field(1, apiVersion), field(2, kind));
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta), field(2, raw)]);
}
