/**
 * The protobuf wire format, read by hand: varints, length-delimited bytes, and skipping what is not wanted. Every
 * malformed input is a ProtobufError worded as the Go code the API server decodes with words it
 * (k8s.io/api core/v1 generated.pb.go: `Unmarshal` and `skipGenerated`, gogo-protobuf's generated readers).
 */

export class ProtobufError extends Error {}

/** Go's io.ErrUnexpectedEOF: a varint or a length runs past the end. */
const UNEXPECTED_EOF = 'unexpected EOF';
/** gogo's ErrIntOverflowGenerated: a varint longer than 64 bits. */
const INT_OVERFLOW = 'proto: integer overflow';
/** gogo's ErrInvalidLengthGenerated: a length that is negative as a Go int. */
const NEGATIVE_LENGTH = 'proto: negative length found during unmarshaling';

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

export interface Tag {
  field: number;
  wire: number;
}

/** A cursor over one message's bytes. */
export class WireReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as an unsigned 64-bit value. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtobufError(INT_OVERFLOW);
      if (this.pos >= this.end) throw new ProtobufError(UNEXPECTED_EOF);
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  }

  /**
   * The next field's tag. `message` names the message for gogo's two tag errors (which print the whole tag
   * varint as the "wire type", as the Go code does).
   */
  tag(message: string): Tag {
    const v = this.varint();
    const field = Number(BigInt.asIntN(32, v >> 3n));
    const wire = Number(v & 7n);
    if (wire === WIRE.endGroup)
      throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${v})`);
    return { field, wire };
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const len = BigInt.asIntN(64, this.varint());
    if (len < 0n) throw new ProtobufError(NEGATIVE_LENGTH);
    if (len > BigInt(this.end - this.pos)) throw new ProtobufError(UNEXPECTED_EOF);
    const start = this.pos;
    this.pos += Number(len);
    return this.buf.subarray(start, this.pos);
  }

  /** Skips one field of this wire type whose tag was just read (gogo's skipGenerated, groups included). */
  skip(wire: number): void {
    let depth = 0;
    for (;;) {
      switch (wire) {
        case WIRE.varint:
          this.varint();
          break;
        case WIRE.fixed64:
          this.advance(8);
          break;
        case WIRE.bytes:
          this.bytes();
          break;
        case WIRE.startGroup:
          depth++;
          break;
        case WIRE.endGroup:
          if (depth === 0) throw new ProtobufError('proto: unexpected end of group');
          depth--;
          break;
        case WIRE.fixed32:
          this.advance(4);
          break;
        default:
          throw new ProtobufError(`proto: illegal wireType ${wire}`);
      }
      if (depth === 0) return;
      wire = Number(this.varint() & 7n);
    }
  }

  private advance(n: number): void {
    if (this.end - this.pos < n) throw new ProtobufError(UNEXPECTED_EOF);
    this.pos += n;
  }
}
