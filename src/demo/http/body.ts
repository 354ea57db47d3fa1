/**
 * Reading request bodies with a size limit, and decoding them: JSON, or for objects also Kubernetes protobuf
 * (`application/vnd.kubernetes.protobuf`, what client-go's typed clients — kubectl create namespace, create
 * deployment, debug node, drain — send; see ../protobuf/).
 */
import type { IncomingMessage } from 'node:http';
import { decodeProtobufObject, EnvelopeError, PROTOBUF_MEDIA_TYPE } from '../protobuf/envelope.js';

export class BodyError extends Error {
  constructor(
    /** 500 only for DeleteOptions that do not decode or decode to another kind: delete.go answers a plain error. */
    readonly code: 400 | 413 | 415 | 500,
    message: string,
  ) {
    super(message);
  }
}

const LIMIT = 3 * 1024 * 1024;

/** The raw body, refusing more than 3 MiB (the API server's own limit). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > LIMIT) {
        reject(new BodyError(413, 'Request entity too large: limit is 3145728'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The kind and apiVersion an endpoint decodes its body as (`Namespace`, `v1`). */
export interface BodyKind {
  kind: string;
  apiVersion: string;
}

/** The media type of the body, without parameters, lower-case (as Go's mime.ParseMediaType gives it). */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** hex.EncodeToString of the first 30 bytes, or the text when it looks like JSON (rest.go summarizeData). */
function summarize(body: Buffer): string {
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, 30);
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${text} ...` : text;
}

/**
 * A protobuf decode failure as the API server answers it. Create and update wrap it as a 400
 * (handlers/rest.go transformDecodeError): naming the sent kind once the envelope was read, else the kind
 * expected and a summary of the bytes. Delete hands a DeleteOptions decode error on as it is (handlers/delete.go
 * `scope.err(err, …)`), which is not a Status error and so answers 500 (responsewriters.ErrorToAPIStatus).
 */
function objectDecodeError(e: EnvelopeError, into: BodyKind, body: Buffer): BodyError {
  if (into.kind === 'DeleteOptions') return new BodyError(500, e.message);
  if (e.gvk) {
    const version = e.gvk.apiVersion.slice(e.gvk.apiVersion.indexOf('/') + 1);
    return new BodyError(
      400,
      `${e.gvk.kind} in version "${version}" cannot be handled as a ${into.kind}: ${e.message}`,
    );
  }
  return new BodyError(
    400,
    `the object provided is unrecognized (must be of type ${into.kind}): ${e.message} (${summarize(body)})`,
  );
}

/**
 * An object body — create, update, DeleteOptions — as its JSON object, whether it came as JSON or as protobuf;
 * undefined when empty. A JSON body that is not an object is a 400 with the decoder's complaint.
 */
export async function readObject(
  req: IncomingMessage,
  into: BodyKind,
): Promise<Record<string, unknown> | undefined> {
  const raw = await readBody(req);
  if (raw.length === 0) return undefined;
  if (mediaType(req) === PROTOBUF_MEDIA_TYPE) {
    try {
      return decodeProtobufObject(raw, into);
    } catch (e) {
      if (e instanceof EnvelopeError) throw objectDecodeError(e, into, raw);
      throw e;
    }
  }
  const parsed = parseJson(req, raw);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BodyError(400, 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Any JSON body (a JSON patch is an array); undefined when empty. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw.length === 0) return undefined;
  return parseJson(req, raw);
}

function parseJson(req: IncomingMessage, raw: Buffer): unknown {
  const type = req.headers['content-type'] ?? 'application/json';
  if (/yaml/.test(type) && !/apply-patch/.test(type)) {
    throw new BodyError(
      415,
      `the body of the request was in an unknown format - accepted media types include: application/json, application/vnd.kubernetes.protobuf`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new BodyError(400, `couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  return parsed;
}
