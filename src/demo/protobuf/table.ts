/** The shape of the generated message table (schema.ts) and what its flags say about each field. */

/** [field number, JSON name ('' for an inline struct), type, flags, Go field name (for gogo's errors)]. */
export type FieldEntry = readonly [number: number, json: string, type: string, flags: number, go: string];

/** Qualified message name (`core.PodSpec`) → its fields in Go's declaration order. */
export type MessageTable = Readonly<Record<string, readonly FieldEntry[]>>;

export const FLAG = {
  /** `repeated` in generated.proto: a Go slice. */
  repeated: 1,
  /** `map<string, V>`: a Go map, written as a JSON object with sorted keys. */
  map: 2,
  /** The Go field is a pointer: when it is on the wire it is set, and written even when zero. */
  pointer: 4,
  /** `json:",omitempty"`: a zero value (not a struct) is left out. */
  omitempty: 8,
  /** `json:",inline"`: the struct's fields are written into the enclosing object. */
  inline: 16,
} as const;
