/**
 * The Kubernetes types whose JSON is not an object of their protobuf fields, each decoded from its protobuf
 * bytes into the JSON value the type's own MarshalJSON writes (k8s.io/apimachinery v0.32):
 *
 * - meta.Time: a Timestamp {seconds = 1, nanos = 2}; empty bytes are the zero time, written `null`; the nanos
 *   are dropped on read (time_proto.go: "our JSON only handled seconds"); written as RFC 3339 in UTC.
 * - meta.MicroTime: the same Timestamp, nanos truncated to microseconds (micro_time_proto.go), written with six
 *   fraction digits (RFC3339Micro).
 * - resource.Quantity: {string = 1}, written as that string. The API server parses it and writes it in
 *   canonical form ("0.5" → "500m"); the demo keeps it as sent, as it does for quantities in JSON bodies.
 * - intstr.IntOrString: {type = 1, intVal = 2, strVal = 3}; type 1 is the string (intstr.go MarshalJSON).
 * - meta.FieldsV1: {Raw = 1}, the managed-fields JSON itself (helpers.go MarshalJSON).
 */
import { ProtobufError, WIRE, WireReader } from './wire.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

interface Fields {
  varints: Map<number, bigint>;
  strings: Map<number, Uint8Array>;
}

/**
 * The last value of each varint and bytes field (a later occurrence wins, as in Go); other fields are skipped.
 * `kinds` gives each field's wire kind and its Go name, which gogo's wrong-wire-type error prints.
 */
function readFields(
  bytes: Uint8Array,
  message: string,
  kinds: Record<number, readonly ['varint' | 'bytes', string]>,
): Fields {
  const r = new WireReader(bytes);
  const out: Fields = { varints: new Map(), strings: new Map() };
  while (!r.done()) {
    const { field, wire } = r.tag(message);
    const spec = kinds[field];
    if (spec === undefined) {
      r.skip(wire);
      continue;
    }
    const [kind, goName] = spec;
    const want = kind === 'varint' ? WIRE.varint : WIRE.bytes;
    if (wire !== want) throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${goName}`);
    if (kind === 'varint') out.varints.set(field, r.varint());
    else out.strings.set(field, r.bytes());
  }
  return out;
}

const utf8 = new TextDecoder();

function timestamp(bytes: Uint8Array): { seconds: number; nanos: number } {
  const f = readFields(bytes, 'Timestamp', { 1: ['varint', 'Seconds'], 2: ['varint', 'Nanos'] });
  const seconds = Number(BigInt.asIntN(64, f.varints.get(1) ?? 0n));
  const nanos = Number(BigInt.asIntN(32, f.varints.get(2) ?? 0n));
  // Date covers ±8.64e15 ms; Go's time covers more, but no Kubernetes timestamp is that far out.
  if (Math.abs(seconds) > 8.64e12)
    throw new ProtobufError(`proto: Timestamp: seconds out of range: ${seconds}`);
  return { seconds, nanos };
}

function time(bytes: Uint8Array): JsonValue {
  if (bytes.length === 0) return null;
  const { seconds } = timestamp(bytes);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function microTime(bytes: Uint8Array): JsonValue {
  if (bytes.length === 0) return null;
  const { seconds, nanos } = timestamp(bytes);
  // time.Unix normalises nanos outside [0, 1e9) into the seconds.
  const micros = BigInt(seconds) * 1_000_000n + BigInt(Math.trunc(nanos / 1000));
  const wholeSeconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const fraction = micros - wholeSeconds * 1_000_000n;
  const iso = new Date(Number(wholeSeconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}.${fraction.toString().padStart(6, '0')}Z`;
}

function quantity(bytes: Uint8Array): JsonValue {
  const f = readFields(bytes, 'Quantity', { 1: ['bytes', 'String_'] });
  const s = f.strings.get(1);
  // ParseQuantity("") fails, but a Quantity that never reached the wire is the zero Quantity, written "0".
  return s === undefined ? '0' : utf8.decode(s);
}

function intOrString(bytes: Uint8Array): JsonValue {
  const f = readFields(bytes, 'IntOrString', {
    1: ['varint', 'Type'],
    2: ['varint', 'IntVal'],
    3: ['bytes', 'StrVal'],
  });
  const type = Number(BigInt.asIntN(64, f.varints.get(1) ?? 0n));
  if (type === 0) return Number(BigInt.asIntN(32, f.varints.get(2) ?? 0n));
  if (type === 1) return utf8.decode(f.strings.get(3) ?? new Uint8Array());
  // MarshalJSON's own error for any other type.
  throw new ProtobufError('impossible IntOrString.Type');
}

function fieldsV1(bytes: Uint8Array): JsonValue {
  const raw = readFields(bytes, 'FieldsV1', { 1: ['bytes', 'Raw'] }).strings.get(1);
  if (raw === undefined) return null;
  try {
    return JSON.parse(utf8.decode(raw)) as JsonValue;
  } catch (e) {
    throw new ProtobufError(`metav1.FieldsV1: invalid JSON: ${(e as Error).message}`);
  }
}

/** The hand-decoded types, by their name in the message table. */
export const SPECIAL: Readonly<Record<string, (bytes: Uint8Array) => JsonValue>> = {
  'meta.Time': time,
  'meta.MicroTime': microTime,
  'resource.Quantity': quantity,
  'intstr.IntOrString': intOrString,
  'meta.FieldsV1': fieldsV1,
};
