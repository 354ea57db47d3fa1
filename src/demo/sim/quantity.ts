/**
 * Resource quantities as the API server writes them back: apimachinery's `resource.Quantity` keeps a value and the
 * suffix family it was written in (binary `Ki`…, decimal SI `m`, `k`…, or an exponent `e3`) and prints its
 * canonical form — "0.5" comes back as "500m", "1.5Gi" as "1536Mi", "1000m" as "1", "1e3" stays "1e3". Values are
 * exact (BigInt nanounits), as the real ones are decimal, not floating point.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** A parsed quantity: `nanos` × 10⁻⁹, rounded up to the nanounit as ParseQuantity rounds. */
export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

const parsed = new Map<string, Quantity | undefined>();

/** Parses a quantity as ParseQuantity does; undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const q = parse(text);
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(text, q);
  return q;
}

function parse(text: string): Quantity | undefined {
  const m = SYNTAX.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let format: QuantityFormat;
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in BINARY) {
    format = 'BinarySI';
    exp2 = BINARY[suffix]!;
  } else if (suffix in DECIMAL) {
    format = 'DecimalSI';
    exp10 = DECIMAL[suffix]!;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    exp10 = Number(suffix.slice(1));
  } else return undefined;
  // value = digits × 2^exp2 × 10^(exp10 - frac.length); in nanounits: × 10^9.
  let num = BigInt(`${whole}${frac}` || '0') << BigInt(exp2);
  let scale = exp10 - frac.length + 9;
  let nanos: bigint;
  if (scale >= 0) nanos = num * 10n ** BigInt(scale);
  else {
    num = num < 0n ? -num : num;
    nanos = ceilDiv(num, 10n ** BigInt(-scale));
    scale = 0;
  }
  if (sign === '-') nanos = -nanos;
  // A binary quantity below one is written in decimal (ParseQuantity switches the format).
  if (format === 'BinarySI' && nanos > 0n && nanos < 1_000_000_000n) format = 'DecimalSI';
  return { nanos, format };
}

/** Rounds up to a multiple of 10^scale units (`RoundUp(resource.Milli)` is scale -3), as SetDefaults_ResourceList does. */
export function roundUp(q: Quantity, scale: number): Quantity {
  const unit = 10n ** BigInt(scale + 9);
  if (unit <= 1n) return q;
  const r = q.nanos % unit;
  if (r === 0n) return q;
  return { ...q, nanos: q.nanos > 0n ? q.nanos - r + unit : q.nanos - r };
}

/** The canonical text of a quantity (Quantity.String / CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const giga = 1_000_000_000n;
  if (format === 'BinarySI' && (abs < 1024n * giga || abs % giga !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let n = abs / giga;
    let k = 0;
    while (n % 1024n === 0n && k < 6) {
      n /= 1024n;
      k++;
    }
    return `${negative ? '-' : ''}${n}${BINARY_SUFFIX[k]}`;
  }
  // mantissa × 10^exp with the trailing zeros removed, then exp lowered to a multiple of 3.
  let n = abs;
  let exp = -9;
  while (n % 10n === 0n) {
    n /= 10n;
    exp++;
  }
  const down = ((exp % 3) + 3) % 3;
  n *= 10n ** BigInt(down);
  exp -= down;
  const suffix =
    format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : (DECIMAL_SUFFIX.get(exp) ?? `e${exp}`);
  return `${negative ? '-' : ''}${n}${suffix}`;
}

/** Canonical texts already worked out: pods repeat a handful of quantities thousands of times. */
const canonical = new Map<string, string>();

/** A quantity as the API server returns it; text that is no quantity is returned as is. */
export function canonicalQuantity(text: string, roundToMilli = false): string {
  const key = `${roundToMilli ? 'm' : ''}:${text}`;
  let out = canonical.get(key);
  if (out === undefined) {
    const q = parseQuantity(text);
    out = q ? formatQuantity(roundToMilli ? roundUp(q, -3) : q) : text;
    if (canonical.size > 10_000) canonical.clear();
    canonical.set(key, out);
  }
  return out;
}
