/**
 * The protobuf decoder against Kubernetes' own: every body under test/fixtures/protobuf/ — the exact bytes kubectl
 * sent, objects with every field filled at random, crafted edge cases — must decode to the JSON (key order
 * included) or the error that k8s.io/apimachinery's decoder and encoding/json give for it (the referee there).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtobufObject } from '../../../src/demo/protobuf/envelope.js';
import { MESSAGES } from '../../../src/demo/protobuf/schema.js';
import { SPECIAL } from '../../../src/demo/protobuf/special.js';
import { STORED_TYPES, apiVersionOf } from '../../../src/demo/store/resourceTypes.js';
import { envelope, field, message } from '../../support/protobufWire.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'protobuf');

function decode(body: Buffer, defaults = { kind: 'Namespace', apiVersion: 'v1' }): unknown {
  return decodeProtobufObject(body, defaults);
}

function bodies(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((f) => join(dir, f.slice(0, -'.bin'.length)));
}

describe.each(['kubectl', 'fuzz', 'crafted'])('%s bodies decode as Kubernetes decodes them', (dir) => {
  it.each(bodies(dir))('%s', (name) => {
    const body = readFileSync(join(FIXTURES, `${name}.bin`));
    const errorFile = join(FIXTURES, `${name}.error`);
    if (existsSync(errorFile)) {
      expect(() => decode(body)).toThrow(readFileSync(errorFile, 'utf8').trim());
      return;
    }
    const want: unknown = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
    const got = decode(body);
    expect(got).toEqual(want);
    // And the keys in Go's order (re-serialised on both sides: Go escapes <, > and & in strings).
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });
});

describe('what kubectl create namespace sends', () => {
  it('is the Namespace kubectl would have sent as JSON', () => {
    const body = readFileSync(join(FIXTURES, 'kubectl', 'create-namespace.bin'));
    expect(body.subarray(0, 4).toString('latin1')).toBe('k8s\0');
    expect(decode(body)).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'x', creationTimestamp: null },
      spec: {},
      status: {},
    });
  });
});

describe('the envelope', () => {
  const raw = message(field(1, message(field(1, 'n1'))));

  it('takes the kind and version the endpoint expects when the envelope leaves them empty', () => {
    expect(decode(envelope('', '', raw), { kind: 'Namespace', apiVersion: 'v1' })).toMatchObject({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'n1' },
    });
  });

  it("takes the endpoint's version too when the envelope's apiVersion does not parse", () => {
    expect(decode(envelope('a/b/c', 'Namespace', raw))).toMatchObject({
      kind: 'Namespace',
      apiVersion: 'v1',
    });
  });

  it('names a kind the demo has no message for as an unregistered kind', () => {
    expect(() => decode(envelope('v1', 'ConfigMap', raw))).toThrow(
      'no kind "ConfigMap" is registered for version "v1"',
    );
  });

  it('takes DeleteOptions in any group version, as delete.go does', () => {
    const opts = message(field(1, 5n));
    expect(decode(envelope('apps/v1', 'DeleteOptions', opts))).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'apps/v1',
      gracePeriodSeconds: 5,
    });
  });
});

describe('the generated table', () => {
  it('resolves every type it names: a scalar, a hand-decoded type or another message of the table', () => {
    const scalars = new Set(['string', 'bool', 'int32', 'int64', 'bytes']);
    const unresolved = Object.entries(MESSAGES).flatMap(([name, fields]) =>
      fields
        .filter(([, , type]) => !scalars.has(type) && !(type in SPECIAL) && !(type in MESSAGES))
        .map(([, json, type]) => `${name}.${json}: ${type}`),
    );
    expect(unresolved).toEqual([]);
  });

  it('has a message for every kind the demo stores', () => {
    for (const t of STORED_TYPES) {
      const body = envelope(apiVersionOf(t), t.kind, Buffer.alloc(0));
      expect(decode(body), t.kind).toMatchObject({ kind: t.kind, apiVersion: apiVersionOf(t) });
    }
  });
});
