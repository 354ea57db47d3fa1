/** Reading request bodies with a size limit, and decoding JSON or YAML manifests. */
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly code: 400 | 413 | 415,
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

/** A JSON object body; anything else is a 400 with the decoder's complaint. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const parsed = await readJson(req);
  if (parsed === undefined) return undefined;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BodyError(400, 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Any JSON body (a JSON patch is an array); undefined when empty. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw.length === 0) return undefined;
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
