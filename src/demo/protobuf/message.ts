/**
 * One protobuf message → the JSON object Go's encoding/json writes for the struct the API server decodes it
 * into, driven by the generated table (schema.ts):
 *
 * - fields are written in Go's declaration order, maps with sorted keys;
 * - a field on the wire is set; a pointer that is set is written even when zero (`replicas: 0`); a non-pointer
 *   zero scalar, empty slice or empty map with `omitempty` is left out; without it, it is written (`""`, `null`);
 * - a struct field is always written unless it is a pointer not on the wire (encoding/json never omits a struct),
 *   so an absent `status` is `{}` and an absent `creationTimestamp` is `null`, as in kubectl's own JSON;
 * - an embedded (`json:",inline"`) struct's fields go into the enclosing object;
 * - a singular message field sent more than once is merged (the occurrences are concatenated, as protobuf
 *   specifies and Go's generated Unmarshal does by decoding each into the same struct);
 * - a field number the table does not know is skipped, as the API server's generated Unmarshal skips it
 *   (skipGenerated). The table holds every field of Kubernetes 1.32 — the version the demo reports — so what is
 *   skipped is what a real 1.32 server drops too: fields of newer clients. Strict field validation does not
 *   apply to protobuf (codec_factory.go: "strict decoding is unsupported for protobuf").
 */
import { MESSAGES } from './schema.js';
import type { JsonValue } from './special.js';
import { SPECIAL } from './special.js';
import type { FieldEntry } from './table.js';
import { FLAG } from './table.js';
import { ProtobufError, WIRE, WireReader } from './wire.js';

type JsonObject = { [key: string]: JsonValue };

const utf8 = new TextDecoder();

interface Indexed {
  /** The message's Go name, for errors. */
  goName: string;
  entries: readonly FieldEntry[];
  byNumber: Map<number, FieldEntry>;
}

const indexed = new Map<string, Indexed>();

function index(name: string): Indexed {
  let ix = indexed.get(name);
  if (!ix) {
    const entries = MESSAGES[name];
    if (!entries) throw new Error(`no protobuf message ${name} in the table`);
    ix = {
      goName: name.slice(name.indexOf('.') + 1),
      entries,
      byNumber: new Map(entries.map((e) => [e[0], e])),
    };
    indexed.set(name, ix);
  }
  return ix;
}

function isScalar(type: string): boolean {
  return type === 'string' || type === 'bool' || type === 'int32' || type === 'int64' || type === 'bytes';
}

/** A varint as the Go type reads it: int32 keeps the low 32 bits (two's complement), int64 all 64. */
function varintValue(v: bigint, type: string): JsonValue {
  if (type === 'bool') return v !== 0n;
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  // int64 beyond 2^53 loses precision in a JS number; no Kubernetes field holds such a value.
  return Number(BigInt.asIntN(64, v));
}

function zeroScalar(type: string): JsonValue {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return null;
  return 0;
}

function isZero(v: JsonValue): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

/** A message-typed value: a hand-decoded type or a table message. */
function messageValue(bytes: Uint8Array, type: string): JsonValue {
  const special = SPECIAL[type];
  return special ? special(bytes) : decodeMessage(bytes, type);
}

/** One scalar from the wire; `packed` values of a repeated number field come here one by one. */
function scalarValue(r: WireReader, wire: number, entry: FieldEntry): JsonValue {
  const [, , type, , goName] = entry;
  const want = type === 'string' || type === 'bytes' ? WIRE.bytes : WIRE.varint;
  if (wire !== want) throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${goName}`);
  if (type === 'string') return utf8.decode(r.bytes());
  if (type === 'bytes') return Buffer.from(r.bytes()).toString('base64');
  return varintValue(r.varint(), type);
}

/** A map entry {key = 1, value = 2}; a missing key or value is its zero value, as in Go. */
function mapEntry(bytes: Uint8Array, entry: FieldEntry): [string, JsonValue] {
  const [, , type, , goName] = entry;
  const r = new WireReader(bytes);
  let key = '';
  let value: JsonValue | undefined;
  while (!r.done()) {
    const { field, wire } = r.tag(`${goName}Entry`);
    if (field === 1) {
      if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field key`);
      key = utf8.decode(r.bytes());
    } else if (field === 2) {
      if (isScalar(type)) {
        value = scalarValue(r, wire, entry);
      } else {
        if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field value`);
        value = messageValue(r.bytes(), type);
      }
    } else {
      r.skip(wire);
    }
  }
  return [key, value ?? (isScalar(type) ? zeroScalar(type) : messageValue(new Uint8Array(), type))];
}

interface Collected {
  /** Scalars (last wins) and repeated elements. */
  values: Map<number, JsonValue[]>;
  /** Singular message fields: every occurrence's bytes, merged at the end. */
  chunks: Map<number, Uint8Array[]>;
  maps: Map<number, Map<string, JsonValue>>;
}

function collect(bytes: Uint8Array, ix: Indexed): Collected {
  const out: Collected = { values: new Map(), chunks: new Map(), maps: new Map() };
  const r = new WireReader(bytes);
  while (!r.done()) {
    const { field, wire } = r.tag(ix.goName);
    const entry = ix.byNumber.get(field);
    if (!entry) {
      r.skip(wire);
      continue;
    }
    const [number, , type, flags, goName] = entry;
    if (flags & FLAG.map) {
      if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${goName}`);
      const [k, v] = mapEntry(r.bytes(), entry);
      const m = out.maps.get(number) ?? new Map<string, JsonValue>();
      m.set(k, v);
      out.maps.set(number, m);
      continue;
    }
    const list = out.values.get(number) ?? [];
    if (isScalar(type)) {
      if (flags & FLAG.repeated && wire === WIRE.bytes && type !== 'string' && type !== 'bytes') {
        // A packed repeated number field: Go's generated Unmarshal takes both forms.
        const packed = new WireReader(r.bytes());
        while (!packed.done()) list.push(scalarValue(packed, WIRE.varint, entry));
      } else {
        list.push(scalarValue(r, wire, entry));
      }
      out.values.set(number, flags & FLAG.repeated ? list : list.slice(-1));
      continue;
    }
    if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${goName}`);
    if (flags & FLAG.repeated) {
      list.push(messageValue(r.bytes(), type));
      out.values.set(number, list);
    } else {
      const chunks = out.chunks.get(number) ?? [];
      chunks.push(r.bytes());
      out.chunks.set(number, chunks);
    }
  }
  return out;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** What one field adds to the object, or undefined when encoding/json leaves it out. */
function fieldValue(entry: FieldEntry, c: Collected): JsonValue | undefined {
  const [number, , type, flags] = entry;
  const omitempty = (flags & FLAG.omitempty) !== 0;
  const pointer = (flags & FLAG.pointer) !== 0;
  if (flags & FLAG.map) {
    const m = c.maps.get(number);
    if (!m) return omitempty ? undefined : null;
    const obj: JsonObject = {};
    for (const k of [...m.keys()].sort()) obj[k] = m.get(k)!;
    return obj;
  }
  if (flags & FLAG.repeated) {
    const list = c.values.get(number);
    if (!list) return omitempty ? undefined : null;
    return list;
  }
  if (isScalar(type)) {
    const v = c.values.get(number)?.[0];
    if (v === undefined)
      return pointer ? (omitempty ? undefined : null) : omitempty ? undefined : zeroScalar(type);
    if (!pointer && omitempty && isZero(v)) return undefined;
    return v;
  }
  const chunks = c.chunks.get(number);
  if (!chunks) {
    if (pointer) return omitempty ? undefined : null;
    return messageValue(new Uint8Array(), type);
  }
  return messageValue(concat(chunks), type);
}

/** Decodes one message of the table (`core.Pod`) into its JSON object. */
export function decodeMessage(bytes: Uint8Array, name: string): JsonObject {
  const ix = index(name);
  const c = collect(bytes, ix);
  const out: JsonObject = {};
  for (const entry of ix.entries) {
    const v = fieldValue(entry, c);
    if (v === undefined) continue;
    if (entry[3] & FLAG.inline) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
      continue;
    }
    out[entry[1]] = v;
  }
  return out;
}
