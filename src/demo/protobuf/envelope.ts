/**
 * A Kubernetes protobuf body: the 4-byte magic `k8s\0`, then a runtime.Unknown {typeMeta = 1 {apiVersion = 1,
 * kind = 2}, raw = 2, contentEncoding = 3, contentType = 4} whose raw bytes are the object's own message
 * (k8s.io/apimachinery runtime/serializer/protobuf/protobuf.go, runtime/generated.proto). Decoded here into the
 * JSON object a client would have sent: `kind` and `apiVersion` first, then the message's fields.
 */
import { decodeMessage } from './message.js';
import type { JsonValue } from './special.js';
import { ProtobufError, WIRE, WireReader } from './wire.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** Where a decode failed, which decides how the API server words the error (transformDecodeError). */
export class EnvelopeError extends ProtobufError {
  constructor(
    message: string,
    /** The kind and apiVersion once the envelope was read (the object's own message failed). */
    readonly gvk?: { kind: string; apiVersion: string },
  ) {
    super(message);
  }
}

/** The message of each kind the demo decodes; DeleteOptions is accepted in any group's version (delete.go). */
const ROOTS: Readonly<Record<string, string>> = {
  'v1/Namespace': 'core.Namespace',
  'v1/Pod': 'core.Pod',
  'v1/Node': 'core.Node',
  'v1/Event': 'core.Event',
  'apps/v1/Deployment': 'apps.Deployment',
  'apps/v1/ReplicaSet': 'apps.ReplicaSet',
  'apps/v1/StatefulSet': 'apps.StatefulSet',
  'apps/v1/DaemonSet': 'apps.DaemonSet',
  'batch/v1/Job': 'batch.Job',
  'batch/v1/CronJob': 'batch.CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'rbac.Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'rbac.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'rbac.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'rbac.ClusterRoleBinding',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'authorization.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'authorization.SelfSubjectRulesReview',
  'v1/Service': 'core.Service',
  'v1/Endpoints': 'core.Endpoints',
  'discovery.k8s.io/v1/EndpointSlice': 'discovery.EndpointSlice',
};

function rootMessage(apiVersion: string, kind: string): string | undefined {
  if (kind === 'DeleteOptions') return 'meta.DeleteOptions';
  return ROOTS[`${apiVersion}/${kind}`];
}

interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

function readString(r: WireReader, wire: number, goName: string): string {
  if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${goName}`);
  return new TextDecoder().decode(r.bytes());
}

function readTypeMeta(bytes: Uint8Array): { apiVersion: string; kind: string } {
  const r = new WireReader(bytes);
  const out = { apiVersion: '', kind: '' };
  while (!r.done()) {
    const { field, wire } = r.tag('TypeMeta');
    if (field === 1) out.apiVersion = readString(r, wire, 'APIVersion');
    else if (field === 2) out.kind = readString(r, wire, 'Kind');
    else r.skip(wire);
  }
  return out;
}

/** The envelope, after the magic. Errors as protobuf.go's Decode words them. */
function readUnknown(body: Uint8Array): Unknown {
  if (body.length === 0) throw new EnvelopeError('empty data');
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw new EnvelopeError(
      `provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`,
    );
  }
  if (body.length === MAGIC.length) throw new EnvelopeError('empty body');
  const r = new WireReader(body, MAGIC.length);
  const out: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array() };
  try {
    while (!r.done()) {
      const { field, wire } = r.tag('Unknown');
      if (field === 1) {
        if (wire !== WIRE.bytes)
          throw new ProtobufError(`proto: wrong wireType = ${wire} for field TypeMeta`);
        Object.assign(out, readTypeMeta(r.bytes()));
      } else if (field === 2) {
        if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field Raw`);
        out.raw = r.bytes();
      } else {
        // contentEncoding and contentType: protobuf.go decodes raw as protobuf whatever they say.
        r.skip(wire);
      }
    }
  } catch (e) {
    if (e instanceof ProtobufError) throw new EnvelopeError(e.message);
    throw e;
  }
  return out;
}

/**
 * The version part of an apiVersion (`apps/v1` → `v1`, `v1` → `v1`); empty when there is none or the apiVersion
 * does not parse (`a/b/c`), in which case Go's FromAPIVersionAndKind keeps only the kind.
 */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  return parts.length > 2 ? '' : parts[parts.length - 1]!;
}

/**
 * Decodes a protobuf body into the object's JSON form.
 * @param body the whole request body, magic included
 * @param defaults the kind and apiVersion the endpoint expects, filling in what the envelope leaves empty
 *   (protobuf.go copyKindDefaults: the kind if empty; group and version together if the version is empty)
 */
export function decodeProtobufObject(
  body: Uint8Array,
  defaults: { kind: string; apiVersion: string },
): { [key: string]: JsonValue } {
  const unk = readUnknown(body);
  const kind = unk.kind || defaults.kind;
  const apiVersion = versionOf(unk.apiVersion) ? unk.apiVersion : defaults.apiVersion;
  const gvk = { kind, apiVersion };
  const message = rootMessage(apiVersion, kind);
  if (!message) {
    // runtime.NewNotRegisteredErrForKind's wording; the demo's scheme is the kinds it serves.
    throw new EnvelopeError(
      `no kind "${kind}" is registered for version "${apiVersion}" in scheme "podscope demo cluster"`,
      gvk,
    );
  }
  try {
    return { kind, apiVersion, ...decodeMessage(unk.raw, message) };
  } catch (e) {
    if (e instanceof ProtobufError) throw new EnvelopeError(e.message, gvk);
    throw e;
  }
}
