/**
 * Normalisation: only what must differ between two servers is replaced — uids, timestamps, resourceVersion
 * values (their presence is kept: an empty or absent version stays so; their order is observed by the scenarios
 * themselves, see Session.rvOrder), continue tokens (opaque), the server's URL, IPs, the random suffixes of
 * generated names, and ages. Everything else — codes, reasons, messages, field values — is compared as sent.
 */
import type { Json } from './observation.js';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g;
const SERVER = /https:\/\/127\.0\.0\.1:\d+/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
/** The API server's generateName alphabet (consonants and digits without vowels or look-alikes). */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
/** A ReplicaSet's pod: NAME-HASH-SUFFIX; a Job's or generateName's pod: NAME-SUFFIX. */
const RS_POD = new RegExp(`\\b([a-z][a-z0-9-]*?)-${SAFE}{6,10}-${SAFE}{5}\\b`, 'g');
const GENERATED = new RegExp(`\\b(db-migrate|diff-gen[a-z0-9-]*?)-${SAFE}{5}\\b`, 'g');
/**
 * The service-account token volume's name: kube-api-access- and five random characters. (The demo's suffix is
 * not from the API server's alphabet; that difference belongs to the pod defaults and is not compared here.)
 */
const TOKEN_VOLUME = /\bkube-api-access-[a-z0-9]{5}\b/g;
/** A resourceVersion inside text: YAML (`resourceVersion: "42"`) or JSON (`"resourceVersion":"42"`). */
const RV_TEXT = /("?resourceVersion"?:\s*)"\d+"/g;
/** kubectl's ages: 5s, 3m2s, 4h, 12d, 2d3h (and "(5m ago)" for restarts). */
export const AGE = /\b\d+[smhdy](\d+[smh])?\b/g;

/** Normalises one string as found anywhere (kubectl output, Status messages, field values). */
export function normaliseText(s: string): string {
  return s
    .replace(SERVER, '<server>')
    .replace(UUID, '<uid>')
    .replace(TIME, '<time>')
    .replace(IPV4, '<ip>')
    .replace(RS_POD, '$1-<hash>-<suffix>')
    .replace(GENERATED, '$1-<suffix>')
    .replace(TOKEN_VOLUME, 'kube-api-access-<suffix>')
    .replace(RV_TEXT, '$1"<rv>"');
}

/**
 * Normalises a command's output: as normaliseText, plus ages, and column padding (a table's columns are as wide
 * as their widest cell, which normalised values no longer show): runs of two or more spaces after text become two (indentation is kept).
 */
export function normaliseOutput(s: string): string {
  return normaliseText(s)
    .replace(AGE, '<age>')
    .replace(/(\S) {2,}/g, '$1  ')
    .replace(/ +$/gm, '');
}

/** Keys whose values are versions or tokens: kept only as "present" or not. */
const OPAQUE_KEYS = new Set(['resourceVersion', 'continue', 'uid']);

/** Normalises a JSON value for comparison. */
export function normalise(value: unknown): Json {
  return walk(value, undefined);
}

function walk(v: unknown, key: string | undefined): Json {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    if (key !== undefined && OPAQUE_KEYS.has(key)) return v === '' ? '' : `<${key}>`;
    return normaliseText(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, undefined));
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      out[k] = walk(x, k);
    }
    return out;
  }
  return String(v);
}
