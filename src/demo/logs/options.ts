/**
 * The query of `GET …/pods/NAME/log` as the API server reads it: decoding as apimachinery converts query
 * parameters (a bad number is a 400), then `ValidatePodLogOptions` (pkg/apis/core/validation/validation.go;
 * a bad value is a 422 Invalid naming the field).
 */
import { parseRfc3339 } from './clock.js';
import { badRequest, type LogFailure } from './failure.js';

/** The log request's options, decoded and valid. */
export interface PodLogOptions {
  /** '' when the request names none. */
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /**
   * Epoch milliseconds, whole seconds: the API server forwards `sinceTime` to the kubelet formatted as RFC 3339
   * without a fraction (pkg/registry/core/pod/strategy.go `LogLocation`), so a fraction never counts.
   */
  sinceTime?: number;
}

/**
 * apimachinery's `Convert_Slice_string_To_bool`: only an absent parameter, "0" or "false" (any case) are false;
 * anything else, the empty string included, is true.
 */
function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}

/** An optional int64 parameter, as Go's `strconv.ParseInt` reads it; an empty value counts as absent. */
function int64(query: URLSearchParams, name: string): number | undefined | LogFailure {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v))
    return badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    return badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
  return n;
}

function isLogFailure(v: unknown): v is LogFailure {
  return typeof v === 'object' && v !== null && 'failure' in v;
}

interface FieldError {
  field: string;
  type: 'FieldValueInvalid' | 'FieldValueForbidden';
  body: string;
}

/** Decodes and validates the query of a log request for pod `podName`. */
export function parseLogOptions(query: URLSearchParams, podName: string): PodLogOptions | LogFailure {
  const tailLines = int64(query, 'tailLines');
  const limitBytes = int64(query, 'limitBytes');
  const sinceSeconds = int64(query, 'sinceSeconds');
  for (const v of [tailLines, limitBytes, sinceSeconds]) if (isLogFailure(v)) return v;
  let sinceTime: number | undefined;
  const rawSince = query.get('sinceTime');
  if (rawSince !== null && rawSince !== '') {
    const parsed = parseRfc3339(rawSince);
    if ('error' in parsed) return badRequest(parsed.error);
    sinceTime = Math.floor(parsed.ms / 1000) * 1000;
  }
  const options: PodLogOptions = {
    container: query.get('container') ?? '',
    follow: flag(query, 'follow'),
    previous: flag(query, 'previous'),
    timestamps: flag(query, 'timestamps'),
    ...(typeof tailLines === 'number' ? { tailLines } : {}),
    ...(typeof limitBytes === 'number' ? { limitBytes } : {}),
    ...(typeof sinceSeconds === 'number' ? { sinceSeconds } : {}),
    ...(sinceTime !== undefined ? { sinceTime } : {}),
  };

  const errors: FieldError[] = [];
  const invalid = (field: string, value: number, detail: string) =>
    errors.push({ field, type: 'FieldValueInvalid', body: `Invalid value: ${value}: ${detail}` });
  if (options.tailLines !== undefined && options.tailLines < 0) {
    invalid('tailLines', options.tailLines, 'must be greater than or equal to 0');
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1) {
    invalid('limitBytes', options.limitBytes, 'must be greater than 0');
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    errors.push({
      field: '',
      type: 'FieldValueForbidden',
      body: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    });
  } else if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
    invalid('sinceSeconds', options.sinceSeconds, 'must be greater than 0');
  }
  if (errors.length === 0) return options;

  // errors.NewInvalid: `Kind "name" is invalid: ` + the aggregate (one error bare, several in brackets).
  const texts = errors.map((e) => `${e.field}: ${e.body}`);
  const aggregate = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  return {
    failure: true,
    code: 422,
    reason: 'Invalid',
    message: `PodLogOptions ${JSON.stringify(podName)} is invalid: ${aggregate}`,
    details: {
      name: podName,
      kind: 'PodLogOptions',
      causes: errors.map((e) => ({ reason: e.type, message: e.body, field: e.field })),
    },
  };
}
